export type {
  MaybePromise,
  SigningBackend,
  SigningOnlyBackend,
  SyncSigningBackend,
} from './backend.js';
export { isPromiseLike } from './backend.js';
export type { Claims } from './claims.js';
export { buildClaims } from './claims.js';
export type { ClockObservation } from './clock.js';
export { estimateClockOffset, nextClockOffset } from './clock.js';
export type { FailureReason, HeaderName, TokenFailureReason } from './contract.js';
export {
  DEFAULT_LEEWAY,
  DEFAULT_LOOKUP_TIMEOUT_MS,
  DEFAULT_MAX_TTL,
  DEFAULT_TTL,
  FAILURE_REASONS,
  HEADERS,
  MAX_KEY_LENGTH,
  MAX_SECRET_BYTES,
  MAX_TOKEN_LENGTH,
  SKEW_THRESHOLD_SECONDS,
  statusFor,
  TOKEN_ALGORITHM,
  TOKEN_HEADER,
  TTL_RANGE,
} from './contract.js';
export type { ApiSigErrorCode, ApiSigErrorOptions } from './errors.js';
export { ApiSigError, ERROR_CODES, isApiSigError } from './errors.js';
export type { HeaderInput, HeaderRecord, HeadersLike } from './headers.js';
export { readHeader } from './headers.js';
export type {
  AnyFetch,
  FetchLike,
  HeaderSource,
  ResponseLike,
  SignedFetchOptions,
} from './signed-fetch.js';
export { createSignedFetch } from './signed-fetch.js';
export type {
  AuthHeaders,
  Resolved,
  SignedHeaders,
  Signer,
  SignerMode,
  UserCredentials,
} from './signer.js';
export { createAsyncSigner, createSyncSigner } from './signer.js';
export type { DecodedToken } from './token.js';
export { decodeBase64Url, decodeToken } from './token.js';
export type { OrganizationCredentials, SignerConfig, SignerOptions } from './validate.js';
export {
  invalidOption,
  utf8ByteLength,
  validateAuthHeaders,
  validateClock,
  validateHeaderKey,
  validateOptionsRecord,
  validateSecret,
  validateSignerOptions,
  validateTimeout,
  validateTtl,
} from './validate.js';
export type {
  OrganizationRecord,
  TokenCheck,
  UserRecord,
  Verifier,
  VerifyFailure,
  VerifyOptions,
  VerifyResult,
  VerifySuccess,
} from './verify.js';
export {
  checkClaims,
  checkToken,
  createVerifierEngine,
  failureBody,
  verifyHeadersWith,
} from './verify.js';
