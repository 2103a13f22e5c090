/**
 * The lifetime vectors (vectors/lifetimes.json) against one verifier: tokens shaped like the
 * API vendor's own SDKs (exp = now + 60, iat added) pass with the default maxTtl, and the
 * strict 15 s setting refuses what lives longer than 15 + leeway seconds.
 */
import { describe, expect, it } from 'vitest';
import { lifetimeVectors } from '../vectors.js';
import type { VerifyHeadersLike } from './adapter.js';

export interface LifetimeVerifier extends VerifyHeadersLike {
  /** Named in the suite's title: "node verifier", "core engine (sync)". */
  name: string;
}

const MEMBER = 'ak_member_lifetimes';

export function describeLifetimeVectors({ name, verifyHeaders }: LifetimeVerifier): void {
  describe(`lifetime vectors: ${name}`, () => {
    it('has the vendor-shaped tokens to test', () => {
      expect(lifetimeVectors.map((v) => v.name)).toEqual(
        expect.arrayContaining(['sdk-js-style', 'sdk-go-style', 'sdk-org-js-style']),
      );
    });

    for (const v of lifetimeVectors) {
      for (const [maxTtl, verdict] of Object.entries(v.verdicts)) {
        const setting = maxTtl === '60' ? 'default maxTtl' : `maxTtl ${maxTtl}`;
        it(`${v.name} (${v.library}, ${v.kind}) with the ${setting}: ${verdict}`, async () => {
          const header = v.kind === 'user' ? 'x-signature' : 'x-app-signature';
          const limit =
            maxTtl === '60'
              ? {}
              : { maxTtl: { [v.kind === 'user' ? 'signature' : 'appSignature']: Number(maxTtl) } };
          const clock = () => v.now * 1000 + 999;
          const result =
            v.kind === 'user'
              ? await verifyHeaders(
                  { 'x-api-key': v.key, 'x-signature': v.token },
                  { users: () => ({ jwtKey: v.secret }), clock, ...limit },
                )
              : await verifyHeaders(
                  { 'x-api-key': MEMBER, 'x-app-key': v.key, 'x-app-signature': v.token },
                  {
                    users: () => ({}),
                    organizations: () => ({ appSecret: v.secret, isMember: () => true }),
                    clock,
                    ...limit,
                  },
                );
          if (verdict === 'ok') expect(result).toMatchObject({ ok: true });
          else expect(result).toEqual({ ok: false, reason: verdict, header, status: 401 });
        });
      }
    }
  });
}
