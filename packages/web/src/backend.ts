/**
 * jose (WebCrypto) behind core's engines. A secret is imported once as a non-extractable
 * HMAC SHA-256 CryptoKey, so steady-state signing never re-imports it. Signing lives here
 * alone: the verifier half is in verify-backend.ts, so a bundle that only signs (the
 * package's main entry) carries none of jose's verification code.
 */
import { type SigningOnlyBackend, TOKEN_HEADER } from '@apisig/core';
import { CompactSign } from 'jose';

const utf8 = new TextEncoder();

/** The secret's UTF-8 bytes, unchanged, as an HMAC SHA-256 key that cannot be exported. */
export function importHmacKey(secret: string): Promise<CryptoKey> {
  const subtle = globalThis.crypto?.subtle;
  if (subtle === undefined) {
    // Browsers expose WebCrypto only to secure contexts; say so rather than "undefined".
    throw new Error(
      'WebCrypto (crypto.subtle) is unavailable here: browsers expose it only on https:// or localhost pages',
    );
  }
  const algorithm = { name: 'HMAC', hash: 'SHA-256' };
  return subtle.importKey('raw', utf8.encode(secret), algorithm, false, ['sign', 'verify']);
}

export const joseSigningBackend: SigningOnlyBackend<CryptoKey> = {
  importKey: importHmacKey,
  // CompactSign over the claims' own JSON keeps their order, { key, exp }, byte for byte,
  // and jose writes the header's members in the order given: core's {"alg":"HS256","typ":"JWT"}.
  sign: (claims, key) =>
    new CompactSign(utf8.encode(JSON.stringify(claims)))
      .setProtectedHeader({ ...TOKEN_HEADER })
      .sign(key),
};
