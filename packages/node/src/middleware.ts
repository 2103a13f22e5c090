/**
 * `apisig(options)`: core's verifier as node:http / Express / Connect middleware. Every check
 * and reason is core's; this only maps a result onto a response.
 */
import { failureBody, type VerifyOptions, type VerifySuccess } from '@apisig/core';
import { failUnexpectedly, type NodeHandler, sendJson } from './respond.js';
import { createVerifier } from './verify.js';

/**
 * Who a verified request comes from, and how it authenticated: the verifier's success result
 * without `ok`. What the middleware puts on `req.apisig`.
 *
 * @example
 * ```ts
 * app.get('/v1/me', (request, response) => {
 *   const identity: ApiSigIdentity | undefined = request.apisig;
 *   response.json({ apiKey: identity?.apiKey, mode: identity?.mode });
 * });
 * ```
 */
export type ApiSigIdentity = Omit<VerifySuccess, 'ok'>;

// Express's Request extends IncomingMessage, so this types `req.apisig` for both.
// (`node:http` re-exports `http`; the class to merge with is declared in `http`.)
declare module 'http' {
  interface IncomingMessage {
    /** Set by the apisig middleware on a verified request; absent otherwise. */
    apisig?: ApiSigIdentity;
  }
}

/**
 * Middleware for node:http, Express and Connect that verifies each request's headers. On
 * success it sets `req.apisig`, calls `next()` and resolves true; on failure it answers
 * 401/403 `{ "error": reason, "header": name }` and resolves false. A lookup that throws or
 * times out goes to `next(err)` (plain node:http: a bare 500), never through. Options are
 * validated here, once: bad ones throw ApiSigError.
 *
 * @example
 * ```ts
 * import { apisig } from '@apisig/node';
 * import express from 'express';
 *
 * const app = express();
 * app.use('/v1', apisig({ users: (apiKey) => users.get(apiKey) }));
 * app.get('/v1/me', (request, response) => response.json(request.apisig));
 * ```
 */
export function apisig(options: VerifyOptions): NodeHandler<boolean> {
  const verify = createVerifier(options);
  return async (request, response, next) => {
    let result: Awaited<ReturnType<typeof verify>>;
    try {
      result = await verify(request.headers);
    } catch (error) {
      failUnexpectedly(response, error, next);
      return false;
    }
    if (!result.ok) {
      sendJson(response, result.status, failureBody(result));
      return false;
    }
    const { ok: _ok, ...identity } = result;
    request.apisig = identity;
    next?.();
    return true;
  };
}
