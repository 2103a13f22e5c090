/**
 * Load on one adapter's signer: 10,000 concurrent headers() calls (100 users of one
 * organization) all give headers that verify. Behaviour only: no durations are asserted.
 */

import type { Signer } from '@apisig/core';
import { describe, expect, it } from 'vitest';
import type { SignerFactory, VerifierFactory } from './adapter.js';

export interface LoadAdapter extends SignerFactory, VerifierFactory {}

const CONCURRENT = 10_000;
const USERS = 100;
const appSecret = 'as_load_secret_6b0d';
const jwtKeyOf = (user: number) => `jk_load_user_${user}_secret`;

export function describeConcurrentSigning({ createSigner, createVerifier }: LoadAdapter): void {
  describe('10,000 concurrent headers() calls', () => {
    it('every one verifies, for every user of the organization', async () => {
      const organization = createSigner({
        apiKey: 'ak_load_0',
        jwtKey: jwtKeyOf(0),
        organization: { appKey: 'app_load', appSecret },
      });
      const signers = Array.from({ length: USERS }, (_, user) =>
        organization.forUser({ apiKey: `ak_load_${user}`, jwtKey: jwtKeyOf(user) }),
      );
      // Each call in its own microtask: a sync signer (node) is then as concurrent as an async one.
      const all = await Promise.all(
        Array.from({ length: CONCURRENT }, (_, i) =>
          Promise.resolve().then(() => (signers[i % USERS] as Signer).headers()),
        ),
      );
      const verify = createVerifier({
        users: (apiKey) => ({ jwtKey: jwtKeyOf(Number(apiKey.slice('ak_load_'.length))) }),
        organizations: () => ({ appSecret, isMember: (apiKey) => apiKey.startsWith('ak_load_') }),
      });
      const verdicts = await Promise.all(all.map((headers) => verify(headers)));
      expect(verdicts).toHaveLength(CONCURRENT);
      const wrong = verdicts.filter(
        (verdict, i) => !verdict.ok || verdict.apiKey !== `ak_load_${i % USERS}`,
      );
      expect(wrong).toEqual([]);
      // Behaviour only: the generous bound keeps a loaded machine (every suite at once) from
      // failing a test that asserts no duration.
    }, 60_000);
  });
}
