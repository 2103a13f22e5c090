/**
 * createSignedFetch with the jose signer against a real HTTP server on 127.0.0.1 that
 * verifies with @apisig/web/verify, from Node and from Chromium (cross-origin, through CORS).
 */
import { describe, expect, inject, it } from 'vitest';
import { createSignedFetch, createSigner, type SignerOptions } from '../../src/index.js';
import {
  AHEAD_MS,
  AHEAD_PREFIX,
  acme,
  alice,
  bob,
  carol,
  type EchoBody,
} from '../support/credentials.js';
import '../support/context.js';

const apiUrl = inject('apiUrl');
let nextId = 0;
const url = (path = '/v1/echo') => `${apiUrl}${path}?id=${Date.now()}-${nextId++}`;

const modes: Array<[string, SignerOptions, Partial<EchoBody>]> = [
  ['API key', { apiKey: bob.apiKey }, { apiKey: bob.apiKey, signed: false, mode: 'api-key' }],
  ['API key + JWT signing', { ...alice }, { apiKey: alice.apiKey, signed: true, mode: 'signed' }],
  [
    'organization',
    { apiKey: bob.apiKey, organization: acme },
    { apiKey: bob.apiKey, appKey: acme.appKey, signed: false, mode: 'organization' },
  ],
  [
    'organization, user with a JWT key',
    { ...alice, organization: acme },
    { apiKey: alice.apiKey, appKey: acme.appKey, signed: true, mode: 'signed-organization' },
  ],
];

describe('signed fetch against a real server', () => {
  for (const [mode, options, expected] of modes) {
    it(`${mode}: accepted`, async () => {
      const fetch = createSignedFetch(createSigner(options), { baseUrl: apiUrl });
      const response = await fetch(url());
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ ok: true, attempts: 1, ...expected });
    });
  }

  it('keeps the caller headers and overrides any of ours the caller set', async () => {
    const fetch = createSignedFetch(createSigner(alice), { baseUrl: apiUrl });
    const response = await fetch(url(), {
      method: 'POST',
      headers: { 'x-trace': 'trace-1', 'x-api-key': 'ak_forged', 'x-app-key': acme.appKey },
      body: 'hello',
    });
    expect(response.status).toBe(200);
    const echo = (await response.json()) as EchoBody;
    expect(echo).toMatchObject({ apiKey: alice.apiKey, trace: 'trace-1', bodies: ['hello'] });
    expect(echo.appKey).toBeUndefined();
  });

  it('a wrong JWT key: 401 with the reason, no retry, nothing echoed', async () => {
    const fetch = createSignedFetch(createSigner({ ...alice, jwtKey: 'jk_wrong_secret' }), {
      baseUrl: apiUrl,
    });
    const response = await fetch(url());
    expect(response.status).toBe(401);
    const text = await response.text();
    expect(JSON.parse(text)).toEqual({ error: 'bad_signature', header: 'x-signature' });
    expect(text).not.toMatch(/ey[A-Za-z0-9_-]{10}|jk_/);
  });

  it('not a member of the organization: 403', async () => {
    const fetch = createSignedFetch(createSigner({ apiKey: carol.apiKey, organization: acme }), {
      baseUrl: apiUrl,
    });
    const response = await fetch(url());
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({ error: 'not_a_member', header: 'x-app-key' });
  });
});

describe('a server whose clock is 120 s ahead', () => {
  it('rejects the first try, reads Date, retries once with the body, and is accepted', async () => {
    const signer = createSigner(alice);
    const fetch = createSignedFetch(signer, { baseUrl: apiUrl });
    const response = await fetch(url(`${AHEAD_PREFIX}/v1/echo`), {
      method: 'POST',
      body: 'payload',
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ attempts: 2, bodies: ['payload', 'payload'] });
    // The offset is the server's lead, give or take the round trip and Date's whole seconds.
    expect(Math.abs(signer.clockOffset - AHEAD_MS / 1000)).toBeLessThan(3);

    const again = await fetch(url(`${AHEAD_PREFIX}/v1/echo`), { method: 'PUT', body: 'later' });
    expect(await again.json()).toMatchObject({ attempts: 1, bodies: ['later'] });
  });

  it('replays a Request body on the retry', async () => {
    const fetch = createSignedFetch(createSigner(alice), { baseUrl: apiUrl });
    const request = new Request(url(`${AHEAD_PREFIX}/v1/echo`), { method: 'POST', body: 'req' });
    const response = await fetch(request);
    expect(await response.json()).toMatchObject({ attempts: 2, bodies: ['req', 'req'] });
  });

  it('an API-key-only request carries no token to expire: accepted on the first try', async () => {
    const signer = createSigner({ apiKey: bob.apiKey });
    const response = await createSignedFetch(signer, { baseUrl: apiUrl })(
      url(`${AHEAD_PREFIX}/v1/echo`),
    );
    expect(await response.json()).toMatchObject({ attempts: 1 });
  });
});

describe('where signed headers go (in Node and in Chromium)', () => {
  const trapUrl = inject('trapUrl');
  const inBrowser = typeof document !== 'undefined';
  const trapLog = async (): Promise<Array<{ path: string; auth: string[] }>> =>
    (await fetch(`${trapUrl}/log`)).json();

  it('a request for another origin is refused before anything is sent', async () => {
    const before = (await trapLog()).length;
    const fetch = createSignedFetch(createSigner(alice), { baseUrl: apiUrl });
    await expect(fetch(`${trapUrl}/steal`)).rejects.toMatchObject({ code: 'origin_refused' });
    expect(await trapLog()).toHaveLength(before);
  });

  it('a redirect within the API is followed and signed again (the control)', async () => {
    const fetch = createSignedFetch(createSigner(alice), { baseUrl: apiUrl });
    const attempt = fetch(`/redirect-home?id=${Date.now()}-${nextId++}`, {
      method: 'POST',
      body: 'kept',
    });
    if (inBrowser) {
      // A browser hides a manual redirect's target: apisig cannot tell it stays home.
      await expect(attempt).rejects.toMatchObject({ code: 'redirect_refused' });
      return;
    }
    const response = await attempt;
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ apiKey: alice.apiKey, bodies: ['kept'] });
  });

  it('a redirect to another origin never carries our headers there', async () => {
    const before = (await trapLog()).length;
    const fetch = createSignedFetch(createSigner(alice), { baseUrl: apiUrl });
    const outcome = await fetch('/redirect-away', { headers: { authorization: 'Bearer s' } }).then(
      (response) => response.text(),
      (error: unknown) => error,
    );
    const reached = (await trapLog()).slice(before);
    if (inBrowser) {
      expect(outcome).toMatchObject({ code: 'redirect_refused' });
      expect(reached).toEqual([]);
    } else {
      expect(outcome).toBe('elsewhere');
      expect(reached).toEqual([{ path: '/landing', auth: [] }]);
    }
  });
});
