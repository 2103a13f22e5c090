/**
 * withApiSig (@apisig/web/axios) with the jose signer on axios's fetch adapter, against the
 * real test API on 127.0.0.1, from Node and from Chromium (cross-origin, through CORS): every
 * mode; a server clock 120 s ahead; a request for another origin refused before anything is
 * sent; redirects: followed and signed again in Node, refused in a browser (which hides a
 * redirect's target), never reaching another origin with our headers.
 */
import axios from 'axios';
import { describe, expect, inject, it } from 'vitest';
import { withApiSig } from '../../src/axios.js';
import { createSigner, type SignerOptions } from '../../src/index.js';
import { AHEAD_MS, AHEAD_PREFIX, acme, alice, bob, type EchoBody } from '../support/credentials.js';
import '../support/context.js';

const apiUrl = inject('apiUrl');
const trapUrl = inject('trapUrl');
const inBrowser = typeof document !== 'undefined';
let nextId = 0;
const id = () => `${Date.now()}-${nextId++}`;
const trapLog = async (): Promise<Array<{ path: string; auth: string[] }>> =>
  (await fetch(`${trapUrl}/log`)).json();

/** An axios instance on the fetch adapter (the default in a browser once xhr is left out). */
function signedAxios(options: SignerOptions) {
  const signer = createSigner(options);
  const instance = axios.create({ baseURL: apiUrl, adapter: inBrowser ? undefined : 'fetch' });
  withApiSig(instance, signer, { baseUrl: apiUrl });
  return { instance, signer };
}

const outcome = (promise: Promise<{ data: unknown }>) =>
  promise.then(
    ({ data }) => data,
    (error: unknown) => error,
  );

const modes: Array<[string, SignerOptions, Partial<EchoBody>]> = [
  ['API key', { apiKey: bob.apiKey }, { apiKey: bob.apiKey, mode: 'api-key' }],
  ['API key + JWT', { ...alice }, { apiKey: alice.apiKey, mode: 'signed' }],
  [
    'organization',
    { apiKey: bob.apiKey, organization: acme },
    { apiKey: bob.apiKey, appKey: acme.appKey, mode: 'organization' },
  ],
  [
    'organization, user with a JWT key (all four headers)',
    { ...alice, organization: acme },
    { apiKey: alice.apiKey, appKey: acme.appKey, mode: 'signed-organization' },
  ],
];

describe('axios (fetch adapter) against a real server', () => {
  for (const [mode, options, expected] of modes) {
    it(`${mode}: accepted`, async () => {
      const { instance } = signedAxios(options);
      const { data } = await instance.get<EchoBody>(`/v1/echo?id=${id()}`);
      expect(data).toMatchObject({ ...expected, attempts: 1 });
    });
  }

  it('a clock 120 s behind the server: one 401, the offset learned, one retry, then none', async () => {
    const { instance, signer } = signedAxios({ ...alice, organization: acme });
    const first = await instance.post<EchoBody>(`${AHEAD_PREFIX}/v1/echo?id=${id()}`, {
      order: 1,
    });
    expect(first.data).toMatchObject({ attempts: 2, bodies: ['{"order":1}', '{"order":1}'] });
    expect(Math.abs(signer.clockOffset - AHEAD_MS / 1000)).toBeLessThan(3);
    const again = await instance.put<EchoBody>(`${AHEAD_PREFIX}/v1/echo?id=${id()}`, 'later', {
      headers: { 'content-type': 'text/plain' },
    });
    expect(again.data).toMatchObject({ attempts: 1, bodies: ['later'] });
  });

  // A browser streams a request body only over HTTP/2: this test server speaks HTTP/1.1.
  it.skipIf(inBrowser)('a stream body is not sent twice: the 401 is the answer', async () => {
    const { instance } = signedAxios(alice);
    const body = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('streamed'));
        controller.close();
      },
    });
    const result = await outcome(
      instance.post(`${AHEAD_PREFIX}/v1/echo?id=${id()}`, body, {
        headers: { 'content-type': 'text/plain' },
      }),
    );
    expect(result).toMatchObject({
      response: { status: 401, data: { error: 'expired', header: 'x-signature' } },
    });
  });

  it('a request for another origin is refused before anything is sent', async () => {
    const before = (await trapLog()).length;
    const { instance } = signedAxios(alice);
    expect(await outcome(instance.get(`${trapUrl}/steal`))).toMatchObject({
      code: 'origin_refused',
    });
    expect(await trapLog()).toHaveLength(before);
  });

  it('a redirect within the API: followed and signed again (Node), refused (browser)', async () => {
    const { instance } = signedAxios(alice);
    const result = await outcome(
      instance.post(`/redirect-home?id=${id()}`, 'kept', {
        headers: { 'content-type': 'text/plain' },
      }),
    );
    if (inBrowser) expect(result).toMatchObject({ code: 'redirect_refused' });
    else expect(result).toMatchObject({ apiKey: alice.apiKey, mode: 'signed', bodies: ['kept'] });
  });

  it('a redirect to another origin never carries our headers there', async () => {
    const before = (await trapLog()).length;
    const { instance } = signedAxios(alice);
    const result = await outcome(
      instance.get('/redirect-away', { headers: { authorization: 'Bearer s' } }),
    );
    const reached = (await trapLog()).slice(before);
    if (inBrowser) {
      expect(result).toMatchObject({ code: 'redirect_refused' });
      expect(reached).toEqual([]);
    } else {
      expect(result).toBe('elsewhere');
      expect(reached).toEqual([{ path: '/landing', auth: [] }]);
    }
  });
});
