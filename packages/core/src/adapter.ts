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
export { estimateClockOffset, nextClockOffset } from './clock.js';
export {
  MAX_KEY_LENGTH,
  MAX_SECRET_BYTES,
  MAX_TOKEN_LENGTH,
  TOKEN_ALGORITHM,
  TOKEN_HEADER,
} from './contract.js';
export { API_KEY_BYTES, apiKeyFrom, SECRET_BYTES, secretFrom } from './generate.js';
export {
  createGuard,
  type Guard,
  type ServerHooks,
  type ServerOptions,
} from './guard.js';
export { isHeaderSource } from './header-source.js';
export { readHeader } from './headers.js';
export { isPromiseLike, type MaybePromise } from './maybe-promise.js';
export { REFRESH_SHARE, refreshAt } from './refresh.js';
export {
  type AnswerTiming,
  localExpiry,
  MAX_REMOTE_ANSWER_BYTES,
  parseRemoteSigningAnswer,
  REMOTE_SIGNING_REFUSALS,
  type RemoteSigningAnswer,
  type RemoteSigningRefusal,
  remoteSigningAnswer,
} from './remote-signing.js';
export {
  AUTH_HEADER_NAMES,
  BODY_HEADER_NAMES,
  isReplayableBody,
  MAX_REDIRECTS,
  redirectKeepsBody,
  redirectTarget,
} from './request-policy.js';
export { createAsyncSigner, createSyncSigner } from './signer.js';
export {
  createSigningSession,
  type HeaderWriter,
  type SigningSession,
} from './signing-session.js';
export {
  invalidOption,
  validateClock,
  validateOptionsRecord,
  validateTimeout,
} from './validate.js';
export {
  AUTH_SCHEME,
  type FailureAnswer,
  failureAnswer,
  isPreflight,
  judge,
} from './verdict.js';
export { VERIFY_OPTION_FIELDS } from './verifier-options.js';
export { createVerifierEngine, verifyHeadersWith } from './verify.js';
