/**
 * @apisig/core/adapter: what a runtime package (`@apisig/node`, `@apisig/web`, or a new one)
 * is built from. The signer and verifier engines take a SigningBackend, the few lines that
 * bind a crypto library; the validators let an adapter check its own options the way core
 * checks its; the remote-signing protocol and the refresh policy serve both of its ends.
 * Nothing here is for apps: `@apisig/core` is their surface.
 *
 * @packageDocumentation
 */

export type {
  SigningBackend,
  SigningOnlyBackend,
  SyncSigningBackend,
  VerifyingBackend,
} from './backend.js';
export type { Claims } from './claims.js';
export {
  MAX_KEY_LENGTH,
  MAX_SECRET_BYTES,
  MAX_TOKEN_LENGTH,
  TOKEN_ALGORITHM,
  TOKEN_HEADER,
} from './contract.js';
export {
  AUTH_HEADER_NAMES,
  apiOrigin,
  BODY_HEADER_NAMES,
  CROSS_ORIGIN_DROPPED,
  hiddenRedirect,
  isReplayableBody,
  MAX_REDIRECTS,
  redirectKeepsBody,
  redirectTarget,
} from './fetch/request-policy.js';
export {
  createSigningSession,
  type HeaderWriter,
  type SigningSession,
} from './fetch/signing-session.js';
export { API_KEY_BYTES, apiKeyFrom, SECRET_BYTES, secretFrom } from './generate.js';
export { readHeader } from './headers.js';
export { isPromiseLike, type MaybePromise } from './maybe-promise.js';
export { estimateClockOffset, nextClockOffset } from './sign/clock.js';
export { isHeaderSource } from './sign/header-source.js';
export { REFRESH_SHARE, refreshAt } from './sign/refresh.js';
export {
  type AnswerTiming,
  localExpiry,
  MAX_REMOTE_ANSWER_BYTES,
  parseRemoteSigningAnswer,
  REMOTE_SIGNING_REFUSALS,
  type RemoteSigningAnswer,
  type RemoteSigningRefusal,
  remoteSigningAnswer,
} from './sign/remote-signing.js';
export { createAsyncSigner, createSyncSigner } from './sign/signer.js';
export {
  invalidOption,
  validateClock,
  validateOptionsRecord,
  validateTimeout,
} from './validate.js';
export {
  createGuard,
  type Guard,
  type ServerHooks,
  type ServerOptions,
} from './verify/guard.js';
export { identityOf } from './verify/identity.js';
export {
  AUTH_SCHEME,
  type FailureAnswer,
  failureAnswer,
  isPreflight,
  judge,
} from './verify/verdict.js';
export { VERIFY_OPTION_FIELDS } from './verify/verifier-options.js';
export { createVerifierEngine, verifyHeadersWith } from './verify/verify.js';
