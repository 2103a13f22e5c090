/**
 * What the engines are given, when it is broken (a clock that returns NaN, a lookup timeout
 * a timer cannot hold): each must fail closed with a typed error, never let a token through
 * or put a broken one on the wire.
 */
import { signClaims, syncBackend } from '@apisig/test-support';
import { describe, expect, it } from 'vitest';
import { createSyncSigner, createVerifierEngine } from '../src/adapter.js';
import { type ApiSigError, isApiSigError, type VerifyOptions } from '../src/index.js';

const NOW = 1_764_300_000;
const JWT_KEY = 'jk_fault_secret';
const options: VerifyOptions = {
  users: (apiKey) => (apiKey === 'ak_alice' ? { jwtKey: JWT_KEY } : null),
};

describe('a verifier clock that is not a finite number fails closed', () => {
  // A token long expired (exp a year ago): only a broken clock could let it pass.
  const stale = {
    'x-api-key': 'ak_alice',
    'x-signature': signClaims({ key: 'ak_alice', exp: NOW - 31_536_000 }, JWT_KEY),
  };

  it.each([
    ['NaN', () => Number.NaN],
    ['Infinity', () => Number.POSITIVE_INFINITY],
    ['-Infinity', () => Number.NEGATIVE_INFINITY],
    ['an invalid Date', () => new Date('not a date').getTime()],
  ])('%s: rejects with invalid_option naming clock, no verdict', async (_, clock) => {
    const verify = createVerifierEngine(syncBackend().backend, { ...options, clock });
    const error = await verify(stale).then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expect(isApiSigError(error, 'invalid_option')).toBe(true);
    expect((error as ApiSigError).field).toBe('clock');
  });

  it('a finite clock still decides by exp (control)', async () => {
    const verify = createVerifierEngine(syncBackend().backend, {
      ...options,
      clock: () => NOW * 1000,
    });
    expect(await verify(stale)).toMatchObject({ ok: false, reason: 'expired' });
  });
});

describe('a signer clock that is not a finite number fails before signing', () => {
  it.each([
    ['NaN', () => Number.NaN],
    ['Infinity', () => Number.POSITIVE_INFINITY],
  ])('%s: throws invalid_option naming clock; nothing is signed', (_, clock) => {
    const { backend, counts } = syncBackend();
    const signer = createSyncSigner(backend, { apiKey: 'ak_alice', jwtKey: JWT_KEY, clock });
    const refusal = expect.objectContaining({ code: 'invalid_option', field: 'clock' });
    expect(() => signer.headers()).toThrow(refusal);
    expect(() => signer.sign()).toThrow(refusal);
    expect(counts.sign).toBe(0);
  });
});

describe('lookupTimeoutMs beyond what a timer can hold', () => {
  // setTimeout clamps delays over 2^31 - 1 ms to 1 ms: such a timeout would fail every lookup.
  it('is refused as invalid_option, not silently turned into 1 ms', () => {
    expect(() =>
      createVerifierEngine(syncBackend().backend, { ...options, lookupTimeoutMs: 2 ** 31 }),
    ).toThrow(expect.objectContaining({ code: 'invalid_option', field: 'lookupTimeoutMs' }));
  });

  it('2^31 - 1 ms and Infinity are accepted, and a slow lookup within them succeeds', async () => {
    for (const lookupTimeoutMs of [2 ** 31 - 1, Number.POSITIVE_INFINITY]) {
      const verify = createVerifierEngine(syncBackend().backend, {
        users: () => new Promise((resolve) => setTimeout(() => resolve({}), 20)),
        lookupTimeoutMs,
      });
      expect(await verify({ 'x-api-key': 'ak_slow' })).toMatchObject({ ok: true });
    }
  });
});
