/**
 * The signed fetch's one retry after a clock correction, when it goes wrong: a fetch that
 * dies on the retry, a remote signer that fails on it, a signer whose clock breaks. Each
 * rejects with its own error, and the API never sees a request without our headers.
 */
import type { ServerResponse } from 'node:http';
import { listenOnLoopback } from '@apisig/test-support';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiSigError, createRemoteSigner, createSignedFetch, createSigner } from '../src/index.js';
import { closeAll, closers, json, recordingApi } from './support/recording-api.js';

afterEach(closeAll);

/** An API that refuses with a Date ten minutes ahead: the signed fetch retries once. */
const skewed = (response: ServerResponse) => {
  response.statusCode = 401;
  response.setHeader('date', new Date(Date.now() + 600_000).toUTCString());
  response.end('{"error":"exp_too_far","header":"x-signature"}');
};

describe('createSignedFetch when the retry goes wrong', () => {
  it('a fetch that throws on the retry: its error comes back; only signed requests left', async () => {
    const api = await recordingApi(skewed);
    const signer = createSigner({ apiKey: 'ak_alice', jwtKey: 'jk_alice_fetch_secret' });
    const networkDown = new TypeError('fetch failed: network down');
    let calls = 0;
    const signedFetch = createSignedFetch(signer, {
      baseUrl: api.url,
      fetch: (input, init) => (++calls === 1 ? fetch(input, init) : Promise.reject(networkDown)),
    });
    await expect(signedFetch(`${api.url}/data`)).rejects.toBe(networkDown);
    expect(calls).toBe(2);
    expect(signer.clockOffset).toBeGreaterThan(500);
    expect(api.seen).toHaveLength(1);
    expect(api.seen[0]?.['x-api-key']).toBe('ak_alice');
    expect(api.seen[0]?.['x-signature']).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
  });

  it('a remote signer that fails on the retry: a typed error, no second request', async () => {
    const api = await recordingApi(skewed);
    const local = createSigner({ apiKey: 'ak_alice', jwtKey: 'jk_alice_fetch_secret' });
    let asked = 0;
    const endpoint = await listenOnLoopback(async (_request, response) => {
      asked++;
      if (asked > 1) {
        response.statusCode = 503;
        response.end();
        return;
      }
      json(await local.sign())(response);
    });
    closers.push(endpoint.close);
    // A source whose clock can move (so the 401 is retried) and whose headers come remotely.
    const remote = createRemoteSigner({ url: endpoint.url });
    const source = {
      headers: () => {
        remote.clear();
        return remote.headers();
      },
      sign: () => remote.sign(),
      clock: () => remote.clock(),
      syncClock: () => true,
    };
    await expect(
      createSignedFetch(source, { baseUrl: api.url })(`${api.url}/data`),
    ).rejects.toMatchObject({
      name: 'ApiSigError',
      code: 'remote_signer_refused',
      status: 503,
    });
    expect(api.seen).toHaveLength(1);
    expect(api.seen[0]?.['x-signature']).toBeDefined();
  });

  it('an async signer whose clock answers NaN rejects before anything is sent', async () => {
    const api = await recordingApi(json({ ok: true }));
    const signer = createSigner({
      apiKey: 'ak_alice',
      jwtKey: 'jk_alice_fetch_secret',
      clock: () => Number.NaN,
    });
    await expect(signer.headers()).rejects.toMatchObject({
      code: 'invalid_option',
      field: 'clock',
    });
    await expect(
      createSignedFetch(signer, { baseUrl: api.url })(`${api.url}/data`),
    ).rejects.toBeInstanceOf(ApiSigError);
    expect(api.seen).toEqual([]);
  });
});
