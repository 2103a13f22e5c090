/** The jose backend on its own: what core delegates to it, and the runtime idiom it adds. */
import { forgeToken, signatureVectors } from '@apisig/test-support';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createSigner, isApiSigError } from '../src/index.js';
import { joseSigningBackend } from '../src/lib/signing-backend.js';
import { joseVerifyingBackend } from '../src/lib/verifying-backend.js';

const vector = signatureVectors.find((v) => v.name === 'user-basic');
if (vector === undefined) throw new Error('vector user-basic missing');

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('joseVerifyingBackend.verifySignature', () => {
  it('accepts both reference tokens with the right key only', async () => {
    const key = await joseVerifyingBackend.importKey(vector.secret);
    const other = await joseVerifyingBackend.importKey(`${vector.secret}!`);
    expect(await joseVerifyingBackend.verifySignature(vector.token, key)).toBe(true);
    expect(await joseVerifyingBackend.verifySignature(vector.goToken, key)).toBe(true);
    expect(await joseVerifyingBackend.verifySignature(vector.token, other)).toBe(false);
  });

  it('refuses any algorithm but HS256 even when the HMAC would match (defence in depth)', async () => {
    const key = await joseVerifyingBackend.importKey(vector.secret);
    const claims = { key: vector.key, exp: vector.exp };
    for (const alg of ['HS384', 'HS512', 'none']) {
      const token = forgeToken({ alg, typ: 'JWT' }, claims, vector.secret);
      expect(await joseVerifyingBackend.verifySignature(token, key)).toBe(false);
    }
    expect(await joseVerifyingBackend.verifySignature('not.a.jws', key)).toBe(false);
  });
});

describe('the signing key', () => {
  it('is a non-extractable HMAC SHA-256 CryptoKey', async () => {
    const key = await joseSigningBackend.importKey(vector.secret);
    expect(key).toMatchObject({
      type: 'secret',
      extractable: false,
      algorithm: { name: 'HMAC', hash: { name: 'SHA-256' } },
    });
  });

  it('without WebCrypto (an insecure page) signing fails with a cause that says why', async () => {
    vi.stubGlobal('crypto', {});
    const signer = createSigner({ apiKey: vector.key, jwtKey: vector.secret });
    const error = await signer.headers().catch((caught: unknown) => caught);
    expect(isApiSigError(error, 'signing_failed')).toBe(true);
    expect(String((error as Error).cause)).toMatch(/secure|https/);
    expect(JSON.stringify(error, Object.getOwnPropertyNames(error))).not.toContain(vector.secret);
  });
});
