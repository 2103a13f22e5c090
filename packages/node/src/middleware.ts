/**
 * `apisig(options)`: core's verifier as node:http / Express / Connect middleware. Every check
 * and reason is core's; this only maps a result onto a response.
 */
import { createVerifierEngine, failureBody, type VerifyOptions } from '@apisig/core';
import { jsonwebtokenBackend } from './backend.js';
import { failUnexpectedly, type NodeHandler, sendJson } from './respond.js';

/** Who a verified request comes from: what the middleware puts on `req.apisig`. */
export interface ApiSigIdentity {
  apiKey: string;
  /** The organization's App Key when the request came through one. */
  appKey?: string;
  /** True when `x-signature` was present and verified. */
  signed: boolean;
}

// Express's Request extends IncomingMessage, so this types `req.apisig` for both.
// (`node:http` re-exports `http`; the class to merge with is declared in `http`.)
declare module 'http' {
  interface IncomingMessage {
    /** Set by the apisig middleware on a verified request; absent otherwise. */
    apisig?: ApiSigIdentity;
  }
}

/**
 * Verifies each request's headers. On success it sets `req.apisig`, calls `next()` and
 * resolves true; on failure it answers 401/403 `{ "error": reason, "header": name }` and
 * resolves false. A lookup that throws or times out goes to `next(err)` (plain node:http:
 * a bare 500), never through. Options are validated here, once: bad ones throw ApiSigError.
 */
export function apisig(options: VerifyOptions): NodeHandler<boolean> {
  const verify = createVerifierEngine(jsonwebtokenBackend, options);
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
    const identity: ApiSigIdentity = { apiKey: result.apiKey, signed: result.signed };
    if (result.appKey !== undefined) identity.appKey = result.appKey;
    request.apisig = identity;
    next?.();
    return true;
  };
}
