/** Verifying on jsonwebtoken: core's verifier engine bound to this package's backend. */
import type { HeaderInput, Verifier, VerifyOptions, VerifyResult } from '@apisig/core';
import { createVerifierEngine, verifyHeadersWith } from '@apisig/core/adapter';
import { jsonwebtokenBackend } from './lib/backend.js';

/**
 * Checks the options once (a mistake throws ApiSigError `invalid_option`) and returns a
 * function that verifies one request's headers: a Headers, a record, or IncomingHttpHeaders.
 *
 * @example
 * ```ts
 * import { createVerifier } from '@apisig/node';
 *
 * const verify = createVerifier({ users: (apiKey) => db.users.get(apiKey) });
 * const result = await verify(request.headers);
 * if (!result.ok) console.log(result.status, result.reason); // 401 'expired'
 * ```
 */
export function createVerifier(options: VerifyOptions): Verifier {
  return createVerifierEngine(jsonwebtokenBackend, options);
}

/**
 * Verifies one request's headers: the one-shot form of createVerifier.
 *
 * @example
 * ```ts
 * import { verifyHeaders } from '@apisig/node';
 *
 * const result = await verifyHeaders(request.headers, { users });
 * ```
 */
export function verifyHeaders(headers: HeaderInput, options: VerifyOptions): Promise<VerifyResult> {
  return verifyHeadersWith(jsonwebtokenBackend, headers, options);
}
