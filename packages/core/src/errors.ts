/**
 * One error class with a stable `code`: users switch on `code`, which survives bundling,
 * realms and duplicate package copies where `instanceof` does not.
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
] as const;

export type ApiSigErrorCode = (typeof ERROR_CODES)[number];

export interface ApiSigErrorOptions {
  /** The offending field, e.g. `apiKey` or `ttl.signature`. Never its value. */
  field?: string;
  /** The HTTP status behind the error, when there was one (a remote signer's refusal). */
  status?: number;
  cause?: unknown;
}

export class ApiSigError extends Error {
  readonly code: ApiSigErrorCode;
  readonly field: string | undefined;
  readonly status: number | undefined;

  constructor(code: ApiSigErrorCode, message: string, options: ApiSigErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ApiSigError';
    this.code = code;
    this.field = options.field;
    this.status = options.status;
  }
}

/** True for an ApiSigError from any copy of this package (checks the shape, not the class). */
export function isApiSigError(value: unknown, code?: ApiSigErrorCode): value is ApiSigError {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as { name?: unknown; code?: unknown };
  if (candidate.name !== 'ApiSigError' || typeof candidate.code !== 'string') return false;
  return code === undefined || candidate.code === code;
}
