/**
 * Load on node's signer: 10,000 concurrent headers() calls (100 users of one organization)
 * all give headers that verify; a long-running signer's heap stays flat over 1,000,000
 * calls (a child process with --expose-gc, so the numbers are its own). Behaviour only:
 * no durations are asserted.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { createSigner, createVerifier } from '../src/index.js';

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
        Promise.resolve().then(() => signers[i % USERS]?.headers()),
      ),
    );
    const verify = createVerifier({
      users: (apiKey) => ({ jwtKey: jwtKeyOf(Number(apiKey.slice('ak_load_'.length))) }),
      organizations: () => ({ appSecret, isMember: (apiKey) => apiKey.startsWith('ak_load_') }),
    });
    const verdicts = await Promise.all(all.map((headers) => verify(headers ?? {})));
    expect(verdicts).toHaveLength(CONCURRENT);
    const wrong = verdicts.filter(
      (verdict, i) => !verdict.ok || verdict.apiKey !== `ak_load_${i % USERS}`,
    );
    expect(wrong).toEqual([]);
  });
});

describe('a long-running signer', () => {
  it('keeps a flat heap over 1,000,000 calls (and still signs tokens that verify)', async () => {
    const script = fileURLToPath(new URL('./hostile/signer-soak.ts', import.meta.url));
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--expose-gc', '--conditions=@apisig/source', '--import', 'tsx', script, '1000000'],
      { cwd: fileURLToPath(new URL('..', import.meta.url)), timeout: 120_000 },
    );
    const soak = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}');
    console.info(`signer soak: ${JSON.stringify(soak)}`);
    expect(soak.calls).toBe(1_000_000);
    // The clock moves a second every 1,000 calls: the signer kept signing, not just reusing.
    expect(soak.signings).toBe(1000);
    expect(soak.verdict).toMatchObject({ ok: true, signed: true, appKey: 'app_soak' });
    // Generous: a leak of even 4 bytes a call would pass 4 MiB.
    expect(soak.heapAfter - soak.heapBefore).toBeLessThan(4 * 1024 * 1024);
  });
});
