import { createHmac, timingSafeEqual } from 'node:crypto';
import {
  createSyncSigner,
  createVerifierEngine,
  type SyncSigningBackend,
} from '@apisig/core/adapter';

const base64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
const hmac = (input: string, secret: string) => createHmac('sha256', secret).update(input).digest();

// The backend does the cryptography, nothing else: claims, reuse, lifetimes, the order of
// the checks and every refusal are core's.
export const backend: SyncSigningBackend<string> = {
  importKey: (secret) => secret, // once per secret: a KeyObject or CryptoKey in real backends
  sign: (claims, secret) => {
    const input = `${base64url({ alg: 'HS256', typ: 'JWT' })}.${base64url(claims)}`;
    return `${input}.${hmac(input, secret).toString('base64url')}`;
  },
  verifySignature: (token, secret) => {
    const cut = token.lastIndexOf('.');
    const expected = hmac(token.slice(0, cut), secret);
    const actual = Buffer.from(token.slice(cut + 1), 'base64url');
    return actual.length === expected.length && timingSafeEqual(actual, expected);
  },
};

const alice = { apiKey: 'ak_live_3f9a2c1e7b4d', jwtKey: 'jk_9b2e4c7a1f3d5e8b' };

export const signer = createSyncSigner(backend, alice);
export const verify = createVerifierEngine(backend, {
  users: (apiKey) => (apiKey === alice.apiKey ? { jwtKey: alice.jwtKey } : undefined),
});

const headers = signer.headers(); // { 'x-api-key': 'ak_live_…', 'x-signature': 'eyJ…' }
console.log(await verify(headers)); // { ok: true, apiKey: 'ak_live_…', signed: true, mode: 'signed' }
