/**
 * @apisig/node/koa: `app.use(apisig(options))`, core's request flow (the guard) as Koa
 * middleware. Every check, reason and answer is core's; this maps them onto the context.
 *
 * @packageDocumentation
 */
import type { ApiSigIdentity } from '@apisig/core';
import { createGuard, identityOf, type ServerOptions } from '@apisig/core/adapter';
import type { Middleware, ParameterizedContext } from 'koa';
import { jsonwebtokenBackend } from './lib/backend.js';
import { refusalAnswer } from './lib/verdict-answer.js';
import type { NodeRefusal } from './middleware.js';

export type { ApiSigIdentity } from '@apisig/core';
export type { NodeRefusal } from './middleware.js';

/**
 * What the middleware adds to `ctx.state`: pass it to Koa (`new Koa<ApiSigState>()`,
 * `new Router<ApiSigState>()`) or chain after `use(apisig(...))` to have
 * `ctx.state.apisig` typed. Absent only on a CORS preflight the middleware let through.
 *
 * @example
 * ```ts
 * const app = new Koa<ApiSigState>();
 * app.use(apisig({ users }));
 * app.use((ctx) => {
 *   ctx.body = { apiKey: ctx.state.apisig?.apiKey };
 * });
 * ```
 */
export interface ApiSigState {
  /** Who the verified request comes from, and how it authenticated. */
  apisig?: ApiSigIdentity;
}

/**
 * What the Koa middleware takes: the verifier's options, `onVerdict(verdict, ctx)` for logs
 * and metrics, `onRefusal(verdict, ctx)` for the app's own failure answer (written as JSON),
 * and `verifyPreflight` (default false: a CORS preflight goes on unverified).
 *
 * @example
 * ```ts
 * const options: ApiSigKoaOptions = {
 *   users: (apiKey) => users.get(apiKey),
 *   onVerdict: (verdict, ctx) => console.log(ctx.path, verdict.ok),
 * };
 * ```
 */
export type ApiSigKoaOptions = ServerOptions<ParameterizedContext<ApiSigState>, NodeRefusal>;

/**
 * Koa middleware that verifies each request's headers. On success it sets
 * `ctx.state.apisig` and calls `next()`. A refusal is answered 401/403
 * `{ "error": reason, "header": name }` with `WWW-Authenticate`, and a lookup that throws or
 * times out 500/503 `{ "error": reason }` (or the app's `onRefusal` answer): `ctx.status`,
 * headers and a JSON body, never a thrown error, and `next()` is not called. A CORS preflight
 * goes on unverified, for @koa/cors. Options are checked here, once: bad ones throw
 * ApiSigError `invalid_option`.
 *
 * @example
 * ```ts
 * import Koa from 'koa';
 * import { type ApiSigState, apisig } from '@apisig/node/koa';
 *
 * const app = new Koa<ApiSigState>();
 * app.use(apisig({ users: (apiKey) => users.get(apiKey) }));
 * app.use((ctx) => {
 *   ctx.body = ctx.state.apisig;
 * });
 * ```
 */
export function apisig(options: ApiSigKoaOptions): Middleware<ApiSigState> {
  const guard = createGuard<ParameterizedContext<ApiSigState>, NodeRefusal>(
    jsonwebtokenBackend,
    options,
  );
  // An onVerdict or onRefusal that throws rejects: Koa's error handling answers.
  return async (ctx, next) => {
    const verdict = await guard.check(ctx, ctx.method, ctx.headers);
    if (verdict === 'preflight') return next(); // @koa/cors (or the router) answers it
    if (verdict.ok) {
      ctx.state.apisig = identityOf(verdict);
      return next();
    }
    const answer = refusalAnswer(verdict, await guard.refusal(verdict, ctx));
    ctx.status = answer.status;
    ctx.set(answer.headers);
    ctx.body = answer.text; // a string: Koa keeps the JSON content type set above
  };
}
