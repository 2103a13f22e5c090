/**
 * The remote-signer endpoint: the server keeps the JWT key and App Secret and hands a
 * logged-in browser only short-lived headers (`POST` → `{ headers, expiresAt }`).
 */
import type { IncomingMessage } from 'node:http';
import { invalidOption, type MaybePromise, type Signer, validateOptionsRecord } from '@apisig/core';
import { failUnexpectedly, type NodeHandler, sendJson } from './respond.js';

/** What `authorize` may answer: yes (sign with `signer`), no, or the signer to use. */
export type Authorization = boolean | null | undefined | Signer;

export interface SigningHandlerOptions {
  /** Signs for callers `authorize` accepts with `true`. */
  signer: Signer;
  /**
   * Decides per request, from your own session: `true` to sign with `signer`, a Signer to
   * sign with that one instead (e.g. `signer.forUser({ apiKey })` for the session's user),
   * `false` (or null/undefined) for a 401. A throw goes to `next(err)` / a 500.
   */
  authorize(request: IncomingMessage): MaybePromise<Authorization>;
}

function isSigner(value: unknown): value is Signer {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Partial<Signer>).sign === 'function' &&
    typeof (value as Partial<Signer>).headers === 'function'
  );
}

function validateOptions(options: SigningHandlerOptions): SigningHandlerOptions {
  validateOptionsRecord('options', options, ['signer', 'authorize']);
  if (!isSigner(options.signer)) {
    throw invalidOption('signer', 'must be a Signer (from createSigner)');
  }
  if (typeof options.authorize !== 'function') {
    throw invalidOption('authorize', 'must be a function of the request');
  }
  return options;
}

/** The signer an authorization picks, null for a refusal; anything else is a bug upstream. */
function chooseSigner(authorization: Authorization, fallback: Signer): Signer | null {
  if (authorization === true) return fallback;
  if (authorization === false || authorization === null || authorization === undefined) {
    return null;
  }
  if (isSigner(authorization)) return authorization;
  throw invalidOption('authorize', 'must return a boolean or a Signer');
}

/**
 * An endpoint for node:http, Express and Connect. POST only (405 with `Allow: POST`
 * otherwise); every answer is `Cache-Control: no-store`. Mount it on a path
 * (`app.all('/apisig/sign', handler)`), after your session middleware.
 */
export function createSigningHandler(options: SigningHandlerOptions): NodeHandler {
  const { signer, authorize } = validateOptions(options);
  return async (request, response, next) => {
    if (request.method !== 'POST') {
      sendJson(response, 405, { error: 'method_not_allowed' }, { allow: 'POST' });
      return;
    }
    try {
      const chosen = chooseSigner(await authorize(request), signer);
      if (chosen === null) {
        sendJson(response, 401, { error: 'unauthorized' });
        return;
      }
      const { headers, expiresAt } = await chosen.sign();
      sendJson(response, 200, { headers, expiresAt });
    } catch (error) {
      failUnexpectedly(response, error, next);
    }
  };
}
