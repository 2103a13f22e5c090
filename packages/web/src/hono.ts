/**
 * @apisig/web/hono: core's request flow (the guard) as Hono middleware,
 * `app.use('/v1/*', apisig(options))`, with the identity at `c.get('apisig')`. Every check,
 * reason and answer is core's; this binds Hono's Context and Response.
 *
 * @packageDocumentation
 */
// biome-ignore-all assist/source/organizeImports: exports grouped by concept, one line each
import type { ApiSigIdentity } from '@apisig/core';
import { createGuard, identityOf, type ServerOptions } from '@apisig/core/adapter';
import type { Context, MiddlewareHandler } from 'hono';
import { createMiddleware } from 'hono/factory';
import { failureResponse } from './verify.js';
import { joseVerifyingBackend } from './lib/verifying-backend.js';

export type { ApiSigIdentity } from '@apisig/core';
export type { ErrorVerdict, RefusedVerdict, Verdict } from '@apisig/core';
export type { OrganizationRecord, UserRecord, VerifyOptions } from '@apisig/core';

/**
 * The Env the middleware adds to a Hono app: `c.get('apisig')` is the request's identity.
 * Hono types a route by the app or chain it is declared on, so give it to the routes the
 * middleware guards: `new Hono<ApiSigEnv>()` for a sub-app mounted under the guarded path,
 * a chain (`new Hono().use(apisig(o)).get(...)`), or the middleware on the route itself.
 * A separate `app.use(apisig(o))` statement does not change `app`'s type.
 *
 * @example
 * ```ts
 * const v1 = new Hono<ApiSigEnv>();
 * v1.use(apisig({ users }));
 * v1.get('/me', (c) => c.json({ apiKey: c.get('apisig').apiKey }));
 * app.route('/v1', v1);
 * ```
 */
export type ApiSigEnv = { Variables: { apisig: ApiSigIdentity } };

/**
 * What `apisig()` takes: the verifier's options (`users`, `organizations`, `leeway`,
 * `maxTtl`, `clock`, `lookupTimeoutMs`), `onVerdict(verdict, c)` for logs and metrics,
 * `onRefusal(verdict, c)` for the app's own Response to a refusal, and `verifyPreflight`
 * (default false: a CORS preflight goes on unverified).
 *
 * @example
 * ```ts
 * const options: ApiSigHonoOptions = {
 *   users: (apiKey) => users.get(apiKey),
 *   onVerdict: (verdict, c) => console.log(c.req.path, verdict.ok ? verdict.mode : verdict.reason),
 * };
 * ```
 */
export type ApiSigHonoOptions = ServerOptions<Context, Response>;

/**
 * Hono middleware that verifies each request's headers. A verified request gets
 * `c.set('apisig', identity)` and goes on. A refusal is answered here, 401/403 JSON
 * `{ "error": reason, "header": name }` with `WWW-Authenticate` (or the app's `onRefusal`
 * Response); so is a lookup that threw or timed out (500 `lookup_failed`, 503
 * `lookup_timeout`, never the lookup's error), so it never reaches `app.onError`: log it from
 * `onVerdict`, which sees every verdict once. A CORS preflight goes on unverified, so
 * `hono/cors` answers it whichever comes first; mount `cors()` first so that refusals carry
 * `Access-Control-Allow-Origin` too. Options are checked here, once: bad ones throw
 * ApiSigError `invalid_option`.
 *
 * @example
 * ```ts
 * import { type ApiSigEnv, apisig } from '@apisig/web/hono';
 * import { Hono } from 'hono';
 *
 * const v1 = new Hono<ApiSigEnv>();
 * v1.use(apisig({ users: (apiKey) => users.get(apiKey) }));
 * v1.get('/me', (c) => c.json(c.get('apisig')));
 *
 * const app = new Hono();
 * app.route('/v1', v1);
 * ```
 */
export function apisig(options: ApiSigHonoOptions): MiddlewareHandler<ApiSigEnv> {
  const guard = createGuard<Context, Response>(joseVerifyingBackend, options);
  return createMiddleware<ApiSigEnv>(async (c, next) => {
    const verdict = await guard.check(c, c.req.method, c.req.raw.headers);
    if (verdict === 'preflight') return next();
    if (verdict.ok) {
      c.set('apisig', identityOf(verdict));
      return next();
    }
    return (await guard.refusal(verdict, c)) ?? failureResponse(verdict);
  });
}
