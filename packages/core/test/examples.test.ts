/**
 * The README's code: examples/own-backend.ts appears in README.md verbatim and runs here, so
 * a copy-paste from "Bring your own backend" works, and the backend it shows is held to the
 * contract's vectors like the real ones.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { signatureVectors } from '@apisig/test-support';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createSyncSigner, createVerifierEngine } from '../src/adapter.js';

const packageDir = join(import.meta.dirname, '..');
const readme = readFileSync(join(packageDir, 'README.md'), 'utf8');

afterEach(() => vi.restoreAllMocks());

describe('README examples', () => {
  it('README.md shows examples/own-backend.ts verbatim', () => {
    const source = readFileSync(join(packageDir, 'examples', 'own-backend.ts'), 'utf8');
    expect(readme).toContain(`\`\`\`ts\n${source}\`\`\``);
  });

  it('own-backend.ts: its signer signs and its verifier passes what it signed', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    const { signer, verify } = await import('../examples/own-backend.js');
    expect(log).toHaveBeenCalledWith({
      ok: true,
      apiKey: 'ak_live_3f9a2c1e7b4d',
      signed: true,
      mode: 'signed',
    });
    const headers = signer.headers();
    expect(Object.keys(headers)).toStrictEqual(['x-api-key', 'x-signature']);
    // Attack with its control: a signature made with another secret is refused.
    const { backend } = await import('../examples/own-backend.js');
    const mallory = createSyncSigner(backend, {
      apiKey: 'ak_live_3f9a2c1e7b4d',
      jwtKey: 'jk_not_alices_key',
    });
    expect(await verify(mallory.headers())).toMatchObject({ ok: false, reason: 'bad_signature' });
    expect(await verify(headers)).toMatchObject({ ok: true });
  });

  it("own-backend.ts: its tokens are the contract's bytes (one token per key, exp and secret)", async () => {
    vi.spyOn(console, 'log').mockImplementation(() => {});
    const { backend } = await import('../examples/own-backend.js');
    for (const vector of signatureVectors) {
      expect(backend.sign({ key: vector.key, exp: vector.exp }, vector.secret)).toBe(vector.token);
      expect(backend.verifySignature(vector.goToken, vector.secret)).toBe(true);
    }
    const verifier = createVerifierEngine(backend, { users: () => undefined });
    expect(await verifier({ 'x-api-key': 'ak_nobody' })).toMatchObject({ ok: false });
  });
});
