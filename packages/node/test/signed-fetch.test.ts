/**
 * createSignedFetch against real servers on 127.0.0.1 (node:http and Express 5, both guarded
 * by the middleware): every mode end to end, wrong credentials refused, and a server whose
 * clock runs 120 s ahead (one rejected request, one retry, then no retries).
 */

import { listenOnLoopback } from '@apisig/test-support';
import { acme, alice, bob, carol } from '@apisig/test-support/cast';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createSignedFetch,
  createSigner,
  HEADERS,
  type SignerOptions,
  type SyncSigner,
} from '../src/index.js';
import { type Echo, MODES, ORGANIZATION } from './client-cases.js';
import { directory } from './fixtures.js';
import { type ApiServer, type ServerKind, startApiServer } from './servers.js';

const KINDS: ServerKind[] = ['node:http', 'express'];

let server: ApiServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function call(
  signer: SyncSigner,
  path = '/resource',
  init?: RequestInit,
): Promise<{ status: number; body: unknown }> {
  if (server === undefined) throw new Error('no server');
  const signedFetch = createSignedFetch(signer, { baseUrl: server.url });
  const response = await signedFetch(`${server.url}${path}`, init);
  return { status: response.status, body: await response.json() };
}

describe.each(KINDS)('%s server', (kind) => {
  const start = async () => {
    server = await startApiServer(kind, directory);
    return server;
  };

  for (const [mode, options, identity] of MODES) {
    it(`verifies ${mode}`, async () => {
      const api = await start();
      const signer = createSigner(options);
      const { status, body } = await call(signer);
      expect(status).toBe(200);
      const echo = body as Echo;
      expect(echo.apisig).toStrictEqual(identity);
      const sent = Object.values(HEADERS).filter((name) => echo.headers[name] !== undefined);
      expect(sent).toStrictEqual(Object.keys(signer.headers()));
      expect(api.requests).toBe(1);
    });
  }

  it('keeps the caller’s headers, and ours win for our four names', async () => {
    await start();
    const signer = createSigner({ apiKey: alice.apiKey, jwtKey: alice.jwtKey });
    const { status, body } = await call(signer, '/resource', {
      method: 'POST',
      headers: { 'x-trace': 'trace-1', 'X-Api-Key': carol.apiKey, 'x-app-key': 'spoof' },
      body: 'hello',
    });
    expect(status).toBe(200);
    const echo = body as Echo;
    expect(echo.headers['x-trace']).toBe('trace-1');
    expect(echo.headers['x-api-key']).toBe(alice.apiKey);
    expect(echo.headers['x-app-key']).toBeUndefined();
    expect(echo.body).toBe('hello');
  });

  const refusals: Array<[string, SignerOptions, number, object]> = [
    [
      'a wrong JWT key',
      { apiKey: alice.apiKey, jwtKey: 'jk_not_the_right_one' },
      401,
      { error: 'bad_signature', header: 'x-signature' },
    ],
    [
      'a wrong App Secret',
      { apiKey: bob.apiKey, organization: { appKey: acme.appKey, appSecret: 'not_the_secret' } },
      401,
      { error: 'bad_signature', header: 'x-app-signature' },
    ],
    [
      'an unknown API key',
      { apiKey: 'ak_nobody' },
      401,
      { error: 'unknown_api_key', header: 'x-api-key' },
    ],
    [
      'a user without a JWT key where one is required',
      { apiKey: alice.apiKey },
      401,
      { error: 'missing_signature', header: 'x-signature' },
    ],
    [
      'a user outside the organization',
      { apiKey: carol.apiKey, organization: ORGANIZATION },
      403,
      { error: 'not_a_member', header: 'x-app-key' },
    ],
  ];

  for (const [what, options, status, body] of refusals) {
    it(`refuses ${what} with ${status}, once (no retry: the clock is right)`, async () => {
      const api = await start();
      const result = await call(createSigner(options));
      expect(result).toStrictEqual({ status, body });
      expect(api.requests).toBe(1);
    });
  }
});

describe.each(KINDS)('%s server whose clock runs 120 s ahead', (kind) => {
  const start = async () => {
    server = await startApiServer(kind, directory, { clockAheadSeconds: 120 });
    return server;
  };

  it('rejects the first request, passes its retry, then passes without retrying', async () => {
    const api = await start();
    const signer = createSigner({
      apiKey: alice.apiKey,
      jwtKey: alice.jwtKey,
      organization: ORGANIZATION,
    });
    const signedFetch = createSignedFetch(signer, { baseUrl: api.url });

    const first = await signedFetch(`${api.url}/orders`, { method: 'POST', body: 'order-1' });
    expect(first.status).toBe(200);
    expect(((await first.json()) as Echo).body).toBe('order-1');
    expect(api.statuses).toStrictEqual([401, 200]);
    expect(signer.clockOffset).toBeGreaterThan(115);
    expect(signer.clockOffset).toBeLessThan(125);

    const second = await signedFetch(`${api.url}/orders`, { method: 'POST', body: 'order-2' });
    expect(second.status).toBe(200);
    expect(((await second.json()) as Echo).body).toBe('order-2');
    expect(api.requests).toBe(3);
    expect(api.statuses).toStrictEqual([401, 200, 200]);
  });

  it('does not retry a body it cannot send again (a stream), but the next request passes', async () => {
    const api = await start();
    const signer = createSigner({ apiKey: alice.apiKey, jwtKey: alice.jwtKey });
    const signedFetch = createSignedFetch(signer, { baseUrl: api.url });
    const stream = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('streamed'));
        controller.close();
      },
    });
    const init = { method: 'POST', body: stream, duplex: 'half' } as RequestInit;
    const first = await signedFetch(`${api.url}/upload`, init);
    expect(first.status).toBe(401);
    expect(await first.json()).toStrictEqual({ error: 'expired', header: 'x-signature' });
    expect(api.requests).toBe(1);

    const second = await signedFetch(`${api.url}/upload`, { method: 'POST', body: 'again' });
    expect(second.status).toBe(200);
    expect(api.statuses).toStrictEqual([401, 200]);
  });
});

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

/** An API on loopback that refuses the first request with a Date far ahead, and logs headers. */
async function skewedApi() {
  const seen: Array<Record<string, string | undefined>> = [];
  const server = await listenOnLoopback((request, response) => {
    seen.push({
      'x-api-key': request.headers['x-api-key'] as string | undefined,
      'x-signature': request.headers['x-signature'] as string | undefined,
    });
    response.statusCode = 401;
    response.setHeader('date', new Date(Date.now() + 600_000).toUTCString());
    response.end('{"error":"exp_too_far","header":"x-signature"}');
  });
  closers.push(server.close);
  return { url: server.url, seen };
}

describe('createSignedFetch when the retry goes wrong', () => {
  it('a fetch that throws on the retry: its error comes back; only signed requests left', async () => {
    const api = await skewedApi();
    const signer = createSigner({ apiKey: 'ak_alice', jwtKey: 'jk_alice_fetch_secret' });
    const networkDown = new TypeError('fetch failed: network down');
    let calls = 0;
    const flaky: typeof fetch = (input, init) => {
      calls++;
      return calls === 1 ? fetch(input, init) : Promise.reject(networkDown);
    };
    const signedFetch = createSignedFetch(signer, { baseUrl: api.url, fetch: flaky });
    await expect(signedFetch(api.url)).rejects.toBe(networkDown);
    expect(calls).toBe(2);
    expect(signer.clockOffset).toBeGreaterThan(500);
    expect(api.seen).toHaveLength(1);
    for (const headers of api.seen) {
      expect(headers['x-api-key']).toBe('ak_alice');
      expect(headers['x-signature']).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    }
  });

  it('a signer whose clock breaks after the first answer: a typed error, no second request', async () => {
    const api = await skewedApi();
    let broken = false;
    const signer = createSigner({
      apiKey: 'ak_alice',
      jwtKey: 'jk_alice_fetch_secret',
      clock: () => (broken ? Number.NaN : Date.now()),
    });
    const signedFetch = createSignedFetch(signer, {
      baseUrl: api.url,
      fetch: async (input, init) => {
        const response = await fetch(input, init);
        broken = true;
        return response;
      },
    });
    await expect(signedFetch(api.url)).rejects.toMatchObject({
      name: 'ApiSigError',
      code: 'invalid_option',
      field: 'clock',
    });
    expect(api.seen).toHaveLength(1);
    expect(api.seen[0]?.['x-signature']).toBeDefined();
  });
});
