/**
 * createSignedFetch against real servers on 127.0.0.1 (node:http and Express 5, both guarded
 * by the middleware): every mode end to end, wrong credentials refused, and a server whose
 * clock runs 120 s ahead (one rejected request, one retry, then no retries).
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  type ApiSigIdentity,
  createSignedFetch,
  createSigner,
  HEADERS,
  type SignerOptions,
  type SyncSigner,
} from '../src/index.js';
import {
  APP_KEY,
  APP_SECRET,
  directory,
  JWT_KEY,
  OUTSIDER_KEY,
  PLAIN_KEY,
  SIGNED_KEY,
} from './fixtures.js';
import { type ApiServer, type ServerKind, startApiServer } from './servers.js';

const KINDS: ServerKind[] = ['node:http', 'express'];
const ORGANIZATION = { appKey: APP_KEY, appSecret: APP_SECRET };

interface Echo {
  apisig?: ApiSigIdentity;
  headers: Record<string, string>;
  body: string;
}

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
  const signedFetch = createSignedFetch(signer);
  const response = await signedFetch(`${server.url}${path}`, init);
  return { status: response.status, body: await response.json() };
}

describe.each(KINDS)('%s server', (kind) => {
  const start = async () => {
    server = await startApiServer(kind, directory);
    return server;
  };

  const modes: Array<[string, SignerOptions, Echo['apisig']]> = [
    ['API key', { apiKey: PLAIN_KEY }, { apiKey: PLAIN_KEY, signed: false, mode: 'api-key' }],
    [
      'API key + JWT',
      { apiKey: SIGNED_KEY, jwtKey: JWT_KEY },
      { apiKey: SIGNED_KEY, signed: true, mode: 'signed' },
    ],
    [
      'organization',
      { apiKey: PLAIN_KEY, organization: ORGANIZATION },
      { apiKey: PLAIN_KEY, appKey: APP_KEY, signed: false, mode: 'organization' },
    ],
    [
      'organization with a JWT key (all four headers)',
      { apiKey: SIGNED_KEY, jwtKey: JWT_KEY, organization: ORGANIZATION },
      { apiKey: SIGNED_KEY, appKey: APP_KEY, signed: true, mode: 'signed-organization' },
    ],
  ];

  for (const [mode, options, identity] of modes) {
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
    const signer = createSigner({ apiKey: SIGNED_KEY, jwtKey: JWT_KEY });
    const { status, body } = await call(signer, '/resource', {
      method: 'POST',
      headers: { 'x-trace': 'trace-1', 'X-Api-Key': OUTSIDER_KEY, 'x-app-key': 'spoof' },
      body: 'hello',
    });
    expect(status).toBe(200);
    const echo = body as Echo;
    expect(echo.headers['x-trace']).toBe('trace-1');
    expect(echo.headers['x-api-key']).toBe(SIGNED_KEY);
    expect(echo.headers['x-app-key']).toBeUndefined();
    expect(echo.body).toBe('hello');
  });

  const refusals: Array<[string, SignerOptions, number, object]> = [
    [
      'a wrong JWT key',
      { apiKey: SIGNED_KEY, jwtKey: 'jk_not_the_right_one' },
      401,
      { error: 'bad_signature', header: 'x-signature' },
    ],
    [
      'a wrong App Secret',
      { apiKey: PLAIN_KEY, organization: { appKey: APP_KEY, appSecret: 'not_the_secret' } },
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
      { apiKey: SIGNED_KEY },
      401,
      { error: 'missing_signature', header: 'x-signature' },
    ],
    [
      'a user outside the organization',
      { apiKey: OUTSIDER_KEY, organization: ORGANIZATION },
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
      apiKey: SIGNED_KEY,
      jwtKey: JWT_KEY,
      organization: ORGANIZATION,
    });
    const signedFetch = createSignedFetch(signer);

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
    const signer = createSigner({ apiKey: SIGNED_KEY, jwtKey: JWT_KEY });
    const signedFetch = createSignedFetch(signer);
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
