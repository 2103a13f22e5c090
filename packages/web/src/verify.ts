/**
 * @apisig/web/verify: verify apisig requests in fetch-style servers (Hono, Workers,
 * Deno.serve, Bun.serve, Next.js route handlers), on jose. Every check and reason code is
 * core's; this binds the backend and the Request/Response idiom.
 *
 * @packageDocumentation
 */
// biome-ignore-all assist/source/organizeImports: exports grouped by concept, one line each
import type { ErrorVerdict, HeaderInput, RefusedVerdict, Verifier } from '@apisig/core';
import type { VerifyOptions, VerifyResult } from '@apisig/core';
import { createVerifierEngine, failureAnswer, verifyHeadersWith } from '@apisig/core/adapter';
import { joseVerifyingBackend } from './lib/verifying-backend.js';

export { DEFAULT_LEEWAY, DEFAULT_MAX_TTL, FAILURE_REASONS, statusFor } from '@apisig/core';
export { failureBody, type HeaderInput, type Verifier } from '@apisig/core';
export type { ErrorVerdict, RefusedVerdict, Verdict } from '@apisig/core';
export type { OrganizationRecord, UserRecord, VerifyOptions } from '@apisig/core';
export type { VerifyFailure, VerifyResult, VerifySuccess } from '@apisig/core';

/**
 * Checks the options once (a mistake throws ApiSigError `invalid_option`) and returns a
 * function that verifies one request's headers.
 *
 * @example
 * ```ts
 * import { createVerifier, failureResponse } from '@apisig/web/verify';
 *
 * const verify = createVerifier({ users: (apiKey) => users.get(apiKey) });
 * export default {
 *   async fetch(request: Request) {
 *     const result = await verify(request.headers);
 *     return result.ok ? Response.json({ hello: result.apiKey }) : failureResponse(result);
 *   },
 * };
 * ```
 */
export function createVerifier(options: VerifyOptions): Verifier {
  return createVerifierEngine(joseVerifyingBackend, options);
}

/**
 * Verifies one request's headers (a fetch Headers, or a record in any casing): the one-shot
 * form of createVerifier.
 *
 * @example
 * ```ts
 * const result = await verifyHeaders(request.headers, { users });
 * ```
 */
export function verifyHeaders(headers: HeaderInput, options: VerifyOptions): Promise<VerifyResult> {
  return verifyHeadersWith(joseVerifyingBackend, headers, options);
}

/**
 * Verifies a fetch Request. Only its headers are read; the body is left unread.
 *
 * @example
 * ```ts
 * Deno.serve(async (request) => {
 *   const result = await verifyRequest(request, { users });
 *   return result.ok ? new Response('hello') : failureResponse(result);
 * });
 * ```
 */
export function verifyRequest(request: Request, options: VerifyOptions): Promise<VerifyResult> {
  return verifyHeaders(request.headers, options);
}

/**
 * The answer for a refusal: 401/403 JSON `{ "error": reason, "header": name }` with
 * `WWW-Authenticate: ApiSig error="…", header="…"`, marked uncacheable; for an error verdict
 * (a lookup that failed) a 500, or 503 for a timeout, `{ "error": reason }`. It never echoes
 * a token, a secret, or what a lookup threw.
 *
 * @example
 * ```ts
 * if (!result.ok) return failureResponse(result);
 * ```
 */
export function failureResponse(failure: RefusedVerdict | ErrorVerdict): Response {
  const { status, headers, body } = failureAnswer(failure);
  return new Response(JSON.stringify(body), { status, headers });
}
