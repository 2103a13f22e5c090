/**
 * What the shared suites need from an adapter (node on jsonwebtoken, web on jose, core on the
 * test backend), in core's own types. @apisig/core is a peer dependency of this package, for
 * types only: its tests use this package, so a runtime import would make a cycle.
 */
import type {
  HeaderInput,
  Signer,
  SignerOptions,
  Verifier,
  VerifyOptions,
  VerifyResult,
} from '@apisig/core';

export type { AuthHeaders, VerifyFailure, VerifyOptions, VerifyResult } from '@apisig/core';

/** Signs: node's createSigner (sync), web's (async), core's engines over the test backend. */
export interface SignerFactory {
  createSigner(options: SignerOptions): Signer;
}

/** Verifies one request: node's verifyHeaders, web's, core's verifyHeadersWith over a backend. */
export interface VerifyHeadersLike {
  verifyHeaders(headers: HeaderInput, options: VerifyOptions): Promise<VerifyResult>;
}

/** Makes a verifier once: createVerifier, or createVerifierEngine over a backend. */
export interface VerifierFactory {
  createVerifier(options: VerifyOptions): Verifier;
}
