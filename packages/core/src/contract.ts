/**
 * The wire contract in constants: every number and name docs/contract.md fixes lives here,
 * so the engines and every adapter read the same values.
 */

/** Header names, lower-case as they go on the wire. */
export const HEADERS = {
  apiKey: 'x-api-key',
  signature: 'x-signature',
  appKey: 'x-app-key',
  appSignature: 'x-app-signature',
} as const;

export type HeaderName = (typeof HEADERS)[keyof typeof HEADERS];

/** Token lifetimes in seconds: the API page's values (its Go, JS and Python signers). */
export const DEFAULT_TTL = { signature: 15, appSignature: 60 } as const;

/** A signer may configure a ttl within these bounds (seconds). */
export const TTL_RANGE = { min: 1, max: 300 } as const;

/** Header-value keys: 1..1024 characters of visible ASCII (0x21..0x7E). */
export const MAX_KEY_LENGTH = 1024;

/** Secrets (JWT key, App Secret): 1..4096 UTF-8 bytes. */
export const MAX_SECRET_BYTES = 4096;

/** A legitimate token is under 2 KB; anything longer is refused before decoding or HMAC. */
export const MAX_TOKEN_LENGTH = 8192;

/** Verifier defaults (seconds). */
export const DEFAULT_LEEWAY = 5;
/**
 * The longest lifetime a verifier accepts by default: 60 s for both tokens, although signers
 * issue 15 s for x-signature. The API vendor's own SDKs (hyper-sdk-js, -go, -py) sign
 * x-signature with exp = now + 60 and the real API accepts them; a stricter default would
 * lock out every user of the official clients. A server that wants 15 s sets it.
 */
export const DEFAULT_MAX_TTL = { signature: 60, appSignature: 60 } as const;

/** A verifier's lookups that have not settled by then fail closed (milliseconds). */
export const DEFAULT_LOOKUP_TIMEOUT_MS = 5000;

/** A server Date that differs from our clock by this many seconds or more moves the offset. */
export const SKEW_THRESHOLD_SECONDS = 5;

/** The protected header every conforming signer emits, byte for byte. */
export const TOKEN_HEADER = { alg: 'HS256', typ: 'JWT' } as const;
export const TOKEN_ALGORITHM = 'HS256' as const;

/** Why a verifier refused a request, in the contract's words. */
export const FAILURE_REASONS = [
  'missing_api_key',
  'unknown_api_key',
  'missing_signature',
  'missing_app_key',
  'missing_app_signature',
  'unknown_app_key',
  'not_a_member',
  'malformed_signature',
  'unsupported_algorithm',
  'bad_signature',
  'missing_exp',
  'expired',
  'exp_too_far',
  'key_mismatch',
] as const;

export type FailureReason = (typeof FAILURE_REASONS)[number];

/** Reasons a single token check can give (a subset of FailureReason). */
export type TokenFailureReason = Extract<
  FailureReason,
  | 'malformed_signature'
  | 'unsupported_algorithm'
  | 'bad_signature'
  | 'missing_exp'
  | 'expired'
  | 'exp_too_far'
  | 'key_mismatch'
>;

/** 401 for every reason but `not_a_member`, which is an authorization failure. */
export function statusFor(reason: FailureReason): 401 | 403 {
  return reason === 'not_a_member' ? 403 : 401;
}
