/**
 * `apisig(options)`: core's request flow (the guard) as node:http / Express / Connect
 * middleware. Every check, reason and answer is core's; this maps them onto a response.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApiSigIdentity, ErrorVerdict, RefusedVerdict, ServerOptions } from '@apisig/core';
import { createGuard, failureAnswer, identityOf } from '@apisig/core/adapter';
import { jsonwebtokenBackend } from './lib/backend.js';
import { type NextFunction, type NodeHandler, sendJson } from './respond.js';

/**
 * What the app may answer a refused (or unjudgeable) request with, instead of the standard
 * `{ error, header }`: the middleware writes it as JSON.
 *
 * @example
 * ```ts
 * const answer: NodeRefusal = { status: 401, body: { message: 'Sign in again' } };
 * ```
 */
export interface NodeRefusal {
  status: number;
  headers?: Record<string, string>;
  body: unknown;
}

/**
 * What `apisig()` takes: the verifier's options, `onVerdict(verdict, request)` for logs and
 * metrics, `onRefusal(verdict, request)` for the app's own failure answer, and
 * `verifyPreflight` (default false: a CORS preflight goes on unverified).
 *
 * @example
 * ```ts
 * const options: ApiSigOptions = {
 *   users: (apiKey) => users.get(apiKey),
 *   onVerdict: (verdict) => log.info({ apisig: verdict }),
 * };
 * ```
 */
export type ApiSigOptions = ServerOptions<IncomingMessage, NodeRefusal>;

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
 * success it sets `req.apisig`, calls `next()` and resolves true. A refusal is answered
 * 401/403 `{ "error": reason, "header": name }` with `WWW-Authenticate` (or the app's
 * `onRefusal` answer) and resolves false. A lookup that throws or times out goes to
 * `next(err)` with Express and Connect (plain node:http: a 500, or 503 for a timeout), never
 * through. A CORS preflight goes on unverified, so mount it after your CORS middleware or
 * before, as you like. Options are checked here, once: bad ones throw ApiSigError.
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
export function apisig(options: ApiSigOptions): NodeHandler<boolean> {
  const guard = createGuard<IncomingMessage, NodeRefusal>(jsonwebtokenBackend, options);
  /** The app's own answer, else (with Express/Connect) an error to their handler, else ours. */
  const refuse = async (
    verdict: RefusedVerdict | ErrorVerdict,
    request: IncomingMessage,
    response: ServerResponse,
    next: NextFunction | undefined,
  ) => {
    const own = await guard.refusal(verdict, request);
    if (own !== undefined) sendJson(response, own.status, own.body, own.headers);
    else if ('error' in verdict && next !== undefined) next(verdict.error);
    else {
      const answer = failureAnswer(verdict);
      sendJson(response, answer.status, answer.body, answer.headers);
    }
  };
  return async (request, response, next) => {
    try {
      const verdict = await guard.check(request, request.method, request.headers);
      if (verdict === 'preflight' || verdict.ok) {
        if (verdict !== 'preflight') request.apisig = identityOf(verdict);
        next?.();
        return true;
      }
      await refuse(verdict, request, response, next);
      return false;
    } catch (error) {
      // An onVerdict or onRefusal that threw: the app's bug, never a pass.
      if (next !== undefined) next(error);
      else sendJson(response, 500, { error: 'internal_error' });
      return false;
    }
  };
}
