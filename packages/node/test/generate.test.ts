/** The credential generators: within the contract's rules, from the CSPRNG, never alike. */
import { describe, expect, it } from 'vitest';
import { createSigner, generateApiKey, generateSecret, verifyHeaders } from '../src/index.js';

describe('generateApiKey and generateSecret', () => {
  it('an API key is the prefix and 32 base64url characters (192 bits)', () => {
    expect(generateApiKey()).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(generateApiKey({ prefix: 'ak_live_' })).toMatch(/^ak_live_[A-Za-z0-9_-]{32}$/);
  });

  it('a secret is 43 base64url characters (256 bits)', () => {
    expect(generateSecret()).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('10,000 of each are all different', () => {
    const keys = new Set(Array.from({ length: 10_000 }, () => generateApiKey()));
    const secrets = new Set(Array.from({ length: 10_000 }, () => generateSecret()));
    expect(keys.size).toBe(10_000);
    expect(secrets.size).toBe(10_000);
  });

  it('a prefix no header could carry is refused, naming the field', () => {
    for (const prefix of ['ak live ', 'ak\n', 'clé_', 'x'.repeat(1000), 42]) {
      expect(() => generateApiKey({ prefix } as never)).toThrow(
        expect.objectContaining({ code: 'invalid_option', field: 'prefix' }),
      );
    }
    expect(() => generateApiKey({ prefx: 'ak_' } as never)).toThrow(
      expect.objectContaining({ field: 'prefx' }),
    );
  });

  it('what they make signs and verifies (the control)', async () => {
    const apiKey = generateApiKey({ prefix: 'ak_test_' });
    const jwtKey = generateSecret();
    const result = await verifyHeaders(createSigner({ apiKey, jwtKey }).headers(), {
      users: (key) => (key === apiKey ? { jwtKey } : null),
    });
    expect(result).toMatchObject({ ok: true, apiKey, mode: 'signed' });
  });
});
