/**
 * The test API server: node:http on 127.0.0.1, verifying with @apisig/web/verify (a fetch
 * `Request` in, a `Response` out, as in a Worker). It answers CORS preflight and exposes
 * `Date`, so a browser page on another origin can call it and read the server's clock.
 * Under AHEAD_PREFIX its clock (and Date header) runs AHEAD_MS ahead.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { remoteSigningAnswer } from '@apisig/core/adapter';
import { type LoopbackServer, listenOnLoopback } from '@apisig/test-support';
import { acmeMembers } from '@apisig/test-support/cast';
import { createSigner } from '../../src/index.js';
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

/** The API server, and another origin it can redirect to, which logs what reaches it. */
export interface TestServers extends LoopbackServer {
  /** Another origin (another port): `GET /log` lists what reached it, auth headers by name. */
  trapUrl: string;
}

/** Our four header names and authorization: none may reach another origin. */
const AUTH_NAMES = ['x-api-key', 'x-signature', 'x-app-key', 'x-app-signature', 'authorization'];

async function startTrap(): Promise<LoopbackServer> {
  const log: Array<{ path: string; auth: string[] }> = [];
  return listenOnLoopback((req, res) => {
    const path = req.url ?? '/';
    if (path === '/log') {
      res.writeHead(200, { ...CORS, 'content-type': 'application/json' });
      res.end(JSON.stringify(log));
      return;
    }
    log.push({ path, auth: AUTH_NAMES.filter((name) => req.headers[name] !== undefined) });
    res.writeHead(200, { ...CORS, 'content-type': 'text/plain' });
    res.end('elsewhere');
  });
}

export async function startApiServer(): Promise<TestServers> {
  const trap = await startTrap();
  const api = await startApi(trap.url);
  return {
    ...api,
    trapUrl: trap.url,
    close: async () => {
      await Promise.all([api.close(), trap.close()]);
    },
  };
}

function startApi(trapUrl: string): Promise<LoopbackServer> {
  const attempts = new Map<string, string[]>();
  const remoteSigner = createSigner(alice);

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
    // A signing endpoint for the remote signer, one that redirects away, one that answers 50 MB.
    if (req.url === '/sign' || req.url === '/sign-away' || req.url === '/sign-huge') {
      await readBody(req);
      if (req.url === '/sign-away') {
        res.writeHead(307, { ...CORS, location: `${trapUrl}/sign` });
        res.end();
        return;
      }
      res.writeHead(200, { ...CORS, 'content-type': 'application/json' });
      if (req.url === '/sign-huge') {
        const chunk = Buffer.alloc(64 * 1024, 0x20);
        res.write('{"headers":{"x-api-key":"ak"},"pad":"');
        for (let sent = 0; sent < 50 * 1024 * 1024 && !res.destroyed; sent += chunk.length) {
          if (!res.write(chunk))
            await new Promise((resolve) => res.once('drain', resolve).once('close', resolve));
        }
        res.end('"}');
        return;
      }
      res.end(JSON.stringify(remoteSigningAnswer(await remoteSigner.sign(), Date.now())));
      return;
    }
    // Redirects: within the API (followed, signed again), and to another origin.
    if (req.url?.startsWith('/redirect-home')) {
      res.writeHead(307, {
        ...CORS,
        location: `/v1/echo${req.url.slice('/redirect-home'.length)}`,
      });
      res.end();
      return;
    }
    if (req.url?.startsWith('/redirect-away')) {
      res.writeHead(302, { ...CORS, location: `${trapUrl}/landing` });
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
