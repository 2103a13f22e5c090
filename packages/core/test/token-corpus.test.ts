/**
 * The hostile-token corpus (internal/test-support/src/suites/token-corpus.ts) against core's
 * engine on the test backend (node:crypto, string-compared HMAC), and the two structure
 * rules it taught core: a BOM is not JSON, and a signature must be canonical base64url
 * (jose decodes both leniently and accepted what jsonwebtoken refused).
 */
import { forgeToken, syncBackend } from '@apisig/test-support';
import { describeHostileCorpus } from '@apisig/test-support/suites';
import { describe, expect, it } from 'vitest';
import { verifyHeadersWith } from '../src/adapter.js';
import { decodeToken } from '../src/index.js';

const { backend } = syncBackend();
await describeHostileCorpus({
  name: 'core engine',
  verifyHeaders: (headers, options) => verifyHeadersWith(backend, headers, options),
  backend,
});

describe('decodeToken: one spelling per token', () => {
  const header = { alg: 'HS256', typ: 'JWT' };
  const good = forgeToken(header, { key: 'k', exp: 1 }, 's');

  it('refuses a leading BOM in the header or the payload', () => {
    expect(decodeToken(good)).not.toBeNull();
    expect(
      decodeToken(forgeToken(`\uFEFF${JSON.stringify(header)}`, { key: 'k', exp: 1 }, 's')),
    ).toBeNull();
    expect(decodeToken(forgeToken(header, '\uFEFF{"key":"k","exp":1}', 's'))).toBeNull();
  });

  it('refuses a signature re-spelt in its spare bits (same bytes to a lax decoder)', () => {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const signature = good.split('.')[2] as string;
    // 43 characters carry 258 bits for a 256-bit HMAC: the last one's low 2 bits are spare.
    const last = alphabet.indexOf(signature.at(-1) as string);
    expect(last & 3).toBe(0);
    for (const spare of [1, 2, 3]) {
      const twin = `${good.slice(0, -1)}${alphabet[last | spare]}`;
      const twinBytes = Buffer.from(twin.split('.')[2] as string, 'base64url');
      expect(twinBytes.equals(Buffer.from(signature, 'base64url'))).toBe(true);
      expect(decodeToken(twin)).toBeNull();
    }
  });
});
