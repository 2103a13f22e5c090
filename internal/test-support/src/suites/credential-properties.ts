/**
 * Property-based checks of credential validation on an adapter's signer: no key with CR, LF,
 * NUL, another control character, a space or non-ASCII text is accepted; every visible-ASCII
 * key of 1..1024 characters is, and signs tokens that verify; every secret of up to 4096
 * UTF-8 bytes is; a generated secret never shows in an error, a header, JSON.stringify,
 * util.inspect or String() of a signer.
 * fast-check's random seed is printed on a failure, to replay it.
 */
import { inspect } from 'node:util';
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SignerFactory, VerifyHeadersLike } from './adapter.js';

export interface CredentialAdapter extends SignerFactory, VerifyHeadersLike {
  /** The production backend whose `sign` the adapter's signers call, and its library's name. */
  signingBackend: { sign(...args: never[]): unknown };
  signingLibrary: string;
}

/** Runs per property: 4 key properties x 200 + 5 secret properties x 100 = 1,300 runs. */
const RUNS = { keys: 200, secrets: 100 } as const;

const char = (code: number) => String.fromCodePoint(code);
const visible = fc.integer({ min: 0x21, max: 0x7e }).map(char);
const visibleKey = (minLength: number, maxLength: number) =>
  fc.string({ unit: visible, minLength, maxLength });
/** What a header value must never carry: controls, space, DEL, Latin-1, any other Unicode. */
const forbidden = fc.oneof(
  fc.constantFrom('\r', '\n', '\r\n', '\u0000', ' ', '\t', '\u007f', '\u00a0', '\u2028', '\ufeff'),
  fc.integer({ min: 0, max: 0x20 }).map(char),
  fc.integer({ min: 0x7f, max: 0xffff }).map((code) => String.fromCharCode(code)),
  fc.integer({ min: 0x10000, max: 0x10ffff }).map(char),
);
/** A key of legal length made illegal by one character, anywhere (at the ends included). */
const hostileKey = fc
  .tuple(visibleKey(0, 400), forbidden, visibleKey(0, 400))
  .map(([before, bad, after]) => before + bad + after);
/** Any Unicode text of 1..1024 code points: at most 4096 UTF-8 bytes. */
const secret = fc.string({ unit: 'binary', minLength: 1, maxLength: 1024 });
/** A secret long and varied enough that finding it in a text means it leaked. */
const distinctiveSecret = fc
  .string({ unit: 'binary', minLength: 16, maxLength: 256 })
  .filter((value) => new Set(value).size >= 6);

function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

/** Every way a value is turned into text by a log line. */
function renderings(value: unknown): string[] {
  const texts = [
    inspect(value, { depth: null, showHidden: true }),
    inspect(value, { depth: null, showHidden: true, customInspect: false, getters: true }),
    String(value),
    JSON.stringify(value) ?? '',
  ];
  if (value instanceof Error) {
    texts.push(value.message, value.stack ?? '', inspect(value.cause, { depth: null }));
  }
  return texts;
}

function expectHidden(value: unknown, secrets: readonly string[]) {
  for (const text of renderings(value)) {
    for (const hidden of secrets) expect(text.includes(hidden)).toBe(false);
  }
}

const refusal = (field: string) =>
  expect.objectContaining({ name: 'ApiSigError', code: 'invalid_credentials', field });

export function describeCredentialProperties(adapter: CredentialAdapter): void {
  const { createSigner, verifyHeaders, signingBackend, signingLibrary } = adapter;
  afterEach(() => vi.restoreAllMocks());

  describe('keys that must be refused', () => {
    it(`apiKey with a forbidden character: refused, by createSigner and forUser (${RUNS.keys} runs)`, () => {
      const signer = createSigner({ apiKey: 'ak_base' });
      fc.assert(
        fc.property(hostileKey, (apiKey) => {
          expect(() => createSigner({ apiKey })).toThrow(refusal('apiKey'));
          expect(() => signer.forUser({ apiKey })).toThrow(refusal('apiKey'));
        }),
        { numRuns: RUNS.keys },
      );
    });

    it(`appKey with a forbidden character: refused (${RUNS.keys} runs)`, () => {
      fc.assert(
        fc.property(hostileKey, (appKey) => {
          const organization = { appKey, appSecret: 'as_property' };
          expect(() => createSigner({ apiKey: 'ak_base', organization })).toThrow(
            refusal('appKey'),
          );
        }),
        { numRuns: RUNS.keys },
      );
    });

    it(`keys of 1025+ visible-ASCII characters: refused (${RUNS.keys} runs)`, () => {
      fc.assert(
        fc.property(visibleKey(1025, 1600), (key) => {
          expect(() => createSigner({ apiKey: key })).toThrow(refusal('apiKey'));
          const organization = { appKey: key, appSecret: 'as_property' };
          expect(() => createSigner({ apiKey: 'ak_base', organization })).toThrow(
            refusal('appKey'),
          );
        }),
        { numRuns: RUNS.keys },
      );
    });
  });

  describe('keys and secrets that must be accepted', () => {
    it(`every visible-ASCII apiKey and appKey of 1..1024 characters signs tokens that verify (${RUNS.keys} runs)`, async () => {
      await fc.assert(
        fc.asyncProperty(visibleKey(1, 1024), visibleKey(1, 1024), async (apiKey, appKey) => {
          const jwtKey = 'jk_property';
          const appSecret = 'as_property';
          const signer = createSigner({ apiKey, jwtKey, organization: { appKey, appSecret } });
          const headers = await signer.headers();
          expect(headers['x-api-key']).toBe(apiKey);
          expect(headers['x-app-key']).toBe(appKey);
          const result = await verifyHeaders(headers, {
            users: (key) => (key === apiKey ? { jwtKey } : null),
            organizations: (key) =>
              key === appKey ? { appSecret, isMember: (user) => user === apiKey } : null,
          });
          expect(result).toEqual({
            ok: true,
            apiKey,
            appKey,
            signed: true,
            mode: 'signed-organization',
          });
        }),
        { numRuns: RUNS.keys },
      );
    });

    it(`every jwtKey and appSecret of up to 4096 UTF-8 bytes signs tokens that verify (${RUNS.secrets} runs)`, async () => {
      await fc.assert(
        fc.asyncProperty(secret, secret, async (jwtKey, appSecret) => {
          expect(Buffer.byteLength(jwtKey)).toBeLessThanOrEqual(4096);
          const signer = createSigner({
            apiKey: 'ak_user',
            jwtKey,
            organization: { appKey: 'app_org', appSecret },
          });
          const result = await verifyHeaders(await signer.headers(), {
            users: () => ({ jwtKey }),
            organizations: () => ({ appSecret, isMember: () => true }),
          });
          expect(result).toEqual({
            ok: true,
            apiKey: 'ak_user',
            appKey: 'app_org',
            signed: true,
            mode: 'signed-organization',
          });
        }),
        { numRuns: RUNS.secrets },
      );
    });

    it('the byte boundary exactly: 4096 bytes of 4-byte characters pass, one byte more fails', () => {
      const atLimit = '😀'.repeat(1024);
      expect(Buffer.byteLength(atLimit)).toBe(4096);
      expect(() => createSigner({ apiKey: 'ak', jwtKey: atLimit })).not.toThrow();
      expect(() => createSigner({ apiKey: 'ak', jwtKey: `${atLimit}x` })).toThrow(
        refusal('jwtKey'),
      );
    });

    it(`secrets over 4096 UTF-8 bytes: refused, naming the field (${RUNS.secrets} runs)`, () => {
      fc.assert(
        fc.property(secret, (base) => {
          const tooLong = base.repeat(Math.ceil(4097 / Buffer.byteLength(base)));
          expect(Buffer.byteLength(tooLong)).toBeGreaterThan(4096);
          expectHidden(
            thrown(() => createSigner({ apiKey: 'ak', jwtKey: tooLong })),
            [tooLong],
          );
          const organization = { appKey: 'app', appSecret: tooLong };
          const error = thrown(() => createSigner({ apiKey: 'ak', organization }));
          expect(error).toEqual(refusal('appSecret'));
        }),
        { numRuns: RUNS.secrets },
      );
    });
  });

  describe('a generated secret never shows', () => {
    it(`not in a signer printed any way, nor in its headers (${RUNS.secrets} runs)`, async () => {
      await fc.assert(
        fc.asyncProperty(distinctiveSecret, distinctiveSecret, async (jwtKey, appSecret) => {
          const signer = createSigner({
            apiKey: 'ak_user',
            jwtKey,
            organization: { appKey: 'app_org', appSecret },
          });
          const headers = await signer.headers();
          const signed = await signer.sign();
          for (const value of [
            signer,
            signer.forUser({ apiKey: 'ak_other', jwtKey }),
            headers,
            signed,
          ]) {
            expectHidden(value, [jwtKey, appSecret]);
          }
          for (const value of Object.values(headers)) expect(value.includes(jwtKey)).toBe(false);
        }),
        { numRuns: RUNS.secrets },
      );
    });

    it(`not in the error for a bad key given beside it (${RUNS.secrets} runs)`, () => {
      fc.assert(
        fc.property(distinctiveSecret, hostileKey, (jwtKey, apiKey) => {
          const error = thrown(() => createSigner({ apiKey, jwtKey }));
          expect(error).toEqual(refusal('apiKey'));
          expectHidden(error, [jwtKey]);
        }),
        { numRuns: RUNS.secrets },
      );
    });

    it(`not in signing_failed when ${signingLibrary}'s own error quotes it (${RUNS.secrets} runs)`, async () => {
      await fc.assert(
        fc.asyncProperty(distinctiveSecret, async (jwtKey) => {
          const sign = vi.spyOn(signingBackend, 'sign').mockImplementation(() => {
            throw new Error(`cannot sign with ${jwtKey}`);
          });
          const signer = createSigner({ apiKey: 'ak_user', jwtKey });
          const error = await Promise.resolve()
            .then(() => signer.headers())
            .then(
              () => undefined,
              (rejection: unknown) => rejection,
            );
          sign.mockRestore();
          expect(error).toMatchObject({ name: 'ApiSigError', code: 'signing_failed' });
          expectHidden(error, [jwtKey]);
        }),
        { numRuns: RUNS.secrets },
      );
    });
  });
}
