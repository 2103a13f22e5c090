/**
 * A secret (JWT key, App Secret) never shows: not in a printed signer however it is printed,
 * not in an error however it is inspected, not in what a verifier answers.
 */
import { Console } from 'node:console';
import { PassThrough } from 'node:stream';
import { inspect } from 'node:util';
import { acme, alice, castSecrets } from '@apisig/test-support/cast';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiSigError, createSigner, type SyncSigner, verifyHeaders } from '../src/index.js';
import { jsonwebtokenBackend } from '../src/lib/backend.js';

afterEach(() => {
  vi.restoreAllMocks();
});

/** Everything a value can be turned into text by: each way a log line could carry it. */
function renderings(value: unknown): string[] {
  const chunks: string[] = [];
  const stream = new PassThrough();
  stream.on('data', (chunk: Buffer) => chunks.push(chunk.toString('utf8')));
  const logger = new Console({ stdout: stream, stderr: stream });
  logger.log(value);
  logger.log('%o %O %s %j', value, value, value, value);
  logger.error(value);
  logger.dir(value, { depth: null, showHidden: true });
  const texts = [
    chunks.join(''),
    inspect(value, { depth: null, showHidden: true }),
    inspect(value, { depth: null, showHidden: true, customInspect: false, getters: true }),
    String(value),
    `${value}`,
  ];
  try {
    texts.push(JSON.stringify(value) ?? '');
  } catch {
    // a value JSON cannot render carries nothing into a JSON log either
  }
  if (value instanceof Error) {
    texts.push(value.message, value.stack ?? '', inspect(value.cause, { depth: null }));
  }
  return texts;
}

function expectNoSecret(value: unknown, secrets: readonly string[] = castSecrets): void {
  const texts = renderings(value);
  expect(texts.join('').length).toBeGreaterThan(0);
  for (const text of texts) {
    for (const secret of secrets) expect(text).not.toContain(secret);
  }
}

function caught(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('a printed signer', () => {
  const signers: Array<[string, SyncSigner]> = [
    ['signed', createSigner({ apiKey: alice.apiKey, jwtKey: alice.jwtKey })],
    [
      'signed organization',
      createSigner({
        apiKey: alice.apiKey,
        jwtKey: alice.jwtKey,
        organization: { appKey: acme.appKey, appSecret: acme.appSecret },
      }),
    ],
  ];
  for (const [name, signer] of signers) {
    it(`${name}: shows its API key and mode, never a secret`, () => {
      signer.headers();
      expectNoSecret(signer);
      expectNoSecret(signer.forUser({ apiKey: 'ak_other', jwtKey: 'jk_other_secret' }), [
        ...castSecrets,
        'jk_other_secret',
      ]);
      expect(JSON.stringify(signer)).toBe(
        JSON.stringify({ apiKey: alice.apiKey, mode: signer.mode }),
      );
      expect(String(signer)).toContain(alice.apiKey);
    });
  }
});

describe('errors', () => {
  it('bad credentials name the field, never the value', () => {
    const tooLong = `${alice.jwtKey}${'x'.repeat(5000)}`;
    const cases: Array<[() => unknown, string]> = [
      [() => createSigner({ apiKey: alice.apiKey, jwtKey: tooLong }), 'jwtKey'],
      [() => createSigner({ apiKey: `key ${alice.jwtKey}` }), 'apiKey'],
      [
        () =>
          createSigner({
            apiKey: alice.apiKey,
            organization: { appSecret: acme.appSecret } as never,
          }),
        'appKey',
      ],
      [
        () =>
          createSigner({
            apiKey: alice.apiKey,
            organization: { appKey: `app\n${acme.appSecret}`, appSecret: acme.appSecret },
          }),
        'appKey',
      ],
    ];
    for (const [run, field] of cases) {
      const error = caught(run);
      expect(error).toBeInstanceOf(ApiSigError);
      expect(error).toMatchObject({ code: 'invalid_credentials', field });
      expectNoSecret(error, [...castSecrets, tooLong]);
    }
  });

  it('a failure inside jsonwebtoken that quotes the secret loses that cause', () => {
    vi.spyOn(jsonwebtokenBackend, 'sign').mockImplementation(() => {
      throw new Error(`cannot sign with ${alice.jwtKey}`);
    });
    const signer = createSigner({ apiKey: alice.apiKey, jwtKey: alice.jwtKey });
    const error = caught(() => signer.headers());
    expect(error).toMatchObject({ name: 'ApiSigError', code: 'signing_failed' });
    expectNoSecret(error);
  });

  it('a lookup that returns a bad secret fails closed without showing it', async () => {
    const error = await verifyHeaders(
      { 'x-api-key': alice.apiKey, 'x-signature': 'a.b.c' },
      { users: () => ({ jwtKey: 42 as unknown as string }) },
    ).catch((rejection: unknown) => rejection);
    expect(error).toMatchObject({ code: 'lookup_failed', field: 'users().jwtKey' });
    expectNoSecret(error);
  });

  it('a refused request names the reason and header, not the token', async () => {
    const signer = createSigner({ apiKey: alice.apiKey, jwtKey: 'jk_wrong_one' });
    const headers = signer.headers();
    const result = await verifyHeaders(headers, { users: () => ({ jwtKey: alice.jwtKey }) });
    expect(result).toStrictEqual({
      ok: false,
      reason: 'bad_signature',
      header: 'x-signature',
      status: 401,
    });
    expectNoSecret(result, [...castSecrets, headers['x-signature'] as string]);
  });
});
