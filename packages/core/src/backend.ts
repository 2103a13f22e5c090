import type { Claims } from './claims.js';

/** A value now or later: node's backend is synchronous, WebCrypto's is not. */
export type MaybePromise<T> = T | Promise<T>;

/**
 * What a runtime package implements to bind core to a crypto library (jsonwebtoken, jose).
 * Core never signs or checks an HMAC itself: it decides what to sign and which checks run in
 * which order; the backend does the cryptography. `Key` is the backend's prepared secret
 * (a KeyObject, a CryptoKey), made once per secret so the hot path never re-imports it.
 */
export interface SigningBackend<Key = unknown> {
  /** Prepare a secret (its UTF-8 bytes, unchanged) for repeated use. */
  importKey(secret: string): MaybePromise<Key>;
  /**
   * Sign exactly these claims, serialized compactly in their order, under the protected
   * header `{"alg":"HS256","typ":"JWT"}`; return the compact JWS.
   */
  sign(claims: Claims, key: Key): MaybePromise<string>;
  /**
   * True only when the token's HS256 signature over its first two segments matches `key`
   * (compared in constant time by the library). Claims are not the backend's business:
   * core checks them, in the contract's order, after this returns true.
   */
  verifySignature(token: string, key: Key): MaybePromise<boolean>;
}

/** What a signer needs of a backend: a signer never verifies, so a bundle that only signs
 * need not carry the backend's verifier. */
export type SigningOnlyBackend<Key = unknown> = Pick<SigningBackend<Key>, 'importKey' | 'sign'>;

/** A backend whose importKey and sign return plain values, so `headers()` can be synchronous. */
export interface SyncSigningBackend<Key = unknown> extends SigningBackend<Key> {
  importKey(secret: string): Key;
  sign(claims: Claims, key: Key): string;
}

export function isPromiseLike<T>(value: MaybePromise<T>): value is Promise<T> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}

/** Continue with a value now if we have it, later if we do not: one code path for both. */
export function chain<T, U>(
  value: MaybePromise<T>,
  next: (value: T) => MaybePromise<U>,
): MaybePromise<U> {
  return isPromiseLike(value) ? value.then(next) : next(value);
}
