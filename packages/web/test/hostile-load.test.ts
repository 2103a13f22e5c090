/**
 * Load on web's signer (jose, WebCrypto): 10,000 concurrent headers() calls (100 users of
 * one organization) all give headers that verify; a long-running signer's heap stays flat
 * over 1,000,000 calls (gc exposed in this process through node:v8, so heapUsed is
 * comparable). Behaviour only: no durations are asserted.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { createSigner } from '../src/index.js';
import { createVerifier } from '../src/verify.js';

const CONCURRENT = 10_000;
const USERS = 100;
const appSecret = 'as_load_secret_6b0d';
const jwtKeyOf = (user: number) => `jk_load_user_${user}_secret`;

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
    const all = await Promise.all(
      Array.from({ length: CONCURRENT }, (_, i) =>
        (signers[i % USERS] as typeof organization).headers(),
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
  });
});

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
    expect(verdict).toMatchObject({ ok: true, signed: true, appKey: 'app_soak' });
    // Generous: a leak of even 4 bytes a call would pass 4 MiB.
    expect(heapAfter - heapBefore).toBeLessThan(4 * 1024 * 1024);
  });
});
