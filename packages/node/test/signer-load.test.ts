/**
 * Load on node's signer: 10,000 concurrent headers() calls (100 users of one organization)
 * all give headers that verify (the shared suite); a long-running signer's heap stays flat
 * over 1,000,000 calls (a child process with --expose-gc, so the numbers are its own).
 * Behaviour only: no durations are asserted.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describeConcurrentSigning } from '@apisig/test-support/suites';
import { describe, expect, it } from 'vitest';
import { createSigner, createVerifier } from '../src/index.js';

describeConcurrentSigning({ createSigner, createVerifier });

describe('a long-running signer', () => {
  it('keeps a flat heap over 1,000,000 calls (and still signs tokens that verify)', async () => {
    const script = fileURLToPath(new URL('./support/signer-soak.ts', import.meta.url));
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
    expect(soak.verdict).toMatchObject({
      ok: true,
      signed: true,
      mode: 'signed-organization',
      appKey: 'app_soak',
    });
    // Generous: a leak of even 4 bytes a call would pass 4 MiB.
    expect(soak.heapAfter - soak.heapBefore).toBeLessThan(4 * 1024 * 1024);
  });
});
