/**
 * Key rotation against one verifier: a user's jwtKey, or an organization's appSecret, may be
 * the keys in use (up to 4) while clients move to a new one. A token signed with any of them
 * passes, the verdict is the same whichever it was (no oracle), a key not in the list is
 * refused, and every request checks at most 4 HMACs.
 */
import type { VerifyOptions } from '@apisig/core';
import { describe, expect, it } from 'vitest';
import { acme, alice, bob } from '../cast.js';
import { CORPUS_NOW, corpusClock } from '../corpus/index.js';
import { forgeToken, HS256 } from '../forge.js';
import type { VerifyHeadersLike } from './adapter.js';

const OLD = 'jk_alice_old_2025';
const NEW = 'jk_alice_new_2026';
const userToken = (secret: string, exp = CORPUS_NOW + 15) =>
  forgeToken(HS256, { key: alice.apiKey, exp }, secret);
const appToken = (secret: string) =>
  forgeToken(HS256, { key: acme.appKey, exp: CORPUS_NOW + 60 }, secret);

export interface RotationVerifier extends VerifyHeadersLike {
  /** The backend whose verifySignature the verifier calls: the cost spy watches it. */
  backend: { verifySignature(...args: never[]): unknown };
}

export function describeKeyRotation({ verifyHeaders, backend }: RotationVerifier): void {
  const verify = (headers: Record<string, string>, options: Partial<VerifyOptions>) =>
    verifyHeaders(headers, { users: () => null, clock: corpusClock, ...options }).then(
      (result) => result,
      (error: { code?: string }) => ({ error: error.code }),
    );
  const rotating = { users: () => ({ jwtKey: [OLD, NEW] }) };

  describe('key rotation: jwtKey as the keys in use', () => {
    it('a token signed with the old key and one signed with the new both pass, alike', async () => {
      const withOld = await verify(
        { 'x-api-key': alice.apiKey, 'x-signature': userToken(OLD) },
        rotating,
      );
      const withNew = await verify(
        { 'x-api-key': alice.apiKey, 'x-signature': userToken(NEW) },
        rotating,
      );
      expect(withOld).toEqual({ ok: true, apiKey: alice.apiKey, signed: true, mode: 'signed' });
      expect(withNew).toEqual(withOld); // the same verdict: nothing says which key it was
    });

    it('a key that is not in the list is refused, alike for any wrong key', async () => {
      for (const secret of ['jk_alice_retired_2024', 'jk_someone_else']) {
        expect(
          await verify({ 'x-api-key': alice.apiKey, 'x-signature': userToken(secret) }, rotating),
        ).toEqual({ ok: false, reason: 'bad_signature', header: 'x-signature', status: 401 });
      }
    });

    it('the old key alone (before the rotation) refuses the new one: the control', async () => {
      const before = { users: () => ({ jwtKey: OLD }) };
      expect(
        await verify({ 'x-api-key': alice.apiKey, 'x-signature': userToken(OLD) }, before),
      ).toMatchObject({ ok: true });
      expect(
        await verify({ 'x-api-key': alice.apiKey, 'x-signature': userToken(NEW) }, before),
      ).toMatchObject({ reason: 'bad_signature' });
    });

    it.each([
      ['no key at all', []],
      ['five keys', ['k1', 'k2', 'k3', 'k4', 'k5']],
      ['an empty key among them', [OLD, '']],
      ['a number among them', [OLD, 42]],
    ])('%s: lookup_failed', async (_, jwtKey) => {
      const headers = { 'x-api-key': alice.apiKey, 'x-signature': userToken(OLD) };
      expect(await verify(headers, { users: () => ({ jwtKey }) as never })).toEqual({
        error: 'lookup_failed',
      });
    });

    it('checks at most 4 HMACs per request, whatever the token', async () => {
      const { vi } = await import('vitest');
      const spy = vi.spyOn(backend, 'verifySignature');
      const four = { users: () => ({ jwtKey: ['k1', 'k2', 'k3', NEW] }) };
      // A fresh token each time (never remembered): every request pays its HMACs.
      for (let i = 0; i < 3; i++) {
        const token = userToken(`jk_wrong_${i}`, CORPUS_NOW + 10 + i);
        await verify({ 'x-api-key': alice.apiKey, 'x-signature': token }, four);
      }
      expect(spy.mock.calls.length).toBeLessThanOrEqual(12);
      expect(spy.mock.calls.length).toBe(12);
      spy.mockRestore();
    });
  });

  describe('key rotation: appSecret as the secrets in use', () => {
    const organizations = () => ({
      appSecret: ['as_acme_old', acme.appSecret],
      isMember: (apiKey: string) => apiKey === bob.apiKey,
    });
    const through = (secret: string) => ({
      'x-api-key': bob.apiKey,
      'x-app-key': acme.appKey,
      'x-app-signature': appToken(secret),
    });

    it('either App Secret passes, another is refused', async () => {
      const options = { users: () => ({}), organizations };
      expect(await verify(through('as_acme_old'), options)).toMatchObject({ ok: true });
      expect(await verify(through(acme.appSecret), options)).toMatchObject({ ok: true });
      expect(await verify(through('as_acme_leaked'), options)).toMatchObject({
        reason: 'bad_signature',
        header: 'x-app-signature',
      });
    });
  });
}
