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
// biome-ignore-all assist/source/organizeImports: exports grouped by concept, one line each

// The wire contract's names and errors.
export { FAILURE_REASONS, type FailureReason, HEADERS, type HeaderName } from '@apisig/core';
export { ApiSigError, type ApiSigErrorCode, ERROR_CODES, isApiSigError } from '@apisig/core';
export { DEFAULT_LEEWAY, DEFAULT_MAX_TTL, DEFAULT_TTL, TTL_RANGE } from '@apisig/core';
// A refusal, read on the client, in words.
export {
  describeReason,
  parseRefusal,
  REASON_TEXTS,
  type Refusal,
  readRefusal,
} from '@apisig/core';
// Signing.
export { createSigner } from './sign.js';
export type { AuthHeaders, AuthMode, SignedHeaders, SyncSigner } from '@apisig/core';
export type { OrganizationCredentials, SignerOptions, UserCredentials } from '@apisig/core';
export { type AnyFetch, createSignedFetch, type FetchLike } from '@apisig/core';
export type { ClockObservation, HeaderSource, ResponseLike } from '@apisig/core';
export type { SignedFetchOptions } from '@apisig/core';
// Verifying, and the middleware.
export { createVerifier, verifyHeaders } from './verify.js';
export { decodeToken, failureBody, type HeaderInput, statusFor } from '@apisig/core';
export type { OrganizationRecord, UserRecord, Verifier, VerifyOptions } from '@apisig/core';
export type { VerifyFailure, VerifyResult, VerifySuccess } from '@apisig/core';
export { type ApiSigIdentity, type ApiSigOptions, apisig, type NodeRefusal } from './middleware.js';
export type { ErrorVerdict, RefusedVerdict, Verdict } from '@apisig/core';
export type { NextFunction, NodeHandler } from './respond.js';
// Handing out credentials.
export { generateApiKey, generateSecret } from './generate.js';
export type { GenerateApiKeyOptions } from '@apisig/core';
// The remote-signing endpoint, for browsers.
export { createSigningHandler } from './signing-handler.js';
export type { Authorization, SigningHandlerOptions } from './signing-handler.js';
