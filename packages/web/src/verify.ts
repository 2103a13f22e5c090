/** @apisig/web/verify: core's verifier bound to jose, for fetch-style servers. */
import {
  type HeaderInput,
  type VerifyFailure,
  type Verifier,
  type VerifyOptions,
  type VerifyResult,
  createVerifierEngine,
  failureBody,
  verifyHeadersWith,
} from '@apisig/core';
import { joseBackend } from './backend.js';

/** Validate verifier options once; verify many requests. */
export function createVerifier(options: VerifyOptions): Verifier {
  return createVerifierEngine(joseBackend, options);
}

export function verifyHeaders(headers: HeaderInput, options: VerifyOptions): Promise<VerifyResult> {
  return verifyHeadersWith(joseBackend, headers, options);
}

/** Verify a fetch `Request` (Hono, Workers, Deno.serve, Bun.serve). */
export function verifyRequest(request: Request, options: VerifyOptions): Promise<VerifyResult> {
  return verifyHeaders(request.headers, options);
}

/** A 401/403 JSON response for a failed result; it never echoes a token or secret. */
export function failureResponse(failure: VerifyFailure): Response {
  return Response.json(failureBody(failure), { status: failure.status });
}
