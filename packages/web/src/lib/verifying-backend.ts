/** jose's compact JWS verification behind core's verifier engine, HS256 only, no signing code. */
import { TOKEN_ALGORITHM, type VerifyingBackend } from '@apisig/core/adapter';
import { compactVerify } from 'jose';
import { importHmacKey } from './hmac-key.js';

export const joseVerifyingBackend: VerifyingBackend<CryptoKey> = {
  importKey: importHmacKey,
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
