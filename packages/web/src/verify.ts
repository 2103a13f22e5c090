/**
 * @apisig/web/verify: core's verifier bound to jose, for fetch-style servers (Hono, Workers,
 * Deno.serve, Bun.serve). Every check and reason code is core's; this only adapts the idiom.
 */
import {
  createVerifierEngine,
  failureBody,
  type HeaderInput,
  type Verifier,
  type VerifyFailure,
  type VerifyOptions,
  type VerifyResult,
  verifyHeadersWith,
} from '@apisig/core';
import { joseBackend } from './verify-backend.js';

export type {
  Verifier,
  VerifyFailure,
  VerifyOptions,
  VerifyResult,
  VerifySuccess,
} from '@apisig/core';

/** Validate the options once (throws ApiSigError); the verifier then checks many requests. */
export function createVerifier(options: VerifyOptions): Verifier {
  return createVerifierEngine(joseBackend, options);
}

/** Verify one request's headers: a fetch `Headers`, or a record in any casing. */
export function verifyHeaders(headers: HeaderInput, options: VerifyOptions): Promise<VerifyResult> {
  return verifyHeadersWith(joseBackend, headers, options);
}

/** Verify a fetch `Request`. Only its headers are read; the body is left unread. */
export function verifyRequest(request: Request, options: VerifyOptions): Promise<VerifyResult> {
  return verifyHeaders(request.headers, options);
}

/**
 * The 401/403 JSON answer for a failed result: `{ "error": reason, "header": name }`. It
 * never echoes a token or a secret, and is marked uncacheable.
 */
export function failureResponse(failure: VerifyFailure): Response {
  return Response.json(failureBody(failure), {
    status: failure.status,
    headers: { 'cache-control': 'no-store' },
  });
}
