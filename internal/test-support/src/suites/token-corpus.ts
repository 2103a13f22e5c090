/**
 * The hostile-token corpus (../corpus) against one verifier: every entry gets the
 * reason docs/contract.md assigns, no verdict echoes a token or a secret, no key is ever fetched
 * from a token's jku/x5u, and oversize tokens are refused before any HMAC or JSON work.
 */
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { alice, castSecrets } from '../cast.js';
import {
  CORPUS_NOW,
  corpusClock,
  corpusLookups,
  corpusRequest,
  type HostileCase,
  hostileCorpus,
  oversizeCases,
} from '../corpus/index.js';
import { tokenOfLength } from '../forge.js';
import { listenOnLoopback } from '../server.js';
import type { VerifyHeadersLike } from './adapter.js';

export interface CorpusVerifier extends VerifyHeadersLike {
  /** Named in the suite's title: "node verifier", "core engine". */
  name: string;
  /** The backend the verifier checks HMACs with: the spies watch its verifySignature. */
  backend: { verifySignature(...args: never[]): unknown };
}

function expectVerdict(entry: HostileCase, result: unknown) {
  if (entry.expected === 'accepted') {
    expect(result).toMatchObject({ ok: true });
  } else {
    expect(result).toEqual({
      ok: false,
      reason: entry.expected,
      header: entry.header,
      status: 401,
    });
  }
  const printed = JSON.stringify(result);
  for (const secret of castSecrets) expect(printed).not.toContain(secret);
  if (entry.token.trim() !== '') expect(printed).not.toContain(entry.token);
  for (const segment of entry.token.split('.')) {
    if (segment.length >= 8) expect(printed).not.toContain(segment);
  }
}

/** Async: the trap server must listen before the corpus (which points at it) is built. */
export async function describeHostileCorpus(verifier: CorpusVerifier): Promise<void> {
  const { name, verifyHeaders, backend } = verifier;
  // A loopback server the corpus's jku / x5u headers point at: any hit is a verifier fetching keys.
  const trapHits: string[] = [];
  const trap = await listenOnLoopback((request, response) => {
    trapHits.push(request.url ?? '');
    response.end('{"keys":[]}');
  });
  afterAll(() => trap.close());
  afterEach(() => vi.restoreAllMocks());

  const options = { ...corpusLookups, clock: corpusClock };
  const corpus = hostileCorpus(trap.url);

  describe(`hostile corpus (${corpus.length} tokens), ${name}`, () => {
    it.each(corpus)('$header: $name → $expected', async (entry) => {
      expectVerdict(entry, await verifyHeaders(corpusRequest(entry), options));
    });

    it('fetched nothing from any jku / x5u in the corpus', () => {
      expect(
        corpus.some((entry) => entry.token.split('.').length === 3 && entry.name.includes('jku')),
      ).toBe(true);
      expect(trapHits).toEqual([]);
    });
  });

  describe('oversize tokens are refused by their length, before any HMAC or JSON work', () => {
    it.each(oversizeCases())('$name', async (entry) => {
      const verifySignature = vi.spyOn(backend, 'verifySignature');
      const parse = vi.spyOn(JSON, 'parse');
      expectVerdict(entry, await verifyHeaders(corpusRequest(entry), options));
      expect(verifySignature).not.toHaveBeenCalled();
      expect(parse).not.toHaveBeenCalled();
    });

    it('the spies do watch the path: a token at the limit reaches JSON.parse and the HMAC', async () => {
      // A token of its own: one the corpus already verified is remembered, and skips both.
      const claims = { key: alice.apiKey, exp: CORPUS_NOW + 59 };
      const atLimit = {
        name: 'exactly 8192 characters, never seen',
        source: 'control',
        header: 'x-signature' as const,
        token: tokenOfLength(8192, claims, alice.jwtKey),
        expected: 'accepted',
      };
      const verifySignature = vi.spyOn(backend, 'verifySignature');
      const parse = vi.spyOn(JSON, 'parse');
      expectVerdict(atLimit, await verifyHeaders(corpusRequest(atLimit), options));
      expect(verifySignature).toHaveBeenCalledTimes(1);
      expect(parse).toHaveBeenCalled();
      expect(CORPUS_NOW).toBeGreaterThan(0);
    });
  });
}
