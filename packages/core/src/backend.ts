/**
 * What a runtime package implements to bind core to a crypto library (jsonwebtoken, jose).
 * Core never signs or checks an HMAC itself: it decides what to sign and which checks run in
 * which order; the backend does the cryptography. `Key` is the backend's prepared secret
 * (a KeyObject, a CryptoKey), made once per secret so the hot path never re-imports it.
 */
import type { Claims } from './claims.js';
import type { MaybePromise } from './maybe-promise.js';

/**
 * A crypto library behind the engines: prepares a secret once, signs claims, checks an HMAC.
 *
 * @example
 * ```ts
 * const backend: SigningBackend<KeyObject> = {
 *   importKey: (secret) => createSecretKey(Buffer.from(secret, 'utf8')),
 *   sign: (claims, key) => jwt.sign(claims, key, { algorithm: 'HS256', noTimestamp: true }),
 *   verifySignature: (token, key) => jws.verify(token, 'HS256', key),
 * };
 * ```
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

/**
 * What a signer needs of a backend. A signer never verifies, so a bundle that only signs
 * need not carry the backend's verifier.
 *
 * @example
 * ```ts
 * const signing: SigningOnlyBackend<CryptoKey> = { importKey, sign };
 * createAsyncSigner(signing, { apiKey, jwtKey });
 * ```
 */
export type SigningOnlyBackend<Key = unknown> = Pick<SigningBackend<Key>, 'importKey' | 'sign'>;

/**
 * What a verifier needs of a backend: a verifier never signs, so a bundle that only verifies
 * need not carry the backend's signer.
 *
 * @example
 * ```ts
 * const verifying: VerifyingBackend<CryptoKey> = { importKey, verifySignature };
 * createVerifierEngine(verifying, { users });
 * ```
 */
export type VerifyingBackend<Key = unknown> = Pick<
  SigningBackend<Key>,
  'importKey' | 'verifySignature'
>;

/**
 * A backend whose importKey and sign answer at once, so a signer's `headers()` can too.
 *
 * @example
 * ```ts
 * const signer = createSyncSigner(jsonwebtokenBackend, { apiKey }); // headers(): AuthHeaders
 * ```
 */
export interface SyncSigningBackend<Key = unknown> extends SigningBackend<Key> {
  importKey(secret: string): Key;
  sign(claims: Claims, key: Key): string;
}
