/**
 * The organization paths (../corpus/organization.ts) against one verifier: each
 * mix-up of user and App headers gets the contract's reason, in the contract's order.
 */
import { describe, expect, it } from 'vitest';
import { corpusClock, corpusLookups, organizationCases } from '../corpus/index.js';
import type { VerifyFailure, VerifyHeadersLike } from './adapter.js';

export interface OrganizationVerifier extends VerifyHeadersLike {
  /** The adapter's HTTP answer for a failure (web's failureResponse), checked when given. */
  failureResponse?(failure: VerifyFailure): Response;
}

export function describeOrganizationPaths(verifier: OrganizationVerifier): void {
  const { verifyHeaders, failureResponse } = verifier;
  const corpusOptions = { ...corpusLookups, clock: corpusClock };

  describe('organization paths', () => {
    it.each(organizationCases())('$name', async ({ request, expected }) => {
      const result = await verifyHeaders(request, corpusOptions);
      if (expected === 'accepted') {
        expect(result).toMatchObject({ ok: true });
        return;
      }
      expect(result).toEqual({ ok: false, ...expected });
      if (failureResponse !== undefined && !result.ok) {
        const response = failureResponse(result);
        expect(response.status).toBe(expected.status);
        expect(await response.json()).toEqual({ error: expected.reason, header: expected.header });
      }
    });

    it('an App Key sent to a verifier that knows no organizations is unknown', async () => {
      const [member] = organizationCases();
      const result = await verifyHeaders(member?.request ?? {}, {
        users: corpusLookups.users,
        clock: corpusClock,
      });
      expect(result).toEqual({
        ok: false,
        reason: 'unknown_app_key',
        header: 'x-app-key',
        status: 401,
      });
    });
  });
}
