/**
 * The signing backend on jsonwebtoken. The secret becomes a KeyObject once per signer:
 * with a string key jsonwebtoken re-derives the key on every call, many times slower.
 */
import { createSecretKey, type KeyObject } from 'node:crypto';
import type { SyncSigningBackend } from '@apisig/core';
import jwt from 'jsonwebtoken';

export const jsonwebtokenBackend: SyncSigningBackend<KeyObject> = {
  importKey: (secret) => createSecretKey(Buffer.from(secret, 'utf8')),

  // noTimestamp: the contract's claims are exactly { key, exp }; jsonwebtoken adds iat otherwise.
  sign: (claims, key) => jwt.sign(claims, key, { algorithm: 'HS256', noTimestamp: true }),

  verifySignature(token, key) {
    try {
      // Core checks exp and key itself, in the contract's order; jsonwebtoken only the HMAC.
      jwt.verify(token, key, {
        algorithms: ['HS256'],
        ignoreExpiration: true,
        ignoreNotBefore: true,
      });
      return true;
    } catch {
      return false;
    }
  },
};
