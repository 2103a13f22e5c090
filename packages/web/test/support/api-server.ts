/**
 * The test API server: node:http on 127.0.0.1, verifying with @apisig/web/verify (a fetch
 * `Request` in, a `Response` out, as in a Worker). It answers CORS preflight and exposes
 * `Date`, so a browser page on another origin can call it and read the server's clock.
 * Under AHEAD_PREFIX its clock (and Date header) runs AHEAD_MS ahead.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type LoopbackServer, listenOnLoopback } from '@apisig/test-support';
import { acmeMembers } from '@apisig/test-support/cast';
import { failureResponse, verifyRequest } from '../../src/verify.js';
import { AHEAD_MS, AHEAD_PREFIX, acme, alice, bob, carol, type EchoBody } from './credentials.js';

const users = new Map<string, { jwtKey?: string }>([
  [alice.apiKey, { jwtKey: alice.jwtKey }],
  [bob.apiKey, {}],
  [carol.apiKey, {}],
]);
const members = new Set<string>(acmeMembers);

const CORS = {
  'access-control-allow-origin': '*',
  'access-control-expose-headers': 'Date',
};

function toRequest(req: IncomingMessage, body: string): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  const method = req.method ?? 'GET';
  const hasBody = method !== 'GET' && method !== 'HEAD';
  return new Request(`http://127.0.0.1${req.url ?? '/'}`, {
    method,
    headers,
    body: hasBody ? body : undefined,
  });
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

async function send(res: ServerResponse, response: Response, date: string | undefined) {
  const headers: Record<string, string> = { ...CORS };
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  if (date !== undefined) headers.date = date;
  res.writeHead(response.status, headers);
  res.end(await response.text());
}

export function startApiServer(): Promise<LoopbackServer> {
  const attempts = new Map<string, string[]>();

  return listenOnLoopback(async (req, res) => {
    if (req.method === 'OPTIONS') {
      res.writeHead(204, {
        ...CORS,
        'access-control-allow-methods': 'GET, POST, PUT, DELETE',
        'access-control-allow-headers': req.headers['access-control-request-headers'] ?? '',
        'access-control-max-age': '600',
      });
      res.end();
      return;
    }
    const ahead = req.url?.startsWith(AHEAD_PREFIX) ?? false;
    const clock = () => Date.now() + (ahead ? AHEAD_MS : 0);
    const date = ahead ? new Date(clock()).toUTCString() : undefined;
    const body = await readBody(req);
    const request = toRequest(req, body);

    const id = new URL(request.url).searchParams.get('id');
    const seen = id === null ? [body] : (attempts.get(id) ?? []).concat(body);
    if (id !== null) attempts.set(id, seen);

    const result = await verifyRequest(request, {
      users: (apiKey) => users.get(apiKey),
      organizations: (appKey) =>
        appKey === acme.appKey
          ? { appSecret: acme.appSecret, isMember: (apiKey) => members.has(apiKey) }
          : undefined,
      clock,
    });
    if (!result.ok) return send(res, failureResponse(result), date);
    const echo: EchoBody = {
      ok: true,
      apiKey: result.apiKey,
      ...(result.appKey === undefined ? {} : { appKey: result.appKey }),
      signed: result.signed,
      mode: result.mode,
      attempts: seen.length,
      bodies: seen,
      trace: request.headers.get('x-trace'),
    };
    return send(res, Response.json(echo), date);
  });
}
