/**
 * jose signing behind core's signer engine. Only signing: the verifier half is
 * verifying-backend.ts, so a bundle that only signs carries none of jose's verification.
 */
import { type SigningOnlyBackend, TOKEN_HEADER } from '@apisig/core/adapter';
import { FlattenedSign } from 'jose';
import { importHmacKey } from './hmac-key.js';

const utf8 = /* @__PURE__ */ new TextEncoder();

export const joseSigningBackend: SigningOnlyBackend<CryptoKey> = {
  importKey: importHmacKey,
  // The claims' own JSON keeps their order, { key, exp }, byte for byte, and jose writes the
  // header's members in the order given: core's {"alg":"HS256","typ":"JWT"}. FlattenedSign is
  // CompactSign without the wrapper; the compact token is its three parts joined.
  async sign(claims, key) {
    const jws = await new FlattenedSign(utf8.encode(JSON.stringify(claims)))
      .setProtectedHeader({ ...TOKEN_HEADER })
      .sign(key);
    return `${jws.protected}.${jws.payload}.${jws.signature}`;
  },
};
