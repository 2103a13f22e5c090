/**
 * What a server integration decides for one request, and how it answers: the one place every
 * adapter (node:http/Express, Fastify, Koa, Hono, Next.js, a fetch handler) gets its verdict,
 * its failure answer (status, WWW-Authenticate, JSON body) and its preflight rule from.
 */
import { type FailureReason, HEADERS, type HeaderName } from '../contract.js';
import { isApiSigError } from '../errors.js';
import { type HeaderInput, readHeader } from '../headers.js';
import { isHeaderKey } from '../validate.js';
import type { Verifier, VerifyFailure, VerifySuccess } from './verify.js';

/**
 * A request the verifier refused, with the keys it claimed (well-formed ones only).
 *
 * @example
 * ```ts
 * const refused: RefusedVerdict = {
 *   ok: false, reason: 'expired', header: 'x-signature', status: 401, apiKey: 'ak_1',
 * };
 * ```
 */
export interface RefusedVerdict extends VerifyFailure {
  /** The `x-api-key` the request sent, when a signer could have sent it. */
  apiKey?: string;
  /** The `x-app-key` the request sent, when a signer could have sent it. */
  appKey?: string;
}

/**
 * A request the server could not judge: a lookup threw or hung, or its own setup is broken.
 *
 * @example
 * ```ts
 * if (!verdict.ok && 'error' in verdict) log.error(verdict.error, 'apisig lookup failed');
 * ```
 */
export interface ErrorVerdict {
  ok: false;
  /** `lookup_timeout` (503: try again), `lookup_failed` or `internal_error` (500). */
  reason: 'lookup_failed' | 'lookup_timeout' | 'internal_error';
  status: 500 | 503;
  /** What was thrown: for the app's logs, never for the client. */
  error: unknown;
  apiKey?: string;
  appKey?: string;
}

/**
 * The verdict on one request, as every server integration reports it to `onVerdict`: the
 * success (who, and how it authenticated), the refusal (why, which header, the keys it
 * claimed), or an error verdict (a lookup that failed). It never holds a token or a secret.
 *
 * @example
 * ```ts
 * const onVerdict = (verdict: Verdict) => {
 *   metrics.increment(verdict.ok ? 'apisig.accepted' : `apisig.refused.${verdict.reason}`);
 * };
 * ```
 */
export type Verdict = VerifySuccess | RefusedVerdict | ErrorVerdict;

/** The keys a request claims, kept only when a signer could have sent them (no arbitrary text in logs). */
function claimedKeys(headers: HeaderInput): { apiKey?: string; appKey?: string } {
  const claimed: { apiKey?: string; appKey?: string } = {};
  const apiKey = readHeader(headers, HEADERS.apiKey);
  const appKey = readHeader(headers, HEADERS.appKey);
  if (apiKey !== undefined && isHeaderKey(apiKey)) claimed.apiKey = apiKey;
  if (appKey !== undefined && isHeaderKey(appKey)) claimed.appKey = appKey;
  return claimed;
}

/**
 * Verifies one request and gives its verdict, never a rejection: a lookup that throws or
 * hangs becomes an error verdict (500, or 503 for a timeout). Fail closed: only `ok` lets
 * a request through.
 */
export async function judge(verify: Verifier, headers: HeaderInput): Promise<Verdict> {
  try {
    const result = await verify(headers);
    return result.ok ? result : { ...result, ...claimedKeys(headers) };
  } catch (error) {
    const timeout = isApiSigError(error, 'lookup_timeout');
    const reason = timeout
      ? 'lookup_timeout'
      : isApiSigError(error, 'lookup_failed')
        ? 'lookup_failed'
        : 'internal_error';
    return { ok: false, reason, status: timeout ? 503 : 500, error, ...claimedKeys(headers) };
  }
}

/** The authentication scheme named in WWW-Authenticate. */
export const AUTH_SCHEME = 'ApiSig';

/**
 * How a server answers a verdict that is not ok: its status, headers and JSON body. A
 * refusal carries `WWW-Authenticate: ApiSig error="<reason>", header="<header>"` and the body
 * `{ "error": reason, "header": name }`; an error verdict a bare `{ "error": reason }` (and
 * `Retry-After` for a timeout). Never a token, a secret, or what a lookup threw.
 *
 * @example
 * ```ts
 * const { status, headers, body } = failureAnswer(verdict);
 * reply.code(status).headers(headers).send(body);
 * ```
 */
export interface FailureAnswer {
  status: 401 | 403 | 500 | 503;
  headers: Record<string, string>;
  body: { error: FailureReason | ErrorVerdict['reason']; header?: HeaderName };
}

/** The answer for a verdict that is not ok. */
export function failureAnswer(verdict: RefusedVerdict | ErrorVerdict): FailureAnswer {
  const headers: Record<string, string> = {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
  };
  if ('error' in verdict) {
    if (verdict.status === 503) headers['retry-after'] = '1';
    return { status: verdict.status, headers, body: { error: verdict.reason } };
  }
  headers['www-authenticate'] =
    `${AUTH_SCHEME} error="${verdict.reason}", header="${verdict.header}"`;
  return {
    status: verdict.status,
    headers,
    body: { error: verdict.reason, header: verdict.header },
  };
}

/**
 * True for a CORS preflight: `OPTIONS` with `Origin` and `Access-Control-Request-Method`, and
 * none of our four headers (a browser never sends them on a preflight). A server lets it
 * through unverified (its CORS layer answers it); any other request is verified, an
 * `OPTIONS` without those headers included.
 */
export function isPreflight(method: string | undefined, headers: HeaderInput): boolean {
  return (
    method?.toUpperCase() === 'OPTIONS' &&
    readHeader(headers, 'origin') !== undefined &&
    readHeader(headers, 'access-control-request-method') !== undefined &&
    Object.values(HEADERS).every((name) => readHeader(headers, name) === undefined)
  );
}
