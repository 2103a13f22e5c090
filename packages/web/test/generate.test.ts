/** The credential generators on WebCrypto: within the contract's rules, never alike. */
import { describe, expect, it } from 'vitest';
import { createSigner, generateApiKey, generateSecret } from '../src/index.js';
import { verifyHeaders } from '../src/verify.js';

describe('generateApiKey and generateSecret (crypto.getRandomValues)', () => {
  it('make 192-bit keys after a prefix and 256-bit secrets, all different', () => {
    const keys = new Set(Array.from({ length: 5000 }, () => generateApiKey({ prefix: 'ak_' })));
    expect(keys.size).toBe(5000);
    for (const key of keys) expect(key).toMatch(/^ak_[A-Za-z0-9_-]{32}$/);
    expect(generateSecret()).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('refuse a prefix no header could carry', () => {
    expect(() => generateApiKey({ prefix: 'a b' })).toThrow(
      expect.objectContaining({ code: 'invalid_option', field: 'prefix' }),
    );
  });

  it('what they make signs and verifies (the control)', async () => {
    const apiKey = generateApiKey();
    const jwtKey = generateSecret();
    const headers = await createSigner({ apiKey, jwtKey }).headers();
    expect(await verifyHeaders(headers, { users: () => ({ jwtKey }) })).toMatchObject({ ok: true });
  });
});
