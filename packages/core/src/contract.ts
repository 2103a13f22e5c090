/**
 * The wire contract in constants: every number and name docs/contract.md fixes lives here,
 * so the engines and every adapter read the same values.
 */

/**
 * The four header names, lower-case as they go on the wire.
 *
 * @example
 * ```ts
 * import { HEADERS } from '@apisig/node';
 *
 * request.headers[HEADERS.apiKey]; // 'x-api-key'
 * ```
 */
export const HEADERS = {
  apiKey: 'x-api-key',
  signature: 'x-signature',
  appKey: 'x-app-key',
  appSignature: 'x-app-signature',
} as const;

/**
 * One of the four header names: `'x-api-key' | 'x-signature' | 'x-app-key' | 'x-app-signature'`.
 *
 * @example
 * ```ts
 * const name: HeaderName = failure.header; // the header a refusal concerns
 * ```
 */
export type HeaderName = (typeof HEADERS)[keyof typeof HEADERS];

/**
 * The headers one request carries, lower-case, in wire order: `x-api-key` always, the others
 * by mode. A type alias, not an interface, so it is assignable to fetch's `HeadersInit`.
 *
 * @example
 * ```ts
 * const headers: AuthHeaders = signer.headers();
 * await fetch(url, { headers }); // { 'x-api-key': '…', 'x-signature': 'eyJ…' }
 * ```
 */
export type AuthHeaders = {
  [HEADERS.apiKey]: string;
  [HEADERS.signature]?: string;
  [HEADERS.appKey]?: string;
  [HEADERS.appSignature]?: string;
};

/**
 * How a request authenticates: the API key alone; with `x-signature`; through an organization
 * (`x-app-key` + `x-app-signature`); or through an organization with the user's own signature.
 * A signer's `mode` and a verified request's `mode` are this.
 *
 * @example
 * ```ts
 * if (result.ok && result.mode === 'api-key') log('unsigned request from', result.apiKey);
 * ```
 */
export type AuthMode = 'api-key' | 'signed' | 'organization' | 'signed-organization';

/** The mode of a request with (or without) a user signature and an organization. */
export function authModeOf(signed: boolean, organization: boolean): AuthMode {
  if (organization) return signed ? 'signed-organization' : 'organization';
  return signed ? 'signed' : 'api-key';
}

/**
 * Token lifetimes a signer issues, in seconds: the API page's values (its Go, JS and Python
 * signers). Configurable within TTL_RANGE.
 *
 * @example
 * ```ts
 * createSigner({ apiKey, jwtKey, ttl: { signature: DEFAULT_TTL.signature * 2 } });
 * ```
 */
export const DEFAULT_TTL = { signature: 15, appSignature: 60 } as const;

/**
 * The bounds, in seconds, of a signer's ttl and of a verifier's maxTtl.
 *
 * @example
 * ```ts
 * const ttl = Math.min(wanted, TTL_RANGE.max);
 * ```
 */
export const TTL_RANGE = { min: 1, max: 300 } as const;

/** Header-value keys: 1..1024 characters of visible ASCII (0x21..0x7E). */
export const MAX_KEY_LENGTH = 1024;

/** Secrets (JWT key, App Secret): 1..4096 UTF-8 bytes. */
export const MAX_SECRET_BYTES = 4096;

/** A legitimate token is under 2 KB; anything longer is refused before decoding or HMAC. */
export const MAX_TOKEN_LENGTH = 8192;

/**
 * The verifier's default tolerance on both sides of `exp`, in seconds.
 *
 * @example
 * ```ts
 * createVerifier({ users, leeway: DEFAULT_LEEWAY + 5 }); // 10 s for clocks known to drift
 * ```
 */
export const DEFAULT_LEEWAY = 5;
/**
 * The longest lifetime a verifier accepts by default: 60 s for both tokens, although signers
 * issue 15 s for x-signature. The API vendor's own SDKs (hyper-sdk-js, -go, -py) sign
 * x-signature with exp = now + 60 and the real API accepts them; a stricter default would
 * lock out every user of the official clients. A server that wants 15 s sets it.
 *
 * @example
 * ```ts
 * createVerifier({ users, maxTtl: { signature: 15 } }); // the strict window
 * ```
 */
export const DEFAULT_MAX_TTL = { signature: 60, appSignature: 60 } as const;

/** A verifier's lookups that have not settled by then fail closed (milliseconds). */
export const DEFAULT_LOOKUP_TIMEOUT_MS = 5000;

/** A server Date that differs from our clock by this many seconds or more moves the offset. */
export const SKEW_THRESHOLD_SECONDS = 5;

/**
 * The largest clock offset a signer takes, in seconds (a day): a response's Date beyond it is
 * ignored, so no response can make a signer mint tokens valid far in the future.
 */
export const DEFAULT_MAX_CLOCK_OFFSET = 86_400;

/** The protected header every conforming signer emits, byte for byte. */
export const TOKEN_HEADER = { alg: 'HS256', typ: 'JWT' } as const;
/** The one algorithm a token may name: HMAC SHA-256. */
export const TOKEN_ALGORITHM = 'HS256' as const;

/**
 * Every reason a verifier refuses a request for (docs/contract.md gives the order they are
 * checked in).
 *
 * @example
 * ```ts
 * const isReason = (value: string): value is FailureReason =>
 *   (FAILURE_REASONS as readonly string[]).includes(value);
 * ```
 */
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

/**
 * Why a verifier refused a request: `'expired'`, `'bad_signature'`, `'not_a_member'`...
 *
 * @example
 * ```ts
 * const retryable = (reason: FailureReason) => reason === 'expired' || reason === 'exp_too_far';
 * ```
 */
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

/**
 * The HTTP status for a refusal: 401 for every reason but `not_a_member` (403, the caller is
 * known but may not act for this user).
 *
 * @example
 * ```ts
 * statusFor('expired'); // 401
 * statusFor('not_a_member'); // 403
 * ```
 */
export function statusFor(reason: FailureReason): 401 | 403 {
  return reason === 'not_a_member' ? 403 : 401;
}
