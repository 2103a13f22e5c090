/**
 * @apisig/core: what a user of any runtime needs, whatever crypto library signs. The names of
 * the wire contract, its errors, the types of every option and result, the signed fetch, and
 * token decoding for debugging.
 *
 * Left out on purpose: the engines, backend interfaces and validators a runtime package is
 * built from. They are `@apisig/core/adapter`, for authors of a new runtime binding; an app
 * installs `@apisig/node`, `@apisig/web` or `@apisig/react` and never imports them.
 *
 * @packageDocumentation
 */

export {
  type AuthHeaders,
  type AuthMode,
  DEFAULT_LEEWAY,
  DEFAULT_MAX_TTL,
  DEFAULT_TTL,
  FAILURE_REASONS,
  type FailureReason,
  HEADERS,
  type HeaderName,
  statusFor,
  TTL_RANGE,
} from './contract.js';
export {
  ApiSigError,
  type ApiSigErrorCode,
  type ApiSigErrorOptions,
  ERROR_CODES,
  isApiSigError,
} from './errors.js';
export { parseRefusal, type Refusal, readRefusal } from './fetch/refusal.js';
export {
  type AnyFetch,
  createSignedFetch,
  type FetchLike,
  type ResponseLike,
  type SignedFetchOptions,
} from './fetch/signed-fetch.js';
export type { GenerateApiKeyOptions } from './generate.js';
export type { HeaderInput, HeaderRecord, HeadersLike } from './headers.js';
export { describeReason, REASON_TEXTS } from './reasons.js';
export type { ClockObservation } from './sign/clock.js';
export type { HeaderSource, SignedHeaders } from './sign/header-source.js';
export type { AsyncSigner, Signer, SyncSigner } from './sign/signer.js';
export type {
  OrganizationCredentials,
  SignerOptions,
  UserCredentials,
} from './sign/signer-options.js';
export { type DecodedToken, decodeToken } from './token.js';
export type { ServerHooks, ServerOptions } from './verify/guard.js';
export type { ApiSigIdentity } from './verify/identity.js';
export type { ErrorVerdict, RefusedVerdict, Verdict } from './verify/verdict.js';
export type { OrganizationRecord, UserRecord, VerifyOptions } from './verify/verifier-options.js';
export {
  failureBody,
  type Verifier,
  type VerifyFailure,
  type VerifyResult,
  type VerifySuccess,
} from './verify/verify.js';
