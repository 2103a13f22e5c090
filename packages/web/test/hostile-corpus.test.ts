/**
 * The hostile-token corpus (internal/test-support/src/hostile-corpus.ts) against web's
 * verifier on jose (WebCrypto): every entry gets the reason CONTRACT.md assigns, no verdict
 * echoes a token or a secret, no key is ever fetched from a token's jku/x5u.
 */
import {
  CORPUS_NOW,
  corpusClock,
  corpusLookups,
  corpusRequest,
  corpusSecrets,
  type HostileCase,
  hostileCorpus,
  listenOnLoopback,
  oversizeCases,
} from '@apisig/test-support';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { type VerifyOptions, verifyHeaders } from '../src/verify.js';
import { joseBackend } from '../src/verify-backend.js';

// A loopback server the corpus's jku / x5u headers point at: any hit is a verifier fetching keys.
const trapHits: string[] = [];
const trap = await listenOnLoopback((request, response) => {
  trapHits.push(request.url ?? '');
  response.end('{"keys":[]}');
});
afterAll(() => trap.close());
afterEach(() => vi.restoreAllMocks());

const options: VerifyOptions = { ...corpusLookups, clock: corpusClock };
const corpus = hostileCorpus(trap.url);

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
  for (const secret of corpusSecrets) expect(printed).not.toContain(secret);
  if (entry.token.trim() !== '') expect(printed).not.toContain(entry.token);
  for (const segment of entry.token.split('.')) {
    if (segment.length >= 8) expect(printed).not.toContain(segment);
  }
}

describe(`hostile corpus (${corpus.length} tokens), web verifier`, () => {
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
    const verifySignature = vi.spyOn(joseBackend, 'verifySignature');
    const parse = vi.spyOn(JSON, 'parse');
    expectVerdict(entry, await verifyHeaders(corpusRequest(entry), options));
    expect(verifySignature).not.toHaveBeenCalled();
    expect(parse).not.toHaveBeenCalled();
  });

  it('the spies do watch the path: a token at the limit reaches JSON.parse and the HMAC', async () => {
    const atLimit = corpus.find((entry) => entry.name.startsWith('exactly 8192'));
    if (atLimit === undefined) throw new Error('corpus lost its 8192-character case');
    const verifySignature = vi.spyOn(joseBackend, 'verifySignature');
    const parse = vi.spyOn(JSON, 'parse');
    expectVerdict(atLimit, await verifyHeaders(corpusRequest(atLimit), options));
    expect(verifySignature).toHaveBeenCalledTimes(1);
    expect(parse).toHaveBeenCalled();
    expect(CORPUS_NOW).toBeGreaterThan(0);
  });
});
