/**
 * Lookups that fail, against one verifier: a users(), organizations() or isMember() that
 * throws, rejects or never settles, an answer that is no record, a clock that reads NaN.
 * Each is a typed error (lookup_failed, lookup_timeout, invalid_option), never a verdict.
 */
import type { VerifyOptions } from '@apisig/core';
import { describe, expect, it } from 'vitest';
import { acme } from '../cast.js';
import { corpusClock, corpusLookups, organizationCases } from '../corpus/index.js';
import type { VerifyHeadersLike } from './adapter.js';

const never = () => new Promise<never>(() => undefined);
const boom = () => {
  throw new Error('directory down');
};

/** The verifier options every fault is applied over: the corpus's cast and clock. */
export const faultBaseOptions: VerifyOptions = {
  ...corpusLookups,
  clock: corpusClock,
  lookupTimeoutMs: 50,
};

/** A member through acme, and a request with all four headers: both reach every lookup. */
export const memberRequest = organizationCases()[0]?.request ?? {};
export const fullRequest = organizationCases()[1]?.request ?? {};

/** Each fault, at one of the places a verifier calls user code, and the error it must give. */
export const lookupFaults: Array<[name: string, fault: Partial<VerifyOptions>, code: string]> = [
  ['users throws', { users: boom }, 'lookup_failed'],
  ['users rejects', { users: () => Promise.reject(new Error('down')) }, 'lookup_failed'],
  ['users never settles', { users: never }, 'lookup_timeout'],
  ['organizations throws', { organizations: boom }, 'lookup_failed'],
  ['organizations never settles', { organizations: never }, 'lookup_timeout'],
  [
    'isMember throws',
    { organizations: () => ({ appSecret: acme.appSecret, isMember: boom }) },
    'lookup_failed',
  ],
  [
    'isMember never settles',
    { organizations: () => ({ appSecret: acme.appSecret, isMember: never }) },
    'lookup_timeout',
  ],
  [
    'organizations answers no App Secret',
    { organizations: () => ({ appSecret: '', isMember: () => true }) },
    'lookup_failed',
  ],
  ['users answers a string', { users: () => 'yes' as never }, 'lookup_failed'],
  ['the clock answers NaN', { clock: () => Number.NaN }, 'invalid_option'],
];

export function describeLookupFaults({ verifyHeaders }: VerifyHeadersLike): void {
  describe('lookups that fail or hang: a typed error, never a verdict', () => {
    it.each(lookupFaults)('%s → %s', async (_, fault, code) => {
      const outcome = await verifyHeaders(fullRequest, { ...faultBaseOptions, ...fault }).then(
        (result) => ({ result }),
        (error: unknown) => ({ error }),
      );
      expect(outcome).not.toHaveProperty('result');
      expect((outcome as { error: unknown }).error).toMatchObject({ name: 'ApiSigError', code });
    });

    it('the same request without a fault is accepted (the control)', async () => {
      expect(await verifyHeaders(fullRequest, faultBaseOptions)).toMatchObject({ ok: true });
    });
  });
}
