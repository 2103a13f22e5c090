/**
 * The one shape of "something that gives auth headers": a local signer (node, web), a remote
 * signer (headers from the app's own backend), anything a test or an app makes. The signed
 * fetch, the React store and the signing endpoint take this and nothing more specific.
 */

import type { AuthHeaders } from '../contract.js';
import type { MaybePromise } from '../maybe-promise.js';
import type { ClockObservation } from './clock.js';

/**
 * Headers plus when the earliest of their tokens expires: what a signing endpoint hands out.
 *
 * @example
 * ```ts
 * const { headers, expiresAt } = await signer.sign();
 * // expiresAt: epoch ms on the signer's corrected clock, or null when no token is sent
 * ```
 */
export interface SignedHeaders {
  headers: AuthHeaders;
  /** When the earliest token expires, epoch ms on the source's corrected clock; null without tokens. */
  expiresAt: number | null;
}

/**
 * Anything that hands out auth headers. `createSigner` and `createRemoteSigner` make one;
 * `createSignedFetch`, the React provider and `createSigningHandler` take one.
 *
 * @example
 * ```ts
 * // A source over headers some other part of the app keeps fresh:
 * const source: HeaderSource = {
 *   headers: () => current.headers,
 *   sign: () => current,
 *   clock: Date.now,
 * };
 * const api = createSignedFetch(source);
 * ```
 */
export interface HeaderSource {
  /** Headers for one request. */
  headers(): MaybePromise<AuthHeaders>;
  /** Headers plus when they stop being valid. */
  sign(): MaybePromise<SignedHeaders>;
  /** The raw clock (epoch ms, no offset) that send and receive times are read from. */
  clock(): number;
  /** Seconds added to `clock()` by skew correction; `expiresAt` is on the corrected clock. */
  readonly clockOffset?: number;
  /** Feed a response's Date; true when that moved the clock offset. A local signer has it. */
  syncClock?(observation: ClockObservation): boolean;
  /** Forget cached headers that the server refused as expired (a remote signer has it). */
  clear?(): void;
}

/** True for anything shaped like a HeaderSource (a signer from any copy of apisig, a remote signer). */
export function isHeaderSource(value: unknown): value is HeaderSource {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<Record<keyof HeaderSource, unknown>>;
  return (
    typeof candidate.headers === 'function' &&
    typeof candidate.sign === 'function' &&
    typeof candidate.clock === 'function'
  );
}
