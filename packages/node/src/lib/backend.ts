/// <reference path="./jws.d.ts" />
/**
 * The signing backend on jsonwebtoken. The secret becomes a KeyObject once per signer (and
 * once per secret in the verifier's cache): given a string, jsonwebtoken tries to parse it
 * as a PEM private key, then a public key, before making a secret key, on every call.
 */
import { createSecretKey, type KeyObject } from 'node:crypto';
import { type SyncSigningBackend, TOKEN_ALGORITHM } from '@apisig/core/adapter';
import jwt from 'jsonwebtoken';
import jws from 'jws';

const SIGN_OPTIONS = { algorithm: TOKEN_ALGORITHM, noTimestamp: true } as const;

export const jsonwebtokenBackend: SyncSigningBackend<KeyObject> = {
  importKey: (secret) => createSecretKey(Buffer.from(secret, 'utf8')),

  // noTimestamp: the contract's claims are exactly { key, exp }; jsonwebtoken adds iat otherwise.
  sign: (claims, key) => jwt.sign(claims, key, SIGN_OPTIONS),

  /**
   * Only the HMAC, as the backend interface asks: by now core has decoded the token, refused
   * a malformed one and any alg but HS256, and it checks the claims after. jwt.verify would
   * decode and check it all again (about 40% of its time); jws.verify, the layer jwt.verify
   * calls for the signature, does just the HMAC with the algorithm pinned to HS256 (never
   * the header's) and a constant-time comparison.
   */
  verifySignature(token, key) {
    try {
      return jws.verify(token, TOKEN_ALGORITHM, key);
    } catch {
      return false;
    }
  },
};
