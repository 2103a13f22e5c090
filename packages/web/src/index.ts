/**
 * @apisig/web: sign apisig requests in any WebCrypto runtime (browsers, Deno, Bun, Workers,
 * Node), on jose. This list is the whole public surface of the main entry: the signer, the
 * remote signer (headers from your backend, no secret in the browser), the signed fetch,
 * errors, the header names, and the types of every option and result.
 *
 * Left out on purpose: verification, in `@apisig/web/verify`, so an app that only signs never
 * bundles it; the crypto backends and core's engines (`@apisig/core/adapter`).
 *
 * @packageDocumentation
 */

export {
  type AnyFetch,
  ApiSigError,
  type ApiSigErrorCode,
  type AsyncSigner,
  type AuthHeaders,
  type AuthMode,
  type ClockObservation,
  createSignedFetch,
  DEFAULT_TTL,
  decodeToken,
  ERROR_CODES,
  type FailureReason,
  type FetchLike,
  HEADERS,
  type HeaderName,
  type HeaderSource,
  isApiSigError,
  type OrganizationCredentials,
  type ResponseLike,
  type SignedFetchOptions,
  type SignedHeaders,
  type SignerOptions,
  TTL_RANGE,
  type UserCredentials,
} from '@apisig/core';
export {
  createRemoteSigner,
  type ExtraHeaders,
  type RemoteSigner,
  type RemoteSignerOptions,
} from './remote-signer.js';
export { createSigner } from './sign.js';
