/**
 * One Hono app for every runtime the Hono binding is tested on: Node (@hono/node-server, the
 * TypeScript source), Bun and Deno (Bun.serve / Deno.serve, the BUILT package by its name).
 * Plain TypeScript over hono and web-standard APIs only; the caller hands in `apisig`, the
 * cast (as JSON) and gets back the app and its verdict log.
 *
 * Routes: each prefix mounts the middleware one way (`/v1` a typed sub-app, `/chained` a
 * chain, `/route-level` on the route itself) or with hono/cors in one order or the other;
 * every one serves `GET /me` with the identity. `/log` lists what onVerdict saw (by the
 * request's `x-test-id`), `/crash` throws an Error to Hono's default onError.
 */
import { Hono, type MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';
// Type-only: erased before Bun or Deno run this file.
import type { ApiSigEnv, ApiSigHonoOptions, apisig as Apisig } from '../../src/hono.js';

interface Credentials {
  apiKey: string;
  jwtKey?: string;
}

export interface HonoAppInput {
  alice: Credentials;
  bob: Credentials;
  carol: Credentials;
  mallory: Credentials;
  acme: { appKey: string; appSecret: string };
  acmeMembers: string[];
}

/** What onVerdict saw for one request: never a token, a secret or what a lookup threw. */
export interface LoggedVerdict {
  id: string | null;
  path: string;
  ok: boolean;
  reason?: string;
  mode?: string;
  /** The code of the error an error verdict carries (`lookup_failed`...). */
  errorCode?: string;
}

/** A user whose lookup throws, with a secret in the message, and one whose lookup hangs. */
export const BOOM_KEY = 'ak_boom';
export const SLOW_KEY = 'ak_slow';
export const LEAKY_MESSAGE = 'directory down: postgres://admin:hunter2@db';
export const CRASH_MARKER = 'route crashed on purpose 7f3a';
export const ALLOWED_ORIGIN = 'https://app.example';

export const PREFIXES = [
  'v1',
  'chained',
  'route-level',
  'cors-first',
  'cors-after',
  'strict',
  'own',
  'bare',
] as const;

export function makeHonoApp(apisig: typeof Apisig, cast: HonoAppInput) {
  const log: LoggedVerdict[] = [];
  const users = (apiKey: string) => {
    if (apiKey === BOOM_KEY) throw new Error(LEAKY_MESSAGE);
    if (apiKey === SLOW_KEY) return new Promise<never>(() => {});
    const user = [cast.alice, cast.bob, cast.carol, cast.mallory].find((u) => u.apiKey === apiKey);
    return user === undefined ? null : user.jwtKey ? { jwtKey: user.jwtKey } : {};
  };
  const options: ApiSigHonoOptions = {
    users,
    organizations: (appKey) =>
      appKey === cast.acme.appKey
        ? { appSecret: cast.acme.appSecret, isMember: (key) => cast.acmeMembers.includes(key) }
        : null,
    lookupTimeoutMs: 50,
    onVerdict(verdict, c) {
      const id = c.req.header('x-test-id') ?? null;
      const entry: LoggedVerdict = { id, path: c.req.path, ok: verdict.ok };
      if (verdict.ok) entry.mode = verdict.mode;
      else entry.reason = verdict.reason;
      if (!verdict.ok && 'error' in verdict) {
        entry.errorCode = (verdict.error as { code?: string }).code;
      }
      log.push(entry);
    },
  };
  const corsLayer = cors({
    origin: ALLOWED_ORIGIN,
    allowHeaders: ['x-api-key', 'x-signature', 'x-app-key', 'x-app-signature'],
  });

  /** A sub-app typed by ApiSigEnv: the pattern the README recommends. */
  const guarded = (...middleware: MiddlewareHandler[]) => {
    const sub = new Hono<ApiSigEnv>();
    for (const layer of middleware) sub.use(layer);
    sub.get('/me', (c) => c.json(c.get('apisig')));
    return sub;
  };

  const app = new Hono();
  app.route('/v1', guarded(apisig(options)));
  app.route(
    '/chained',
    new Hono().use(apisig(options)).get('/me', (c) => c.json(c.get('apisig'))),
  );
  app.get('/route-level/me', apisig(options), (c) => c.json(c.get('apisig')));
  app.route('/cors-first', guarded(corsLayer, apisig(options)));
  app.route('/cors-after', guarded(apisig(options), corsLayer));
  app.route('/strict', guarded(apisig({ ...options, verifyPreflight: true }), corsLayer));
  app.route(
    '/own',
    guarded(
      apisig({
        ...options,
        onRefusal: (verdict, c) =>
          verdict.reason === 'unknown_api_key'
            ? c.json({ message: 'who are you?' }, 401)
            : undefined,
      }),
    ),
  );
  // No CORS layer: a preflight let through reaches the route's own OPTIONS handler.
  const bare = guarded(apisig(options));
  bare.on('OPTIONS', '/me', (c) => c.json({ handler: 'ran', identity: c.get('apisig') ?? null }));
  app.route('/bare', bare);

  app.get('/log', (c) => c.json(log));
  app.get('/crash', () => {
    throw new Error(CRASH_MARKER);
  });
  return { app, log };
}
