/**
 * The signing backend on jose (WebCrypto). The secret is imported once per signer as a
 * non-extractable HMAC SHA-256 CryptoKey, so steady-state signing never re-imports it.
 */
import type { SigningBackend } from '@apisig/core';
import { CompactSign, compactVerify } from 'jose';

const utf8 = new TextEncoder();

export const joseBackend: SigningBackend<CryptoKey> = {
  importKey: (secret) =>
    crypto.subtle.importKey('raw', utf8.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, [
      'sign',
      'verify',
    ]),

  // CompactSign over the claims' own JSON keeps their order: { key, exp }, byte for byte.
  sign: (claims, key) =>
    new CompactSign(utf8.encode(JSON.stringify(claims)))
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .sign(key),

  async verifySignature(token, key) {
    try {
      await compactVerify(token, key, { algorithms: ['HS256'] });
      return true;
    } catch {
      return false;
    }
  },
};
