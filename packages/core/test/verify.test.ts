import { signClaims, syncBackend } from '@apisig/test-support';
import { describe, expect, it, vi } from 'vitest';
import { createVerifierEngine, verifyHeadersWith } from '../src/adapter.js';
import { failureBody, type HeaderInput, type VerifyOptions } from '../src/index.js';

const NOW = 1_764_300_000;
const JWT_KEY = 'jk_alice_secret';
const APP_SECRET = 'as_org_secret';
const token = (key: string, exp: number, secret: string) => signClaims({ key, exp }, secret);

const users: Record<string, { jwtKey?: string; signatureRequired?: boolean }> = {
  ak_plain: {},
  ak_alice: { jwtKey: JWT_KEY },
  ak_optional: { jwtKey: JWT_KEY, signatureRequired: false },
  ak_outsider: {},
};

const options: VerifyOptions = {
  users: (apiKey) => users[apiKey],
  organizations: (appKey) =>
    appKey === 'app_org'
      ? { appSecret: APP_SECRET, isMember: (apiKey) => apiKey !== 'ak_outsider' }
      : null,
  clock: () => NOW * 1000 + 999,
};

const verify = (headers: HeaderInput, extra: Partial<VerifyOptions> = {}) =>
  verifyHeadersWith(syncBackend().backend, headers, { ...options, ...extra });

const aliceSig = (exp = NOW + 15, key = 'ak_alice', secret = JWT_KEY) => token(key, exp, secret);
const appSig = (exp = NOW + 60, key = 'app_org', secret = APP_SECRET) => token(key, exp, secret);

describe('accepted requests', () => {
  it('API key only', async () => {
    expect(await verify({ 'x-api-key': 'ak_plain' })).toEqual({
      ok: true,
      apiKey: 'ak_plain',
      signed: false,
      mode: 'api-key',
    });
  });
  it('API key + signature', async () => {
    expect(await verify({ 'x-api-key': 'ak_alice', 'x-signature': aliceSig() })).toEqual({
      ok: true,
      apiKey: 'ak_alice',
      signed: true,
      mode: 'signed',
    });
  });
  it('a user without a JWT key: x-signature is ignored, even garbage', async () => {
    expect(await verify({ 'x-api-key': 'ak_plain', 'x-signature': 'garbage' })).toMatchObject({
      ok: true,
      signed: false,
      mode: 'api-key',
    });
  });
  it('a user whose signature is optional may omit it', async () => {
    expect(await verify({ 'x-api-key': 'ak_optional' })).toMatchObject({
      ok: true,
      signed: false,
      mode: 'api-key',
    });
    expect(await verify({ 'x-api-key': 'ak_optional', 'x-signature': 'garbage' })).toMatchObject({
      ok: false,
      reason: 'malformed_signature',
    });
  });
  it('organization acting for a user', async () => {
    expect(
      await verify({
        'x-api-key': 'ak_plain',
        'x-app-key': 'app_org',
        'x-app-signature': appSig(),
      }),
    ).toEqual({
      ok: true,
      apiKey: 'ak_plain',
      appKey: 'app_org',
      signed: false,
      mode: 'organization',
    });
  });
  it('all four headers', async () => {
    expect(
      await verify({
        'x-api-key': 'ak_alice',
        'x-signature': aliceSig(),
        'x-app-key': 'app_org',
        'x-app-signature': appSig(),
      }),
    ).toEqual({
      ok: true,
      apiKey: 'ak_alice',
      appKey: 'app_org',
      signed: true,
      mode: 'signed-organization',
    });
  });
});

describe('reasons, in the contract order', () => {
  const cases: Array<[string, HeaderInput, string, string, number?]> = [
    ['no x-api-key', {}, 'missing_api_key', 'x-api-key'],
    ['blank x-api-key', { 'x-api-key': '   ' }, 'missing_api_key', 'x-api-key'],
    ['unknown x-api-key', { 'x-api-key': 'ak_nobody' }, 'unknown_api_key', 'x-api-key'],
    [
      'unknown key wins over a bad signature',
      { 'x-api-key': 'ak_nobody', 'x-signature': 'x' },
      'unknown_api_key',
      'x-api-key',
    ],
    ['required signature absent', { 'x-api-key': 'ak_alice' }, 'missing_signature', 'x-signature'],
    [
      'signature checked before the organization',
      { 'x-api-key': 'ak_alice', 'x-app-key': 'app_nobody' },
      'missing_signature',
      'x-signature',
    ],
    [
      'App Key without signature',
      { 'x-api-key': 'ak_plain', 'x-app-key': 'app_org' },
      'missing_app_signature',
      'x-app-signature',
    ],
    [
      'signature without App Key',
      { 'x-api-key': 'ak_plain', 'x-app-signature': 'x' },
      'missing_app_key',
      'x-app-key',
    ],
    [
      'unknown App Key',
      { 'x-api-key': 'ak_plain', 'x-app-key': 'app_nobody', 'x-app-signature': 'x' },
      'unknown_app_key',
      'x-app-key',
    ],
    [
      'the user JWT key used as App Secret',
      {
        'x-api-key': 'ak_plain',
        'x-app-key': 'app_org',
        'x-app-signature': token('app_org', NOW + 60, JWT_KEY),
      },
      'bad_signature',
      'x-app-signature',
    ],
    [
      'the App signature carrying the API key',
      {
        'x-api-key': 'ak_plain',
        'x-app-key': 'app_org',
        'x-app-signature': token('ak_plain', NOW + 60, APP_SECRET),
      },
      'key_mismatch',
      'x-app-signature',
    ],
    [
      'a user signature with the App Key as key',
      { 'x-api-key': 'ak_alice', 'x-signature': token('app_org', NOW + 15, JWT_KEY) },
      'key_mismatch',
      'x-signature',
    ],
    [
      'a non-member',
      { 'x-api-key': 'ak_outsider', 'x-app-key': 'app_org', 'x-app-signature': appSig() },
      'not_a_member',
      'x-app-key',
      403,
    ],
    [
      'membership checked after the token',
      { 'x-api-key': 'ak_outsider', 'x-app-key': 'app_org', 'x-app-signature': appSig(NOW - 60) },
      'expired',
      'x-app-signature',
    ],
  ];
  for (const [label, headers, reason, header, status = 401] of cases) {
    it(`${label}: ${reason}`, async () => {
      expect(await verify(headers)).toEqual({ ok: false, reason, header, status });
    });
  }

  it('an App Key with no organizations lookup configured is unknown', async () => {
    const result = await verifyHeadersWith(
      syncBackend().backend,
      { 'x-api-key': 'ak_plain', 'x-app-key': 'app_org', 'x-app-signature': appSig() },
      { users: options.users, clock: options.clock },
    );
    expect(result).toMatchObject({ ok: false, reason: 'unknown_app_key' });
  });
});

describe('time boundaries (leeway 5, max ttl 60 / 60 by default)', () => {
  const at = (exp: number, options?: Partial<VerifyOptions>) =>
    verify({ 'x-api-key': 'ak_alice', 'x-signature': aliceSig(exp) }, options);
  it('accepts exp + leeway = now, refuses one second later', async () => {
    expect(await at(NOW - 5)).toMatchObject({ ok: true });
    expect(await at(NOW - 6)).toMatchObject({ reason: 'expired' });
  });
  it('accepts exp - now = maxTtl + leeway, refuses one second more', async () => {
    expect(await at(NOW + 65)).toMatchObject({ ok: true });
    expect(await at(NOW + 66)).toMatchObject({ reason: 'exp_too_far' });
  });
  it("accepts the vendor SDKs' 60 s x-signature by default; the strict 15 s refuses 21", async () => {
    expect(await at(NOW + 60)).toMatchObject({ ok: true });
    expect(await at(NOW + 21)).toMatchObject({ ok: true });
    const strict = { maxTtl: { signature: 15 } };
    expect(await at(NOW + 20, strict)).toMatchObject({ ok: true });
    expect(await at(NOW + 21, strict)).toMatchObject({ reason: 'exp_too_far' });
    expect(await at(NOW + 60, strict)).toMatchObject({ reason: 'exp_too_far' });
  });
  it('uses the App maximum for x-app-signature', async () => {
    const app = (exp: number) =>
      verify({ 'x-api-key': 'ak_plain', 'x-app-key': 'app_org', 'x-app-signature': appSig(exp) });
    expect(await app(NOW + 65)).toMatchObject({ ok: true });
    expect(await app(NOW + 66)).toMatchObject({ reason: 'exp_too_far' });
  });
  it('honours a configured leeway and maximum', async () => {
    const headers = { 'x-api-key': 'ak_alice', 'x-signature': aliceSig(NOW + 40) };
    expect(await verify(headers, { maxTtl: { signature: 30 }, leeway: 10 })).toMatchObject({
      ok: true,
    });
    expect(await verify(headers, { maxTtl: { signature: 30 }, leeway: 9 })).toMatchObject({
      reason: 'exp_too_far',
    });
    expect(await verify(headers, { maxTtl: { signature: 39 }, leeway: 0 })).toMatchObject({
      reason: 'exp_too_far',
    });
  });
});

describe('header inputs', () => {
  it('reads a fetch Headers', async () => {
    const headers = new Headers({ 'X-Api-Key': 'ak_alice', 'X-SIGNATURE': aliceSig() });
    expect(await verify(headers)).toMatchObject({ ok: true, signed: true, mode: 'signed' });
  });
  it('reads a record with any casing', async () => {
    expect(await verify({ 'X-API-KEY': 'ak_alice', 'X-Signature': aliceSig() })).toMatchObject({
      ok: true,
    });
  });
  it('reads IncomingHttpHeaders arrays; a repeated key or token fails closed', async () => {
    expect(await verify({ 'x-api-key': ['ak_alice'], 'x-signature': [aliceSig()] })).toMatchObject({
      ok: true,
    });
    expect(await verify({ 'x-api-key': ['ak_alice', 'ak_plain'] })).toMatchObject({
      reason: 'unknown_api_key',
    });
    expect(
      await verify({ 'x-api-key': 'ak_alice', 'x-signature': [aliceSig(), aliceSig()] }),
    ).toMatchObject({
      reason: 'malformed_signature',
    });
  });
});

describe('lookups fail closed', () => {
  it('a users lookup that throws rejects with lookup_failed', async () => {
    await expect(
      verify(
        { 'x-api-key': 'ak_plain' },
        {
          users: () => {
            throw new Error('db down');
          },
        },
      ),
    ).rejects.toMatchObject({ code: 'lookup_failed', field: 'users' });
  });
  it('an organizations lookup that rejects rejects', async () => {
    await expect(
      verify(
        { 'x-api-key': 'ak_plain', 'x-app-key': 'app_org', 'x-app-signature': appSig() },
        { organizations: () => Promise.reject(new Error('db down')) },
      ),
    ).rejects.toMatchObject({ code: 'lookup_failed', field: 'organizations' });
  });
  it('an isMember that throws rejects', async () => {
    await expect(
      verify(
        { 'x-api-key': 'ak_plain', 'x-app-key': 'app_org', 'x-app-signature': appSig() },
        {
          organizations: () => ({
            appSecret: APP_SECRET,
            isMember: () => {
              throw new Error('x');
            },
          }),
        },
      ),
    ).rejects.toMatchObject({ code: 'lookup_failed', field: 'isMember' });
  });
  it('a lookup that never settles rejects with lookup_timeout at lookupTimeoutMs, not before', async () => {
    vi.useFakeTimers();
    try {
      let settled = false;
      const pending = verify(
        { 'x-api-key': 'ak_plain' },
        { users: () => new Promise(() => {}), lookupTimeoutMs: 50 },
      ).finally(() => {
        settled = true;
      });
      pending.catch(() => undefined);
      await vi.advanceTimersByTimeAsync(49);
      expect(settled).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      await expect(pending).rejects.toMatchObject({ code: 'lookup_timeout', field: 'users' });
    } finally {
      vi.useRealTimers();
    }
  });
  it('a truthy non-boolean isMember answer is not membership', async () => {
    const result = await verify(
      { 'x-api-key': 'ak_plain', 'x-app-key': 'app_org', 'x-app-signature': appSig() },
      {
        organizations: () => ({
          appSecret: APP_SECRET,
          isMember: () => 'yes' as unknown as boolean,
        }),
      },
    );
    expect(result).toMatchObject({ reason: 'not_a_member', status: 403 });
  });
  it('a user record with an empty JWT key is a server error, not an open door', async () => {
    await expect(
      verify({ 'x-api-key': 'ak_x' }, { users: () => ({ jwtKey: '' }) }),
    ).rejects.toMatchObject({
      code: 'lookup_failed',
    });
  });
});

describe('options and results', () => {
  it('refuses bad verifier options with a typed error', () => {
    const backend = syncBackend().backend;
    expect(() => createVerifierEngine(backend, { users: undefined as never })).toThrow(
      expect.objectContaining({ field: 'users' }),
    );
    expect(() => createVerifierEngine(backend, { ...options, leeway: -1 })).toThrow(
      expect.objectContaining({ field: 'leeway' }),
    );
    expect(() => createVerifierEngine(backend, { ...options, maxTtl: { signature: 0 } })).toThrow(
      expect.objectContaining({ field: 'maxTtl.signature' }),
    );
    expect(() => createVerifierEngine(backend, { ...options, lookupTimeoutMs: 0 })).toThrow(
      expect.objectContaining({ field: 'lookupTimeoutMs' }),
    );
  });
  it('verifyHeadersWith rejects (not throws) on bad options', async () => {
    await expect(
      verifyHeadersWith(syncBackend().backend, {}, {} as VerifyOptions),
    ).rejects.toMatchObject({
      code: 'invalid_option',
    });
  });
  it('failureBody names the reason and header only', () => {
    expect(
      failureBody({ ok: false, reason: 'expired', header: 'x-signature', status: 401 }),
    ).toEqual({
      error: 'expired',
      header: 'x-signature',
    });
  });
  it("imports a verifying secret once, and checks a repeated token's HMAC once", async () => {
    const { backend, counts } = syncBackend();
    const verifier = createVerifierEngine(backend, options);
    for (let i = 0; i < 20; i++)
      await verifier({ 'x-api-key': 'ak_alice', 'x-signature': aliceSig() });
    expect(counts.importKey).toBe(1);
    expect(counts.verify).toBe(1);
    // The next second's token is new: its HMAC is checked.
    await verifier({ 'x-api-key': 'ak_alice', 'x-signature': aliceSig(NOW + 16) });
    expect(counts.verify).toBe(2);
  });

  it('a remembered token still has its claims checked on every request', async () => {
    let now = NOW;
    const verifier = createVerifierEngine(syncBackend().backend, {
      ...options,
      clock: () => now * 1000,
    });
    const headers = { 'x-api-key': 'ak_alice', 'x-signature': aliceSig(NOW + 15) };
    expect(await verifier(headers)).toMatchObject({ ok: true });
    now += 21; // exp + leeway passed
    expect(await verifier(headers)).toMatchObject({ reason: 'expired' });
    // A remembered token is remembered for its key only: another user's lookup refuses it.
    expect(await verifier({ ...headers, 'x-api-key': 'ak_optional' })).toMatchObject({
      ok: false,
    });
  });

  it('the same token under a different secret is not taken for verified', async () => {
    const users = { ...options, clock: () => NOW * 1000 };
    const verifier = createVerifierEngine(syncBackend().backend, users);
    const headers = { 'x-api-key': 'ak_alice', 'x-signature': aliceSig() };
    expect(await verifier(headers)).toMatchObject({ ok: true });
    const rotatedAway = createVerifierEngine(syncBackend().backend, {
      ...users,
      users: () => ({ jwtKey: 'jk_someone_new' }),
    });
    expect(await rotatedAway(headers)).toMatchObject({ reason: 'bad_signature' });
  });
});
