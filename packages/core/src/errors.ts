/**
 * One error class with a stable `code`: users switch on `code`, which survives bundling,
 * realms and duplicate package copies where `instanceof` does not.
 */

/**
 * Every code an ApiSigError can carry. Refusals of a request are not errors: they are
 * VerifyFailure results with a FailureReason.
 *
 * @example
 * ```ts
 * if (isApiSigError(error) && ERROR_CODES.includes(error.code)) report(error.code);
 * ```
 */
export const ERROR_CODES = [
  /** A credential (apiKey, jwtKey, appKey, appSecret) is missing or malformed. */
  'invalid_credentials',
  /** An option (ttl, clockOffset, clock, leeway, ...) is out of range or of the wrong type. */
  'invalid_option',
  /** The signing backend failed to produce a token. */
  'signing_failed',
  /** A verifier lookup (users / organizations) threw. */
  'lookup_failed',
  /** A verifier lookup did not settle within the timeout: the request is not let through. */
  'lookup_timeout',
  /** A remote signer endpoint refused (non-2xx) or could not be reached. */
  'remote_signer_refused',
  /** A remote signer endpoint answered something that is not valid signed headers. */
  'remote_signer_invalid_response',
  /** A signed request was for an origin other than the API's (`baseUrl`): nothing was sent. */
  'origin_refused',
  /** A redirect apisig cannot follow without exposing the signed headers (in a browser). */
  'redirect_refused',
] as const;

/**
 * What went wrong, stably: `'invalid_credentials'`, `'lookup_timeout'`...
 *
 * @example
 * ```ts
 * const retryLater = (code: ApiSigErrorCode) => code === 'lookup_timeout';
 * ```
 */
export type ApiSigErrorCode = (typeof ERROR_CODES)[number];

/**
 * What an ApiSigError is made with besides its code and message.
 *
 * @example
 * ```ts
 * throw new ApiSigError('invalid_option', 'timeoutMs must be positive', { field: 'timeoutMs' });
 * ```
 */
export interface ApiSigErrorOptions {
  /** The offending field, e.g. `apiKey` or `ttl.signature`. Never its value. */
  field?: string;
  /** The HTTP status behind the error, when there was one (a remote signer's refusal). */
  status?: number;
  cause?: unknown;
}

/**
 * Everything apisig throws: a stable `code`, the offending `field` (never its value), and the
 * HTTP `status` behind it when there was one. No message ever contains a secret.
 *
 * @example
 * ```ts
 * try {
 *   createSigner({ apiKey: '', jwtKey });
 * } catch (error) {
 *   if (error instanceof ApiSigError) console.error(error.code, error.field); // invalid_credentials apiKey
 * }
 * ```
 */
export class ApiSigError extends Error {
  // `declare`: assigned in the constructor, so no class-field initialisers are emitted.
  /** What went wrong; switch on this. */
  declare readonly code: ApiSigErrorCode;
  /** The offending field, e.g. `apiKey` or `ttl.signature`. Never its value. */
  declare readonly field: string | undefined;
  /** The HTTP status behind the error, when there was one. */
  declare readonly status: number | undefined;

  constructor(code: ApiSigErrorCode, message: string, options: ApiSigErrorOptions = {}) {
    // Error reads only `cause` from its options; an undefined cause is left off.
    super(message, options.cause === undefined ? undefined : options);
    this.name = 'ApiSigError';
    this.code = code;
    this.field = options.field;
    this.status = options.status;
  }
}

/**
 * True for an ApiSigError from any copy of this package, and with `code` for that code only.
 * It checks the shape, not the class, so it works across bundles, realms and duplicates.
 *
 * @example
 * ```ts
 * if (isApiSigError(error, 'lookup_timeout')) return response.status(503).end();
 * ```
 */
export function isApiSigError(value: unknown, code?: ApiSigErrorCode): value is ApiSigError {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as { name?: unknown; code?: unknown };
  if (candidate.name !== 'ApiSigError' || typeof candidate.code !== 'string') return false;
  return code === undefined || candidate.code === code;
}
