/**
 * The shared vectors through the real jose backend, in Node and in Chromium: every token
 * byte for byte, both libraries' tokens accepted, every rejection with its reason.
 */
import { describe, expect, inject, it } from 'vitest';
import { createSigner } from '../../src/index.js';
import { verifyHeaders } from '../../src/verify.js';
import '../support/context.js';

const signatureVectors = inject('signatureVectors');
const rejectionVectors = inject('rejectionVectors');
const hostileTokens = inject('hostileTokens');

const ttlOf = (kind: string) => (kind === 'user' ? 15 : 60);

describe('signature vectors: byte-exact tokens', () => {
  it('covers both kinds', () => {
    expect(new Set(signatureVectors.map((v) => v.kind))).toEqual(new Set(['user', 'organization']));
  });

  for (const v of signatureVectors) {
    it(`${v.name}: signs the PyJWT token byte for byte`, async () => {
      const clock = () => (v.exp - ttlOf(v.kind)) * 1000 + 999;
      if (v.kind === 'user') {
        const signer = createSigner({ apiKey: v.key, jwtKey: v.secret, clock });
        expect((await signer.headers())['x-signature']).toBe(v.token);
      } else {
        const signer = createSigner({
          apiKey: 'ak_member',
          organization: { appKey: v.key, appSecret: v.secret },
          clock,
        });
        const headers = await signer.headers();
        expect(headers['x-app-key']).toBe(v.key);
        expect(headers['x-app-signature']).toBe(v.token);
      }
    });

    it(`${v.name}: verifies the PyJWT and golang-jwt tokens`, async () => {
      const clock = () => (v.exp - 3) * 1000;
      for (const token of [v.token, v.goToken]) {
        const result =
          v.kind === 'user'
            ? await verifyHeaders(
                { 'x-api-key': v.key, 'x-signature': token },
                { users: () => ({ jwtKey: v.secret }), clock },
              )
            : await verifyHeaders(
                { 'x-api-key': 'ak_member', 'x-app-key': v.key, 'x-app-signature': token },
                {
                  users: () => ({}),
                  organizations: () => ({ appSecret: v.secret, isMember: () => true }),
                  clock,
                },
              );
        expect(result).toMatchObject({ ok: true });
      }
    });
  }
});

describe('rejection vectors: each with its reason', () => {
  for (const v of [...rejectionVectors, ...hostileTokens]) {
    it(`${v.name}: ${v.reason}`, async () => {
      const result = await verifyHeaders(
        { 'x-api-key': v.apiKey, 'x-signature': v.token },
        {
          users: () => ({ jwtKey: v.secret }),
          clock: () => v.now * 1000,
          maxTtl: { signature: v.maxTtl },
          leeway: v.leeway,
        },
      );
      expect(result).toEqual({
        ok: false,
        reason: v.reason,
        header: 'x-signature',
        status: 401,
      });
    });
  }
});
