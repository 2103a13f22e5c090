/**
 * Load on web's signer (jose, WebCrypto): 10,000 concurrent headers() calls (100 users of
 * one organization) all give headers that verify (the shared suite); a long-running
 * signer's heap stays flat over 1,000,000 calls (gc exposed in this process through
 * node:v8, so heapUsed is comparable). Behaviour only: no durations are asserted.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describeConcurrentSigning } from '@apisig/test-support/suites';
import { describe, expect, it } from 'vitest';
import { createSigner } from '../src/index.js';
import { createVerifier } from '../src/verify.js';

describeConcurrentSigning({ createSigner, createVerifier });

/** The engine's gc, exposed after start-up: the same collector --expose-gc would give. */
function exposeGc(): () => void {
  if (typeof globalThis.gc === 'function') return globalThis.gc;
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

describe('a long-running signer', () => {
  it('keeps a flat heap over 1,000,000 calls (and still signs tokens that verify)', async () => {
    const gc = exposeGc();
    const CALLS = 1_000_000;
    const BATCH = 1000;
    const jwtKey = 'jk_soak_secret_4a1f';
    const appSecret = 'as_soak_secret_9e2c';
    let tick = 0;
    const start = Date.now();
    // A second passes every 1,000 calls: the signer keeps signing, not only reusing.
    const clock = () => start + Math.floor(tick / 1000) * 1000;
    const signer = createSigner({
      apiKey: 'ak_soak',
      jwtKey,
      organization: { appKey: 'app_soak', appSecret },
      clock,
    });
    let lastToken = '';
    let signings = 0;
    const run = async (calls: number) => {
      for (let done = 0; done < calls; done += BATCH) {
        const batch: Promise<{ 'x-signature'?: string }>[] = [];
        for (let i = 0; i < BATCH; i++) {
          tick++;
          batch.push(signer.headers());
        }
        for (const headers of await Promise.all(batch)) {
          const token = headers['x-signature'] ?? '';
          if (token !== lastToken) signings++;
          lastToken = token;
        }
      }
    };
    const settledHeap = () => {
      for (let i = 0; i < 3; i++) gc();
      return process.memoryUsage().heapUsed;
    };

    await run(100_000);
    const heapBefore = settledHeap();
    signings = 0;
    await run(CALLS);
    const heapAfter = settledHeap();
    const verdict = await createVerifier({
      users: () => ({ jwtKey }),
      organizations: () => ({ appSecret, isMember: () => true }),
      clock,
    })(await signer.headers());
    console.info(
      `web signer soak: ${JSON.stringify({ calls: CALLS, signings, heapBefore, heapAfter })}`,
    );

    expect(signings).toBe(CALLS / 1000);
    expect(verdict).toMatchObject({
      ok: true,
      signed: true,
      mode: 'signed-organization',
      appKey: 'app_soak',
    });
    // Generous: a leak of even 4 bytes a call would pass 4 MiB.
    expect(heapAfter - heapBefore).toBeLessThan(4 * 1024 * 1024);
  });
});
