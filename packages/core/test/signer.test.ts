import { inspect } from 'node:util';
import { asyncBackend, syncBackend } from '@apisig/test-support';
import { describe, expect, it } from 'vitest';
import { createAsyncSigner, createSyncSigner } from '../src/adapter.js';
import { decodeToken, type SignerOptions } from '../src/index.js';

const JWT_KEY = 'jk_super_secret_jwt_key';
const APP_SECRET = 'as_super_secret_app_secret';
const T0 = 1_764_300_000_000; // a whole second, in ms

function manualClock(start = T0) {
  let now = start;
  return {
    clock: () => now,
    set: (ms: number) => (now = ms),
    advance: (ms: number) => (now += ms),
  };
}

const claimsOf = (token: string | undefined) => decodeToken(token as string)?.payload;

describe('modes and headers', () => {
  const cases: Array<[string, SignerOptions, string[]]> = [
    ['api-key', { apiKey: 'ak_1' }, ['x-api-key']],
    ['signed', { apiKey: 'ak_1', jwtKey: JWT_KEY }, ['x-api-key', 'x-signature']],
    [
      'organization',
      { apiKey: 'ak_1', organization: { appKey: 'app_1', appSecret: APP_SECRET } },
      ['x-api-key', 'x-app-key', 'x-app-signature'],
    ],
    [
      'signed-organization',
      { apiKey: 'ak_1', jwtKey: JWT_KEY, organization: { appKey: 'app_1', appSecret: APP_SECRET } },
      ['x-api-key', 'x-signature', 'x-app-key', 'x-app-signature'],
    ],
  ];
  for (const [mode, options, names] of cases) {
    it(`${mode}: sends exactly ${names.join(', ')}`, () => {
      const signer = createSyncSigner(syncBackend().backend, { ...options, clock: () => T0 });
      const headers = signer.headers();
      expect(signer.mode).toBe(mode);
      expect(Object.keys(headers)).toEqual(names);
      expect(headers['x-api-key']).toBe('ak_1');
      if (headers['x-app-key'] !== undefined) expect(headers['x-app-key']).toBe('app_1');
    });
  }

  it('signs the API key with ttl 15 and the App Key with ttl 60 by default', () => {
    const headers = createSyncSigner(
      syncBackend().backend,
      cases[3]![1] && { ...cases[3]![1], clock: () => T0 + 999 },
    ).headers();
    expect(claimsOf(headers['x-signature'])).toEqual({ key: 'ak_1', exp: T0 / 1000 + 15 });
    expect(claimsOf(headers['x-app-signature'])).toEqual({ key: 'app_1', exp: T0 / 1000 + 60 });
    expect(decodeToken(headers['x-signature'] as string)?.header).toEqual({
      alg: 'HS256',
      typ: 'JWT',
    });
  });

  it('honours configured ttls', () => {
    const signer = createSyncSigner(syncBackend().backend, {
      ...cases[3]![1],
      ttl: { signature: 60, appSignature: 300 },
      clock: () => T0,
    });
    const headers = signer.headers();
    expect(claimsOf(headers['x-signature'])?.exp).toBe(T0 / 1000 + 60);
    expect(claimsOf(headers['x-app-signature'])?.exp).toBe(T0 / 1000 + 300);
  });

  it('returns a fresh object each call, so a caller mutating it cannot corrupt the next', () => {
    const signer = createSyncSigner(syncBackend().backend, {
      apiKey: 'ak_1',
      jwtKey: JWT_KEY,
      clock: () => T0,
    });
    const first = signer.headers();
    first['x-api-key'] = 'tampered';
    expect(signer.headers()['x-api-key']).toBe('ak_1');
  });

  it('sign() reports when the earliest token expires', () => {
    const signer = createSyncSigner(syncBackend().backend, {
      ...cases[3]![1],
      clock: () => T0 + 400,
    });
    expect(signer.sign().expiresAt).toBe(T0 + 15_000);
    expect(createSyncSigner(syncBackend().backend, { apiKey: 'ak_1' }).sign().expiresAt).toBeNull();
  });
});

describe('reuse within a second', () => {
  it('signs once per second and never hands out a token from another second', () => {
    const { backend, counts } = syncBackend();
    const time = manualClock(T0);
    const signer = createSyncSigner(backend, {
      apiKey: 'ak_1',
      jwtKey: JWT_KEY,
      clock: time.clock,
    });
    const first = signer.headers()['x-signature'];
    time.set(T0 + 999);
    expect(signer.headers()['x-signature']).toBe(first);
    expect(counts.sign).toBe(1);
    time.set(T0 + 1000);
    const next = signer.headers()['x-signature'];
    expect(next).not.toBe(first);
    expect(claimsOf(next)?.exp).toBe(T0 / 1000 + 16);
    expect(counts.sign).toBe(2);
  });

  it('re-signs when the clock goes backwards across a second', () => {
    const time = manualClock(T0 + 5000);
    const signer = createSyncSigner(syncBackend().backend, {
      apiKey: 'ak_1',
      jwtKey: JWT_KEY,
      clock: time.clock,
    });
    signer.headers();
    time.set(T0);
    expect(claimsOf(signer.headers()['x-signature'])?.exp).toBe(T0 / 1000 + 15);
  });

  it('imports each secret once for the signer lifetime', () => {
    const { backend, counts } = syncBackend();
    const time = manualClock();
    const signer = createSyncSigner(backend, {
      apiKey: 'ak_1',
      jwtKey: JWT_KEY,
      organization: { appKey: 'app_1', appSecret: APP_SECRET },
      clock: time.clock,
    });
    for (let i = 0; i < 50; i++) {
      signer.headers();
      time.advance(700);
    }
    expect(counts.importKey).toBe(2);
  });

  it('async: a burst in one second shares one in-flight signing per token', async () => {
    const { backend, counts } = asyncBackend();
    const signer = createAsyncSigner(backend, {
      apiKey: 'ak_1',
      jwtKey: JWT_KEY,
      organization: { appKey: 'app_1', appSecret: APP_SECRET },
      clock: () => T0,
    });
    const all = await Promise.all(Array.from({ length: 1000 }, () => signer.headers()));
    expect(new Set(all.map((h) => h['x-signature'])).size).toBe(1);
    expect(new Set(all.map((h) => h['x-app-signature'])).size).toBe(1);
    expect(counts.sign).toBe(2);
    expect(counts.importKey).toBe(2);
  });

  it('async: a token already signed is served at once, without waiting on the backend', async () => {
    const { backend } = asyncBackend();
    const signer = createAsyncSigner(backend, {
      apiKey: 'ak_1',
      jwtKey: JWT_KEY,
      organization: { appKey: 'app_1', appSecret: APP_SECRET },
      clock: () => T0,
    });
    const first = await signer.headers();
    let served: unknown;
    void signer.headers().then((headers) => {
      served = headers;
    });
    await Promise.resolve(); // one microtask: the steady state is one resolved promise
    expect(served).toEqual(first);
  });

  it('async: a failed signing is not cached', async () => {
    const { backend } = asyncBackend();
    let failures = 1;
    const flaky = {
      ...backend,
      sign: (claims: Parameters<typeof backend.sign>[0], key: string) =>
        failures-- > 0 ? Promise.reject(new Error('transient')) : backend.sign(claims, key),
    };
    const signer = createAsyncSigner(flaky, { apiKey: 'ak_1', jwtKey: JWT_KEY, clock: () => T0 });
    await expect(signer.headers()).rejects.toMatchObject({ code: 'signing_failed' });
    await expect(signer.headers()).resolves.toHaveProperty('x-signature');
  });
});

describe('clock offset', () => {
  it('adds the offset to the clock before computing exp', () => {
    const signer = createSyncSigner(syncBackend().backend, {
      apiKey: 'ak_1',
      jwtKey: JWT_KEY,
      clock: () => T0,
      clockOffset: 120,
    });
    expect(claimsOf(signer.headers()['x-signature'])?.exp).toBe(T0 / 1000 + 120 + 15);
    signer.setClockOffset(-30.5);
    expect(claimsOf(signer.headers()['x-signature'])?.exp).toBe(Math.floor(T0 / 1000 - 30.5) + 15);
  });

  it('syncClock moves the offset only for a skew of 5 s or more, and says so', () => {
    const signer = createSyncSigner(syncBackend().backend, {
      apiKey: 'ak_1',
      jwtKey: JWT_KEY,
      clock: () => T0,
    });
    const observe = (serverMs: number) =>
      signer.syncClock({
        date: new Date(serverMs).toUTCString(),
        sentAt: T0 - 100,
        receivedAt: T0 + 100,
      });
    expect(observe(T0 + 4000)).toBe(false);
    expect(signer.clockOffset).toBe(0);
    expect(observe(T0 + 120_000)).toBe(true);
    // The Date header is truncated to the second: the server's time is taken as Date + 0.5 s.
    expect(signer.clockOffset).toBe(120.5);
    expect(observe(T0 + 121_000)).toBe(false);
    expect(claimsOf(signer.headers()['x-signature'])?.exp).toBe(T0 / 1000 + 135);
  });
});

describe('organizations serving many users', () => {
  it('forUser shares the App Key token and its cache, with its own API key and JWT key', () => {
    const { backend, counts } = syncBackend();
    const org = createSyncSigner(backend, {
      apiKey: 'ak_owner',
      organization: { appKey: 'app_1', appSecret: APP_SECRET },
      clock: () => T0,
    });
    const alice = org.forUser({ apiKey: 'ak_alice' });
    const bob = org.forUser({ apiKey: 'ak_bob', jwtKey: 'jk_bob_key' });
    const [a, b, o] = [alice.headers(), bob.headers(), org.headers()];
    expect(a['x-api-key']).toBe('ak_alice');
    expect(b['x-api-key']).toBe('ak_bob');
    expect(bob.mode).toBe('signed-organization');
    expect(claimsOf(b['x-signature'])?.key).toBe('ak_bob');
    expect(a['x-app-signature']).toBe(o['x-app-signature']);
    expect(b['x-app-signature']).toBe(o['x-app-signature']);
    // One App Key signing for three users; one user signing for bob.
    expect(counts.sign).toBe(2);
  });

  it('forUser validates the user credentials', () => {
    const org = createSyncSigner(syncBackend().backend, {
      apiKey: 'ak_owner',
      organization: { appKey: 'app_1', appSecret: APP_SECRET },
    });
    expect(() => org.forUser({ apiKey: 'bad key' })).toThrow(
      expect.objectContaining({ field: 'apiKey' }),
    );
    expect(() => org.forUser({ apiKey: 'ak_1', jwtKey: '' })).toThrow(
      expect.objectContaining({ field: 'jwtKey' }),
    );
  });

  it('forUser refuses a present-but-undefined jwtKey, as createSigner does', () => {
    const org = createSyncSigner(syncBackend().backend, {
      apiKey: 'ak_owner',
      organization: { appKey: 'app_1', appSecret: APP_SECRET },
    });
    const unset = process.env.APISIG_UNSET_FOR_TEST; // jwtKey: process.env.X, X unset
    const refusal = expect.objectContaining({ code: 'invalid_credentials', field: 'jwtKey' });
    expect(() => org.forUser({ apiKey: 'ak_1', jwtKey: unset })).toThrow(refusal);
    expect(() =>
      createSyncSigner(syncBackend().backend, { apiKey: 'ak_1', jwtKey: unset }),
    ).toThrow(refusal);
    // The control: leaving the field out means "no JWT key".
    expect(org.forUser({ apiKey: 'ak_1' }).mode).toBe('organization');
  });

  it('derived signers share the clock offset', () => {
    const org = createSyncSigner(syncBackend().backend, {
      apiKey: 'ak_owner',
      organization: { appKey: 'app_1', appSecret: APP_SECRET },
    });
    const alice = org.forUser({ apiKey: 'ak_alice' });
    alice.setClockOffset(42);
    expect(org.clockOffset).toBe(42);
  });
});

describe('a signer never shows its secrets', () => {
  const signer = createSyncSigner(syncBackend().backend, {
    apiKey: 'ak_visible',
    jwtKey: JWT_KEY,
    organization: { appKey: 'app_1', appSecret: APP_SECRET },
  });
  const renderings = {
    'JSON.stringify': JSON.stringify(signer),
    'util.inspect': inspect(signer, { showHidden: true, depth: 10 }),
    String: String(signer),
    template: `${signer}`,
    keys: JSON.stringify(
      Object.getOwnPropertyNames(signer).map((k) => [k, String((signer as never)[k])]),
    ),
  };
  for (const [how, text] of Object.entries(renderings)) {
    it(`${how} shows the API key and mode only`, () => {
      expect(text).not.toContain(JWT_KEY);
      expect(text).not.toContain(APP_SECRET);
      if (how !== 'keys') expect(text).toContain('ak_visible');
    });
  }
  it('JSON shows exactly apiKey and mode', () => {
    expect(JSON.parse(JSON.stringify(signer))).toEqual({
      apiKey: 'ak_visible',
      mode: 'signed-organization',
    });
  });

  it('a failing backend error does not carry the secret', () => {
    const leaky = {
      ...syncBackend().backend,
      sign: (_claims: unknown, key: string): string => {
        throw new Error(`bad key ${key}`);
      },
    };
    const s = createSyncSigner(leaky, { apiKey: 'ak_1', jwtKey: JWT_KEY });
    try {
      s.headers();
      expect.unreachable();
    } catch (error) {
      expect(error).toMatchObject({ code: 'signing_failed' });
      expect(inspect(error, { depth: 10 })).not.toContain(JWT_KEY);
    }
  });
});

describe('a bounded clock offset', () => {
  const skewed = (offsetMs: number) => ({
    date: new Date(T0 + offsetMs).toUTCString(),
    sentAt: T0,
    receivedAt: T0,
  });

  it('a response dated a year ahead moves nothing: tokens keep their real exp', () => {
    const signer = createSyncSigner(syncBackend().backend, {
      apiKey: 'ak_1',
      jwtKey: JWT_KEY,
      clock: () => T0,
    });
    expect(signer.syncClock(skewed(365 * 86_400_000))).toBe(false);
    expect(signer.clockOffset).toBe(0);
    expect(claimsOf(signer.headers()['x-signature'])?.exp).toBe(T0 / 1000 + 15);
    // The control: two minutes off is taken.
    expect(signer.syncClock(skewed(120_000))).toBe(true);
    expect(signer.clockOffset).toBeCloseTo(120.5, 1);
  });

  it('maxClockOffset sets the bound, for syncClock, setClockOffset and clockOffset alike', () => {
    const options = { apiKey: 'ak_1', jwtKey: JWT_KEY, clock: () => T0, maxClockOffset: 60 };
    const signer = createSyncSigner(syncBackend().backend, options);
    expect(signer.syncClock(skewed(120_000))).toBe(false);
    expect(() => signer.setClockOffset(61)).toThrow(
      expect.objectContaining({ code: 'invalid_option', field: 'clockOffset' }),
    );
    expect(() => createSyncSigner(syncBackend().backend, { ...options, clockOffset: -61 })).toThrow(
      expect.objectContaining({ field: 'clockOffset' }),
    );
    for (const bad of [-1, Number.NaN, 'a day']) {
      expect(() =>
        createSyncSigner(syncBackend().backend, { ...options, maxClockOffset: bad as number }),
      ).toThrow(expect.objectContaining({ field: 'maxClockOffset' }));
    }
    signer.setClockOffset(59);
    expect(signer.clockOffset).toBe(59);
  });
});
