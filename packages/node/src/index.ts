/** @apisig/node: core's engines bound to jsonwebtoken, plus Node server idioms. */
import {
  type HeaderInput,
  type Signer,
  type SignerOptions,
  type Verifier,
  type VerifyOptions,
  type VerifyResult,
  createSyncSigner,
  createVerifierEngine,
  verifyHeadersWith,
} from '@apisig/core';
import { jsonwebtokenBackend } from './backend.js';

export * from '@apisig/core';
export { jsonwebtokenBackend };

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
