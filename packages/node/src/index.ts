/**
 * @apisig/node: core's engines bound to jsonwebtoken, plus Node server idioms (middleware,
 * the remote-signer endpoint). Everything a Node user needs from core is re-exported, so
 * this is the only package to install.
 */
import {
  createSyncSigner,
  createVerifierEngine,
  type HeaderInput,
  type Signer,
  type SignerOptions,
  type Verifier,
  type VerifyOptions,
  type VerifyResult,
  verifyHeadersWith,
} from '@apisig/core';
import { jsonwebtokenBackend } from './backend.js';

export * from '@apisig/core';
export { type ApiSigIdentity, apisig } from './middleware.js';
export type { NextFunction, NodeHandler } from './respond.js';
export {
  type Authorization,
  createSigningHandler,
  type SigningHandlerOptions,
} from './signing-handler.js';

/** A signer whose `headers()` is synchronous. Throws ApiSigError on bad options. */
export function createSigner(options: SignerOptions): Signer<true> {
  return createSyncSigner(jsonwebtokenBackend, options);
}

/** Validate verifier options once; verify many requests. */
export function createVerifier(options: VerifyOptions): Verifier {
  return createVerifierEngine(jsonwebtokenBackend, options);
}

/** Verify one request's headers (Headers, a record, or IncomingHttpHeaders). */
export function verifyHeaders(headers: HeaderInput, options: VerifyOptions): Promise<VerifyResult> {
  return verifyHeadersWith(jsonwebtokenBackend, headers, options);
}
