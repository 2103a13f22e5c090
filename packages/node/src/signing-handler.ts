/**
 * The remote-signing endpoint: the server keeps the JWT key and App Secret and hands a
 * logged-in browser only short-lived headers. The answer and its refusals are core's
 * remote-signing protocol, the one `@apisig/web`'s createRemoteSigner reads.
 */
import type { IncomingMessage } from 'node:http';
import type { HeaderSource } from '@apisig/core';
import {
  invalidOption,
  isHeaderSource,
  type MaybePromise,
  REMOTE_SIGNING_REFUSALS,
  type RemoteSigningRefusal,
  remoteSigningAnswer,
  validateOptionsRecord,
} from '@apisig/core/adapter';
import { failUnexpectedly, type NodeHandler, sendJson } from './respond.js';

/**
 * What `authorize` may answer: `true` (sign with the handler's signer), a signer to sign with
 * instead (`signer.forUser(...)` for the session's user), or no (`false`, null, undefined).
 *
 * @example
 * ```ts
 * const authorize = (request: IncomingMessage): Authorization =>
 *   sessionOf(request) ? signer.forUser({ apiKey: sessionOf(request)!.apiKey }) : false;
 * ```
 */
export type Authorization = boolean | null | undefined | HeaderSource;

/**
 * What `createSigningHandler` takes.
 *
 * @example
 * ```ts
 * const options: SigningHandlerOptions = {
 *   signer: createSigner({ apiKey, jwtKey: process.env.JWT_KEY! }),
 *   authorize: (request) => request.headers.cookie?.includes('sid=') ?? false,
 * };
 * ```
 */
export interface SigningHandlerOptions {
  /** Signs for callers `authorize` accepts with `true`. */
  signer: HeaderSource;
  /**
   * Decides per request, from your own session: `true` to sign with `signer`, a signer to
   * sign with that one instead, `false` (or null/undefined) for a 401. A throw goes to
   * `next(err)` / a 500.
   */
  authorize(request: IncomingMessage): MaybePromise<Authorization>;
}

function refuse(refusal: RemoteSigningRefusal) {
  return [REMOTE_SIGNING_REFUSALS[refusal], { error: refusal }] as const;
}

/** The signer an authorization picks, null for a refusal; anything else is a bug upstream. */
function chooseSigner(authorization: Authorization, fallback: HeaderSource): HeaderSource | null {
  if (authorization === true) return fallback;
  if (authorization === false || authorization === null || authorization === undefined) {
    return null;
  }
  if (isHeaderSource(authorization)) return authorization;
  throw invalidOption('authorize', 'must return a boolean or a signer');
}

/**
 * An endpoint for node:http, Express and Connect that answers an authorized `POST` with
 * `{ headers, expiresAt, expiresIn }`. Other methods get 405 with `Allow: POST`; every answer
 * is `Cache-Control: no-store`. Mount it after your session middleware.
 *
 * @example
 * ```ts
 * import { createSigner, createSigningHandler } from '@apisig/node';
 *
 * const signer = createSigner({ apiKey, jwtKey: process.env.JWT_KEY! });
 * app.all('/api/apisig/sign', createSigningHandler({
 *   signer,
 *   authorize: (request) => Boolean(request.session?.user),
 * }));
 * ```
 */
export function createSigningHandler(options: SigningHandlerOptions): NodeHandler {
  validateOptionsRecord('options', options, ['signer', 'authorize']);
  const { signer, authorize } = options;
  if (!isHeaderSource(signer)) {
    throw invalidOption('signer', 'must be a signer (from createSigner)');
  }
  if (typeof authorize !== 'function') {
    throw invalidOption('authorize', 'must be a function of the request');
  }
  return async (request, response, next) => {
    if (request.method !== 'POST') {
      sendJson(response, ...refuse('method_not_allowed'), { allow: 'POST' });
      return;
    }
    try {
      const chosen = chooseSigner(await authorize(request), signer);
      if (chosen === null) {
        sendJson(response, ...refuse('unauthorized'));
        return;
      }
      const signed = await chosen.sign();
      sendJson(
        response,
        200,
        remoteSigningAnswer(signed, chosen.clock() + (chosen.clockOffset ?? 0) * 1000),
      );
    } catch (error) {
      failUnexpectedly(response, error, next);
    }
  };
}
