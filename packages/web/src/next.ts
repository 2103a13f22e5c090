/**
 * @apisig/web/next: core's request flow (the guard) for Next.js App Router route handlers,
 * `export const GET = withApiSig(options, handler)`, and for `middleware.ts` / `proxy.ts`,
 * `export const middleware = apisigMiddleware(options)`. Only Request and Response: no
 * import from `next`, so it runs in the Node.js and the Edge runtime alike.
 *
 * @packageDocumentation
 */
// biome-ignore-all assist/source/organizeImports: exports grouped by concept, one line each
import type { ApiSigIdentity } from '@apisig/core';
import { createGuard, identityOf, type Guard, type ServerOptions } from '@apisig/core/adapter';
import { failureResponse } from './verify.js';
import { joseVerifyingBackend } from './lib/verifying-backend.js';

export type { ApiSigIdentity } from '@apisig/core';
export type { ErrorVerdict, RefusedVerdict, Verdict } from '@apisig/core';
export type { OrganizationRecord, UserRecord, VerifyOptions } from '@apisig/core';

/**
 * What `withApiSig()` and `apisigMiddleware()` take: the verifier's options (`users`,
 * `organizations`, `leeway`, `maxTtl`, `clock`, `lookupTimeoutMs`), `onVerdict(verdict,
 * request)` for logs and metrics, `onRefusal(verdict, request)` for the app's own Response to
 * a refusal, and `verifyPreflight` (default false: a CORS preflight is not verified).
 *
 * @example
 * ```ts
 * const options: ApiSigNextOptions = {
 *   users: (apiKey) => db.users.find(apiKey),
 *   onVerdict: (verdict, request) => console.log(request.url, verdict.ok || verdict.reason),
 * };
 * ```
 */
export type ApiSigNextOptions = ServerOptions<Request, Response>;

/**
 * A route handler that runs only for a verified request, with its identity and the context
 * Next.js passes (`params`).
 *
 * @example
 * ```ts
 * const handler: ApiSigRouteHandler<{ params: Promise<{ id: string }> }> = async (
 *   _request, identity, { params },
 * ) => Response.json({ id: (await params).id, apiKey: identity.apiKey });
 * ```
 */
export type ApiSigRouteHandler<Context = unknown, Req extends Request = Request> = (
  request: Req,
  identity: ApiSigIdentity,
  context: Context,
) => Response | Promise<Response>;

/** What the guard made of one request: who it is, a preflight, or the Response that ends it. */
type Outcome =
  | { kind: 'verified'; identity: ApiSigIdentity }
  | { kind: 'preflight' }
  | { kind: 'answered'; response: Response };

async function decide(guard: Guard<Request, Response>, request: Request): Promise<Outcome> {
  const verdict = await guard.check(request, request.method, request.headers);
  if (verdict === 'preflight') return { kind: 'preflight' };
  if (verdict.ok) return { kind: 'verified', identity: identityOf(verdict) };
  const response = (await guard.refusal(verdict, request)) ?? failureResponse(verdict);
  return { kind: 'answered', response };
}

/**
 * Wraps an App Router route handler: the handler runs only for a verified request, with its
 * identity and Next's own context. A refusal is answered 401/403 JSON `{ "error": reason,
 * "header": name }` with `WWW-Authenticate` (or the app's `onRefusal` Response); a lookup that
 * threw or timed out 500 `lookup_failed` / 503 `lookup_timeout` (never the lookup's error:
 * log it from `onVerdict`). A CORS preflight is not verified and never reaches the handler
 * either: it gets a bare 204, as from Next's automatic OPTIONS, so answer CORS in your own
 * `OPTIONS` export (unwrapped) or in middleware. Options are checked here, once, when the
 * route module loads (`next build` included): bad ones throw ApiSigError `invalid_option`.
 *
 * @example
 * ```ts
 * // app/api/items/[id]/route.ts
 * import { withApiSig } from '@apisig/web/next';
 *
 * export const GET = withApiSig(
 *   { users: (apiKey) => db.users.find(apiKey) },
 *   async (_request, identity, context: { params: Promise<{ id: string }> }) => {
 *     const { id } = await context.params;
 *     return Response.json({ id, owner: identity.apiKey });
 *   },
 * );
 * ```
 */
export function withApiSig<Context = unknown, Req extends Request = Request>(
  options: ApiSigNextOptions,
  handler: ApiSigRouteHandler<Context, Req>,
): (request: Req, context: Context) => Promise<Response> {
  const guard = createGuard<Request, Response>(joseVerifyingBackend, options);
  return async (request, context) => {
    const outcome = await decide(guard, request);
    if (outcome.kind === 'verified') return handler(request, outcome.identity, context);
    // A preflight has no next layer here: the handler's answer would go out unverified.
    return outcome.kind === 'answered' ? outcome.response : new Response(null, { status: 204 });
  };
}

/**
 * A gate for `middleware.ts` (Edge runtime) or `proxy.ts` (Node.js): resolves to the Response
 * that refuses the request, or to `undefined`, which Next.js takes as "go on" (as it takes
 * `NextResponse.next()`). It forwards no identity: a header set here would be trusted by
 * routes outside the matcher too, where a client can send it itself. Keep `withApiSig` in
 * every handler as the guard; this refuses early, for a whole path. A CORS preflight goes on
 * unverified, for the route's `OPTIONS` to answer.
 *
 * @example
 * ```ts
 * // middleware.ts (or proxy.ts with `export const proxy`)
 * import { apisigMiddleware } from '@apisig/web/next';
 *
 * export const middleware = apisigMiddleware({ users: (apiKey) => users.get(apiKey) });
 * export const config = { matcher: '/api/:path*' };
 * ```
 */
export function apisigMiddleware(
  options: ApiSigNextOptions,
): (request: Request) => Promise<Response | undefined> {
  const guard = createGuard<Request, Response>(joseVerifyingBackend, options);
  return async (request) => {
    const outcome = await decide(guard, request);
    return outcome.kind === 'answered' ? outcome.response : undefined;
  };
}
