/** The full jose backend: signing plus jose's compact JWS verification, HS256 only. */
import { type SigningBackend, TOKEN_ALGORITHM } from '@apisig/core';
import { compactVerify } from 'jose';
import { joseSigningBackend } from './backend.js';

export const joseBackend: SigningBackend<CryptoKey> = {
  ...joseSigningBackend,

  // Only the HMAC is jose's business here: core decodes the token, refuses any alg but
  // HS256 and any crit header before calling this, and checks the claims after it.
  async verifySignature(token, key) {
    try {
      await compactVerify(token, key, { algorithms: [TOKEN_ALGORITHM] });
      return true;
    } catch {
      return false;
    }
  },
};
