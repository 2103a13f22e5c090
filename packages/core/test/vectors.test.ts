import {
  asyncBackend,
  rejectionVectors,
  signatureVectors,
  syncBackend,
} from '@apisig/test-support';
import { describeLifetimeVectors } from '@apisig/test-support/suites';
import { describe, expect, it } from 'vitest';
import { createAsyncSigner, createSyncSigner, verifyHeadersWith } from '../src/adapter.js';
import { DEFAULT_TTL, type SignerOptions } from '../src/index.js';

const OTHER_API_KEY = 'ak_member_0001';

/** Signer options that make `vector.token` the token of the moment `exp - ttl`. */
function optionsFor(vector: (typeof signatureVectors)[number]): SignerOptions {
  if (vector.kind === 'user') {
    const ttl = DEFAULT_TTL.signature;
    return {
      apiKey: vector.key,
      jwtKey: vector.secret,
      clock: () => (vector.exp - ttl) * 1000 + 999,
    };
  }
  const ttl = DEFAULT_TTL.appSignature;
  return {
    apiKey: OTHER_API_KEY,
    organization: { appKey: vector.key, appSecret: vector.secret },
    clock: () => (vector.exp - ttl) * 1000,
  };
}

const tokenHeader = (kind: string) => (kind === 'user' ? 'x-signature' : 'x-app-signature');

describe('signature vectors (PyJWT bytes) through the signer engine', () => {
  it('has vectors to test', () => expect(signatureVectors.length).toBeGreaterThanOrEqual(8));

  for (const vector of signatureVectors) {
    it(`${vector.name}: the sync engine emits PyJWT's token byte for byte`, () => {
      const headers = createSyncSigner(syncBackend().backend, optionsFor(vector)).headers();
      expect(headers[tokenHeader(vector.kind)]).toBe(vector.token);
    });

    it(`${vector.name}: the async engine emits the same bytes`, async () => {
      const headers = await createAsyncSigner(asyncBackend().backend, optionsFor(vector)).headers();
      expect(headers[tokenHeader(vector.kind)]).toBe(vector.token);
    });
  }
});

describe('signature vectors through the verifier engine', () => {
  for (const vector of signatureVectors) {
    for (const field of ['token', 'goToken'] as const) {
      it(`${vector.name}: accepts the ${field === 'token' ? 'PyJWT' : 'golang-jwt'} token`, async () => {
        const clock = () => (vector.exp - 3) * 1000;
        const { backend } = syncBackend();
        const result =
          vector.kind === 'user'
            ? await verifyHeadersWith(
                backend,
                { 'x-api-key': vector.key, 'x-signature': vector[field] },
                { users: () => ({ jwtKey: vector.secret }), clock },
              )
            : await verifyHeadersWith(
                backend,
                {
                  'x-api-key': OTHER_API_KEY,
                  'x-app-key': vector.key,
                  'x-app-signature': vector[field],
                },
                {
                  users: () => ({}),
                  organizations: (appKey) =>
                    appKey === vector.key
                      ? { appSecret: vector.secret, isMember: (k) => k === OTHER_API_KEY }
                      : null,
                  clock,
                },
              );
        expect(result).toEqual(
          vector.kind === 'user'
            ? { ok: true, apiKey: vector.key, signed: true, mode: 'signed' }
            : {
                ok: true,
                apiKey: OTHER_API_KEY,
                appKey: vector.key,
                signed: false,
                mode: 'organization',
              },
        );
      });
    }
  }
});

describe('rejection vectors', () => {
  it('has vectors to test', () => expect(rejectionVectors.length).toBeGreaterThanOrEqual(11));

  for (const vector of rejectionVectors) {
    for (const [name, make] of [
      ['sync', syncBackend],
      ['async', asyncBackend],
    ] as const) {
      it(`${vector.name}: ${vector.reason} (${name} backend)`, async () => {
        const result = await verifyHeadersWith(
          make().backend,
          { 'x-api-key': vector.apiKey, 'x-signature': vector.token },
          {
            users: (apiKey) => (apiKey === vector.apiKey ? { jwtKey: vector.secret } : null),
            clock: () => vector.now * 1000,
            leeway: vector.leeway,
            maxTtl: { signature: vector.maxTtl },
          },
        );
        expect(result).toEqual({
          ok: false,
          reason: vector.reason,
          header: 'x-signature',
          status: 401,
        });
        expect(JSON.stringify(result)).not.toContain(vector.token);
        expect(JSON.stringify(result)).not.toContain(vector.secret);
      });
    }
  }
});

for (const [name, make] of [
  ['sync', syncBackend],
  ['async', asyncBackend],
] as const) {
  describeLifetimeVectors({
    name: `core engine (${name} backend)`,
    verifyHeaders: (headers, options) => verifyHeadersWith(make().backend, headers, options),
  });
}
