/**
 * @apisig/node: sign and verify apisig requests in Node, on jsonwebtoken. This list is the
 * whole public surface: signing (createSigner, createSignedFetch), verifying (createVerifier,
 * verifyHeaders, the apisig middleware), the remote-signing endpoint, errors, the header
 * names, and the types of every option and result.
 *
 * Left out on purpose: the crypto backend and core's engines (`@apisig/core/adapter`, for
 * authors of a new runtime binding).
 *
 * @packageDocumentation
 */

export {
  type AnyFetch,
  ApiSigError,
  type ApiSigErrorCode,
  type AuthHeaders,
  type AuthMode,
  type ClockObservation,
  createSignedFetch,
  DEFAULT_LEEWAY,
  DEFAULT_MAX_TTL,
  DEFAULT_TTL,
  decodeToken,
  ERROR_CODES,
  FAILURE_REASONS,
  type FailureReason,
  type FetchLike,
  failureBody,
  HEADERS,
  type HeaderInput,
  type HeaderName,
  type HeaderSource,
  isApiSigError,
  type OrganizationCredentials,
  type OrganizationRecord,
  type ResponseLike,
  type SignedFetchOptions,
  type SignedHeaders,
  type SignerOptions,
  type SyncSigner,
  statusFor,
  TTL_RANGE,
  type UserCredentials,
  type UserRecord,
  type Verifier,
  type VerifyFailure,
  type VerifyOptions,
  type VerifyResult,
  type VerifySuccess,
} from '@apisig/core';
export { type ApiSigIdentity, apisig } from './middleware.js';
export type { NextFunction, NodeHandler } from './respond.js';
export { createSigner } from './sign.js';
export {
  type Authorization,
  createSigningHandler,
  type SigningHandlerOptions,
} from './signing-handler.js';
export { createVerifier, verifyHeaders } from './verify.js';
