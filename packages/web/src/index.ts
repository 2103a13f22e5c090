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
// biome-ignore-all assist/source/organizeImports: exports grouped by concept, one line each

// The wire contract's names and errors.
export { HEADERS, type FailureReason, type HeaderName } from '@apisig/core';
export { ApiSigError, type ApiSigErrorCode, ERROR_CODES, isApiSigError } from '@apisig/core';
export { DEFAULT_TTL, TTL_RANGE, decodeToken } from '@apisig/core';
// A refusal, read on the client, in words.
export {
  describeReason,
  parseRefusal,
  REASON_TEXTS,
  type Refusal,
  readRefusal,
} from '@apisig/core';
// Signing here, with the secrets.
export { createSigner } from './sign.js';
export type { AsyncSigner, AuthHeaders, AuthMode, SignedHeaders } from '@apisig/core';
export type { OrganizationCredentials, SignerOptions, UserCredentials } from '@apisig/core';
// Signing on your backend: no secret in the browser.
export { createRemoteSigner } from './remote-signer.js';
export type { ExtraHeaders, RemoteSigner, RemoteSignerOptions } from './remote-signer.js';
// Handing out credentials (a Worker, Deno Deploy, an admin page).
export { generateApiKey, generateSecret } from './generate.js';
export type { GenerateApiKeyOptions } from '@apisig/core';
// The signed fetch, over either.
export { type AnyFetch, createSignedFetch, type FetchLike } from '@apisig/core';
export type { ClockObservation, HeaderSource, ResponseLike } from '@apisig/core';
export type { SignedFetchOptions } from '@apisig/core';
