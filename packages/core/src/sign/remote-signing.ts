/**
 * The remote-signing protocol, both ends: a server that keeps the secrets answers a logged-in
 * browser's `POST` with short-lived headers (`@apisig/node`'s createSigningHandler), and the
 * browser's remote signer (`@apisig/web`'s createRemoteSigner) checks and times that answer.
 * The answer, its refusals and how the receiving end reads them are defined here once.
 */
import { type AuthHeaders, HEADERS, MAX_TOKEN_LENGTH } from '../contract.js';
import { ApiSigError } from '../errors.js';
import { AUTH_HEADER_NAMES } from '../fetch/request-policy.js';
import {
  describeType,
  invalidCredential,
  validateHeaderKey,
  validateHeaderValue,
} from '../validate.js';
import type { SignedHeaders } from './header-source.js';

/**
 * What the endpoint answers: the headers, when they expire on its clock, and how long from now.
 *
 * @example
 * ```ts
 * const answer: RemoteSigningAnswer = remoteSigningAnswer(await signer.sign(), Date.now());
 * // { headers: {...}, expiresAt: 1764300015000, expiresIn: 15000 }
 * ```
 */
export interface RemoteSigningAnswer extends SignedHeaders {
  /** Milliseconds the headers stay valid from when the endpoint answered; null without tokens. */
  expiresIn: number | null;
}

/** The endpoint's refusals: the status and the `{ error }` body each is sent with. */
export const REMOTE_SIGNING_REFUSALS = {
  /** The caller is not someone the endpoint signs for (no session, a failed CSRF check). */
  unauthorized: 401,
  /** Only `POST` asks for headers. */
  method_not_allowed: 405,
} as const;

/**
 * The `error` a signing endpoint refuses with.
 *
 * @example
 * ```ts
 * const refusal: RemoteSigningRefusal = 'unauthorized';
 * response.status(REMOTE_SIGNING_REFUSALS[refusal]).json({ error: refusal });
 * ```
 */
export type RemoteSigningRefusal = keyof typeof REMOTE_SIGNING_REFUSALS;

/** The answer is read up to this many bytes, no further: a genuine one is well under 6 kB. */
export const MAX_REMOTE_ANSWER_BYTES = 8192;

/** No token outlives the longest ttl a signer may use: a later expiry is not believed. */
const LONGEST_LIFETIME_MS = 300_000; // TTL_RANGE.max s, as a literal so tree-shaking drops it

/** The endpoint's side: the JSON body for headers a signer made at `now` (its clock, ms). */
export function remoteSigningAnswer(signed: SignedHeaders, now: number): RemoteSigningAnswer {
  const { headers, expiresAt } = signed;
  return { headers, expiresAt, expiresIn: expiresAt === null ? null : expiresAt - now };
}

function invalid(message: string, cause?: unknown): ApiSigError {
  return new ApiSigError('remote_signer_invalid_response', message, { field: 'response', cause });
}

/**
 * Auth headers that come from elsewhere, before they are sent on: only the contract's four
 * names, `x-api-key` present, `x-app-key` and `x-app-signature` together, keys by the
 * credential rules, tokens visible ASCII up to MAX_TOKEN_LENGTH. Returns a fresh object in
 * wire order; throws `invalid_credentials` naming the header.
 */
export function validateAuthHeaders(field: string, value: unknown): AuthHeaders {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalidCredential(field, `must be an object, got ${describeType(value)}`);
  }
  const record = value as Record<string, unknown>;
  for (const name of Object.keys(record)) {
    if (!AUTH_HEADER_NAMES.includes(name)) {
      throw invalidCredential(field, `may only carry ${AUTH_HEADER_NAMES.join(', ')}`);
    }
  }
  const hasAppKey = record[HEADERS.appKey] !== undefined;
  if (hasAppKey !== (record[HEADERS.appSignature] !== undefined)) {
    const missing = hasAppKey ? HEADERS.appSignature : HEADERS.appKey;
    throw invalidCredential(`${field}.${missing}`, 'is required with its pair');
  }
  const key = (name: string) => validateHeaderKey(`${field}.${name}`, record[name]);
  const token = (name: string) =>
    validateHeaderValue(`${field}.${name}`, record[name], MAX_TOKEN_LENGTH);
  const headers: AuthHeaders = { [HEADERS.apiKey]: key(HEADERS.apiKey) };
  if (record[HEADERS.signature] !== undefined)
    headers[HEADERS.signature] = token(HEADERS.signature);
  if (hasAppKey) {
    headers[HEADERS.appKey] = key(HEADERS.appKey);
    headers[HEADERS.appSignature] = token(HEADERS.appSignature);
  }
  return headers;
}

const finite = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value);

/**
 * The receiving side: the endpoint's JSON text, checked. Headers by the rules above; expiry
 * a finite `expiresAt` (and `expiresIn`, when sent), or null for both when no token is sent
 * (an API-key-only signer: nothing expires). Throws `remote_signer_invalid_response`.
 */
export function parseRemoteSigningAnswer(text: string): RemoteSigningAnswer {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw invalid('the remote signer did not answer JSON');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw invalid('the remote signer did not answer a JSON object');
  }
  const answer = body as Partial<Record<keyof RemoteSigningAnswer, unknown>>;
  let headers: AuthHeaders;
  try {
    headers = validateAuthHeaders('headers', answer.headers);
  } catch (error) {
    throw invalid(`the remote signer answered invalid ${(error as ApiSigError).field}`, error);
  }
  const tokenless =
    headers[HEADERS.signature] === undefined && headers[HEADERS.appSignature] === undefined;
  const { expiresAt, expiresIn = null } = answer;
  if (expiresAt === null && expiresIn === null && tokenless) {
    return { headers, expiresAt: null, expiresIn: null };
  }
  if (!finite(expiresAt) || (expiresIn !== null && !finite(expiresIn))) {
    throw invalid('the remote signer answered no finite expiresAt');
  }
  return { headers, expiresAt, expiresIn };
}

/**
 * When an answer came, on the local clock, and how far the endpoint's clock is from ours.
 *
 * @example
 * ```ts
 * const expiresAt = localExpiry(answer, { receivedAt: Date.now(), offsetSeconds: null });
 * ```
 */
export interface AnswerTiming {
  /** Local clock, ms, when the answer arrived. */
  receivedAt: number;
  /** Server clock minus ours in seconds (from its Date header), or null when unknown. */
  offsetSeconds: number | null;
}

/**
 * When the answer's headers expire on the local clock. A relative `expiresIn` is the truest
 * (no clock is compared); else `expiresAt` moved by the Date offset; never later than the
 * longest ttl from now. Null for headers without a token. Headers that have expired already
 * are refused (`remote_signer_invalid_response`): cached, they would be asked for again on
 * every call, and sent, refused by the API.
 */
export function localExpiry(answer: RemoteSigningAnswer, timing: AnswerTiming): number | null {
  if (answer.expiresAt === null) return null;
  const { receivedAt, offsetSeconds } = timing;
  const expiresAt =
    answer.expiresIn !== null
      ? receivedAt + answer.expiresIn
      : answer.expiresAt - (offsetSeconds ?? 0) * 1000;
  if (expiresAt <= receivedAt)
    throw invalid('the remote signer answered headers that have expired');
  return Math.min(expiresAt, receivedAt + LONGEST_LIFETIME_MS);
}
