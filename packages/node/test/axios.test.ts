/**
 * withApiSig (@apisig/node/axios) on axios 1.21 with its Node http adapter and its fetch
 * adapter, against real servers on 127.0.0.1: every mode verified; a server clock 120 s
 * ahead (one 401, the offset learned, one retry with the body, then right the first time);
 * a stream body never sent twice; a request for another origin refused before anything is
 * sent, even when an interceptor moves it there; redirects to another origin bare, within
 * the API signed again. Each attack with its control.
 */
import { Readable } from 'node:stream';
import axios, { type AxiosInstance, type AxiosResponse } from 'axios';
import { describe, expect, it } from 'vitest';
import { withApiSig } from '../src/axios.js';
import { createSigner, HEADERS, type SignerOptions } from '../src/index.js';
import { ALL_FOUR, type Echo, MODES, serversPerTest } from './client-cases.js';
import { CREDENTIAL_HEADERS } from './servers.js';

const { api, elsewhere } = serversPerTest();

const rejection = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error as { code?: string; response?: AxiosResponse },
  );

describe.each(['http', 'fetch'] as const)('axios, %s adapter', (adapter) => {
  const signedAxios = (options: SignerOptions, baseUrl: string) => {
    const signer = createSigner(options);
    const instance = axios.create({ baseURL: baseUrl, adapter });
    const eject = withApiSig(instance, signer, { baseUrl });
    return { instance, signer, eject };
  };
  const streamOf = (text: string) =>
    adapter === 'http'
      ? Readable.from([text])
      : new ReadableStream({
          start(controller) {
            controller.enqueue(new TextEncoder().encode(text));
            controller.close();
          },
        });

  for (const [mode, options, identity] of MODES) {
    it(`verifies ${mode}`, async () => {
      const server = await api();
      const { instance, signer } = signedAxios(options, server.url);
      const { status, data } = await instance.get<Echo>('/v1/me');
      expect(status).toBe(200);
      expect(data.apisig).toStrictEqual(identity);
      const sent = Object.values(HEADERS).filter((name) => data.headers[name] !== undefined);
      expect(sent).toStrictEqual(Object.keys(signer.headers()));
      expect(server.requests).toBe(1);
    });
  }

  it('keeps the caller’s headers, and ours win for our four names', async () => {
    const server = await api();
    const { instance } = signedAxios(ALL_FOUR, server.url);
    const { data } = await instance.post<Echo>('/v1/orders', 'hello', {
      headers: { 'x-trace': 'trace-1', 'X-Api-Key': 'ak_spoof', 'content-type': 'text/plain' },
    });
    expect(data.headers['x-trace']).toBe('trace-1');
    expect(data.headers['x-api-key']).toBe(ALL_FOUR.apiKey);
    expect(data.body).toBe('hello');
  });

  it('eject(): requests go out unsigned again (the server refuses them)', async () => {
    const server = await api();
    const { instance, eject } = signedAxios(ALL_FOUR, server.url);
    expect((await instance.get('/v1/me')).status).toBe(200);
    eject();
    const error = await rejection(instance.get('/v1/me'));
    expect(error?.response?.status).toBe(401);
    expect(error?.response?.data).toStrictEqual({ error: 'missing_api_key', header: 'x-api-key' });
  });

  describe('a server whose clock runs 120 s ahead', () => {
    it('one 401, the offset learned, one retry with the body, then right the first time', async () => {
      const server = await api(120);
      const { instance, signer } = signedAxios(ALL_FOUR, server.url);
      const seen = { requests: 0, responses: 0 };
      instance.interceptors.request.use((config) => {
        seen.requests++;
        return config;
      });
      instance.interceptors.response.use((response) => {
        seen.responses++;
        return response;
      });
      const first = await instance.post<Echo>('/v1/orders', { order: 1 });
      expect(first.status).toBe(200);
      expect(first.data.body).toBe('{"order":1}');
      expect(server.statuses).toStrictEqual([401, 200]);
      // The retry happens under the interceptors: they saw one request and one response.
      expect(seen).toStrictEqual({ requests: 1, responses: 1 });
      expect(signer.clockOffset).toBeGreaterThan(115);
      expect(signer.clockOffset).toBeLessThan(125);

      const second = await instance.post<Echo>('/v1/orders', { order: 2 });
      expect(second.data.body).toBe('{"order":2}');
      expect(server.statuses).toStrictEqual([401, 200, 200]);
    });

    it('a FormData body is sent again whole, with a boundary that matches', async () => {
      const server = await api(120);
      const { instance } = signedAxios(ALL_FOUR, server.url);
      const form = new FormData();
      form.append('field', 'value-1');
      const { data } = await instance.postForm<Echo>('/v1/forms', form);
      expect(server.statuses).toStrictEqual([401, 200]);
      const boundary = /boundary=(.+)$/.exec(data.headers['content-type'] ?? '')?.[1];
      expect(data.body).toContain(`--${boundary}`);
      expect(data.body).toContain('value-1');
    });

    it('a stream body is not sent twice: the 401 is the answer; the next request passes', async () => {
      const server = await api(120);
      const { instance } = signedAxios(ALL_FOUR, server.url);
      const error = await rejection(
        instance.post('/v1/upload', streamOf('streamed'), {
          headers: { 'content-type': 'text/plain' },
        }),
      );
      expect(error?.response?.status).toBe(401);
      expect(error?.response?.data).toStrictEqual({ error: 'expired', header: 'x-signature' });
      expect(server.requests).toBe(1);

      const next = await instance.post<Echo>('/v1/upload', 'again');
      expect(next.data.body).toBe('again');
      expect(server.statuses).toStrictEqual([401, 200]);
    });
  });

  describe('where our headers go', () => {
    it('a request for another origin is refused before anything is sent', async () => {
      const server = await api();
      const other = await elsewhere();
      const { instance } = signedAxios(ALL_FOUR, server.url);
      const error = await rejection(instance.get(`${other.url}/steal`));
      expect(error).toMatchObject({ name: 'ApiSigError', code: 'origin_refused' });
      expect(other.arrivals).toStrictEqual([]);
      expect((await instance.get('/v1/me')).status).toBe(200); // the control
    });

    it('an interceptor that runs after ours and moves the request elsewhere: refused', async () => {
      const server = await api();
      const other = await elsewhere();
      const instance = axios.create({ baseURL: server.url, adapter });
      let move = true;
      // Registered first, so axios runs it last, after withApiSig's interceptor.
      instance.interceptors.request.use((config) => {
        if (move) config.baseURL = other.url;
        return config;
      });
      withApiSig(instance, createSigner(ALL_FOUR), { baseUrl: server.url });
      const error = await rejection(instance.get('/v1/me'));
      expect(error).toMatchObject({ code: 'origin_refused' });
      expect(other.arrivals).toStrictEqual([]);
      move = false;
      expect((await instance.get('/v1/me')).status).toBe(200);
    });

    it('a redirect to another origin reaches it without our headers, its Date moves nothing', async () => {
      const server = await api();
      const other = await elsewhere();
      const { instance, signer } = signedAxios(ALL_FOUR, server.url);
      const to = encodeURIComponent(`${other.url}/file`);
      const { data } = await instance.get(`/redirect?status=302&to=${to}`, {
        headers: { authorization: 'Bearer session' },
      });
      expect(data).toBe('elsewhere');
      expect(other.arrivals).toHaveLength(1);
      for (const name of CREDENTIAL_HEADERS) {
        expect(other.arrivals[0]?.headers[name]).toBeUndefined();
      }
      expect(signer.clockOffset).toBe(0);
    });

    it('a 307 to another origin keeps the body, not our headers', async () => {
      const server = await api();
      const other = await elsewhere();
      const { instance } = signedAxios(ALL_FOUR, server.url);
      const to = encodeURIComponent(`${other.url}/upload`);
      await instance.post(`/redirect?status=307&to=${to}`, 'payload', {
        headers: { 'content-type': 'text/plain' },
      });
      expect(other.arrivals.map(({ method, body }) => [method, body])).toStrictEqual([
        ['POST', 'payload'],
      ]);
      for (const name of CREDENTIAL_HEADERS) {
        expect(other.arrivals[0]?.headers[name]).toBeUndefined();
      }
    });

    it('the control: a redirect within the API is followed, signed again, and verifies', async () => {
      const server = await api();
      const { instance } = signedAxios(ALL_FOUR, server.url);
      const { data } = await instance.post<Echo>(
        `/redirect?status=308&to=${encodeURIComponent('/v1/new')}`,
        'kept',
        { headers: { 'content-type': 'text/plain' } },
      );
      expect(data.apisig).toMatchObject({ mode: 'signed-organization' });
      expect(data.body).toBe('kept');
      expect(server.statuses).toStrictEqual([308, 200]);
    });

    it('maxRedirects: 0 from the caller hands back the 3xx, unfollowed', async () => {
      const server = await api();
      const { instance } = signedAxios(ALL_FOUR, server.url);
      const response = await instance.get('/redirect?status=302&to=%2Fv1%2Fme', {
        maxRedirects: 0,
        validateStatus: () => true,
      });
      expect(response.status).toBe(302);
      expect(server.statuses).toStrictEqual([302]);
    });
  });
});

describe('axios adapters withApiSig will not use', () => {
  it("'xhr' alone is refused (it follows redirects out of sight), nothing is sent", async () => {
    const server = await api();
    const instance = axios.create({ baseURL: server.url, adapter: 'xhr' });
    withApiSig(instance, createSigner(ALL_FOUR), { baseUrl: server.url });
    const error = await rejection(instance.get('/v1/me'));
    expect(error).toMatchObject({ code: 'invalid_option', field: 'adapter' });
    expect(server.requests).toBe(0);
  });

  it('the default list skips xhr and signs through the next one', async () => {
    const server = await api();
    const instance: AxiosInstance = axios.create({
      baseURL: server.url,
      adapter: ['xhr', 'fetch'],
    });
    withApiSig(instance, createSigner(ALL_FOUR), { baseUrl: server.url });
    expect((await instance.get('/v1/me')).status).toBe(200);
  });

  it('options are checked: an unknown option or a relative baseUrl is invalid_option', () => {
    const instance = axios.create();
    const signer = createSigner(ALL_FOUR);
    expect(() => withApiSig(instance, signer, { baseUrl: '/v1' })).toThrow(
      expect.objectContaining({ code: 'invalid_option', field: 'baseUrl' }),
    );
    const extra = { baseUrl: 'https://api.example.com', origin: 'x' } as never;
    expect(() => withApiSig(instance, signer, extra)).toThrow(
      expect.objectContaining({ code: 'invalid_option' }),
    );
  });
});
