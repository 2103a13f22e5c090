/**
 * The reference API server: @apisig/node's middleware in front of two endpoints, the
 * remote-signer endpoint for the SPA, CORS for the SPA's origin, and one log line per verdict.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import {
  type ApiSigIdentity,
  type AuthMode,
  apisig,
  createSigner,
  createSigningHandler,
  type Verdict,
} from '@apisig/node';
import { handleCors } from './cors.js';
import { seed as defaultSeed, findOrganization, findUser, type Seed, seedLookups } from './seed.js';
import { formatVerdict, type Log } from './verdict-log.js';

export interface PlaygroundServerOptions {
  /** Users and organizations. Default: seed.json. */
  seed?: Seed;
  /** Origins whose browsers may call the API (the SPA's). */
  allowedOrigins?: Iterable<string>;
  /** Where verdict lines go. Default: console.log. */
  log?: Log;
}

/** What an accepted request gets back. */
export interface Accepted {
  verdict: 'accepted';
  /** How the request authenticated: the verifier's own word for it. */
  authenticatedWith: AuthMode;
  user: { name: string; apiKey: string };
  organization: { name: string; appKey: string } | null;
  serverTime: string;
  echo?: unknown;
}

const MAX_BODY_BYTES = 64 * 1024;

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.statusCode = status;
  response.setHeader('content-type', 'application/json; charset=utf-8');
  response.setHeader('cache-control', 'no-store');
  response.end(JSON.stringify(body));
}

class BadRequest extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
  ) {
    super(code);
  }
}

async function readBody(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new BadRequest(413, 'body_too_large');
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text === '') return null;
  if (!request.headers['content-type']?.includes('json')) return text;
  try {
    return JSON.parse(text);
  } catch {
    throw new BadRequest(400, 'invalid_json');
  }
}

function describe(identity: ApiSigIdentity, data: Seed): Accepted {
  const user = findUser(data, identity.apiKey);
  const organization = identity.appKey ? findOrganization(data, identity.appKey) : undefined;
  return {
    verdict: 'accepted',
    authenticatedWith: identity.mode,
    user: { name: user?.name ?? 'unknown', apiKey: identity.apiKey },
    organization: organization ? { name: organization.name, appKey: organization.appKey } : null,
    serverTime: new Date().toISOString(),
  };
}

function acceptedDetail(answer: Accepted): string {
  const how = answer.authenticatedWith.startsWith('signed') ? 'API key + JWT' : 'API key';
  const via = answer.organization ? ` via ${answer.organization.name}` : '';
  return `${answer.user.name}, ${how}${via}`;
}

export function createPlaygroundServer(options: PlaygroundServerOptions = {}): Server {
  const data = options.seed ?? defaultSeed;
  const allowedOrigins = new Set(options.allowedOrigins ?? []);
  const log = options.log ?? ((line: string) => console.log(line));

  // The middleware reports each request's verdict; the log line says why a request was refused.
  const verdicts = new WeakMap<IncomingMessage, Verdict>();
  const guard = apisig({
    ...seedLookups(data),
    onVerdict: (verdict, request) => verdicts.set(request, verdict),
  });
  const remoteUser = findUser(data, data.remoteSigner);
  if (!remoteUser?.jwtKey) throw new Error('seed: remoteSigner must name a user with a JWT key');
  const signHandler = createSigningHandler({
    signer: createSigner({ apiKey: remoteUser.apiKey, jwtKey: remoteUser.jwtKey }),
    // A real app reads its session here. The playground's "session" is being on loopback:
    // a browser on an allowed origin, or a script (no Origin header).
    authorize: (request) => {
      const origin = request.headers.origin;
      return origin === undefined || allowedOrigins.has(origin);
    },
  });

  const route = async (
    request: IncomingMessage,
    response: ServerResponse,
    path: string,
  ): Promise<[outcome: string, detail: string] | null> => {
    if (path === '/' || path === '/v1/health') {
      sendJson(response, 200, {
        service: 'apisig playground API',
        endpoints: ['GET /v1/whoami', 'POST /v1/echo', 'POST /sign'],
      });
      return null;
    }
    if (path === '/sign') {
      await signHandler(request, response);
      if (response.statusCode === 200) return ['signed', `headers for ${remoteUser.name}`];
      return ['refused', response.statusCode === 405 ? 'method_not_allowed' : 'unauthorized'];
    }
    const endpoint = { '/v1/whoami': 'GET', '/v1/echo': 'POST' }[path];
    if (endpoint === undefined) {
      sendJson(response, 404, { error: 'not_found' });
      return null;
    }
    if (request.method !== endpoint) {
      response.setHeader('allow', endpoint);
      sendJson(response, 405, { error: 'method_not_allowed' });
      return null;
    }
    if (!(await guard(request, response)) || !request.apisig) {
      const verdict = verdicts.get(request);
      if (verdict === undefined || verdict.ok) return ['refused', 'preflight'];
      const user = verdict.apiKey === undefined ? undefined : findUser(data, verdict.apiKey);
      const who = user ? `, ${user.name}` : '';
      const where = 'header' in verdict ? ` (${verdict.header})` : '';
      return ['refused', `${verdict.reason}${where}${who}`];
    }
    const accepted = describe(request.apisig, data);
    if (path === '/v1/echo') accepted.echo = await readBody(request);
    sendJson(response, 200, accepted);
    return ['accepted', acceptedDetail(accepted)];
  };

  return createServer((request, response) => {
    const startedAt = Date.now();
    const method = request.method ?? 'GET';
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    if (handleCors(request, response, allowedOrigins)) return;
    route(request, response, path).then(
      (verdict) => {
        if (verdict === null) return;
        const [outcome, detail] = verdict;
        log(
          formatVerdict({ method, path, status: response.statusCode, outcome, detail, startedAt }),
        );
      },
      (error: unknown) => {
        const known = error instanceof BadRequest;
        if (!response.headersSent) {
          sendJson(response, known ? error.status : 500, {
            error: known ? error.code : 'internal_error',
          });
        }
        const detail = known ? error.code : (error as Error)?.name;
        log(
          formatVerdict({
            method,
            path,
            status: response.statusCode,
            outcome: 'error',
            detail,
            startedAt,
          }),
        );
      },
    );
  });
}
