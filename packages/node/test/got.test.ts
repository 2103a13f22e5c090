/**
 * apiSigHooks (@apisig/node/got) on got 14, against real servers on 127.0.0.1: every mode
 * verified; a server clock 120 s ahead (one 401, the offset learned, one retry with the body,
 * then right the first time); a stream body never sent twice; got's own retries never add a
 * second skew retry; a request for another origin refused before a connection is made;
 * redirects to another origin bare, within the API signed again. Each attack with its
 * control.
 */
import { Readable } from 'node:stream';
import { type LoopbackServer, listenOnLoopback } from '@apisig/test-support';
import got, { type ExtendOptions, type Got } from 'got';
import { describe, expect, it } from 'vitest';
import { apiSigHooks } from '../src/got.js';
import { createSigner, HEADERS, type SignerOptions } from '../src/index.js';
import { ALL_FOUR, type Echo, MODES, serversPerTest } from './client-cases.js';
import { CREDENTIAL_HEADERS, type OtherOrigin } from './servers.js';

const { api, elsewhere, closeAfter } = serversPerTest();

function signedGot(options: SignerOptions, baseUrl: string, extra: ExtendOptions = {}) {
  const signer = createSigner(options);
  const instance: Got = got.extend({ prefixUrl: baseUrl }, extra, apiSigHooks(signer, { baseUrl }));
  return { instance, signer };
}

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) =>
      error as { code?: string; cause?: unknown; response?: { statusCode: number; body: string } },
  );

describe('got with apiSigHooks', () => {
  for (const [mode, options, identity] of MODES) {
    it(`verifies ${mode}`, async () => {
      const server = await api();
      const { instance, signer } = signedGot(options, server.url);
      const echo = await instance.get('v1/me').json<Echo>();
      expect(echo.apisig).toStrictEqual(identity);
      const sent = Object.values(HEADERS).filter((name) => echo.headers[name] !== undefined);
      expect(sent).toStrictEqual(Object.keys(signer.headers()));
      expect(server.requests).toBe(1);
    });
  }

  it('keeps the caller’s headers, and ours win for our four names', async () => {
    const server = await api();
    const { instance } = signedGot(ALL_FOUR, server.url);
    const echo = await instance
      .post('v1/orders', { body: 'hello', headers: { 'x-trace': 't-1', 'X-Api-Key': 'ak_spoof' } })
      .json<Echo>();
    expect(echo.headers['x-trace']).toBe('t-1');
    expect(echo.headers['x-api-key']).toBe(ALL_FOUR.apiKey);
    expect(echo.body).toBe('hello');
  });
});

describe('a server whose clock runs 120 s ahead', () => {
  it('one 401, the offset learned, one retry with the body, then right the first time', async () => {
    const server = await api(120);
    const { instance, signer } = signedGot(ALL_FOUR, server.url);
    const first = await instance.post('v1/orders', { json: { order: 1 } }).json<Echo>();
    expect(first.body).toBe('{"order":1}');
    expect(server.statuses).toStrictEqual([401, 200]);
    expect(signer.clockOffset).toBeGreaterThan(115);
    expect(signer.clockOffset).toBeLessThan(125);

    const second = await instance.post('v1/orders', { json: { order: 2 } }).json<Echo>();
    expect(second.body).toBe('{"order":2}');
    expect(server.statuses).toStrictEqual([401, 200, 200]);
  });

  it('a stream body is not sent twice: the 401 is the answer; the next request passes', async () => {
    const server = await api(120);
    const { instance } = signedGot(ALL_FOUR, server.url);
    const error = await failure(
      instance.post('v1/upload', { body: Readable.from(['streamed']) }).text(),
    );
    expect(error?.response?.statusCode).toBe(401);
    expect(JSON.parse(error?.response?.body ?? '')).toStrictEqual({
      error: 'expired',
      header: 'x-signature',
    });
    expect(server.requests).toBe(1);
    expect((await instance.post('v1/upload', { body: 'again' }).json<Echo>()).body).toBe('again');
    expect(server.statuses).toStrictEqual([401, 200]);
  });
});

describe('a FormData body, which got turns into a stream before any hook sees it', () => {
  it('is not sent twice: the 401 is the answer', async () => {
    const server = await api(120);
    const { instance } = signedGot(ALL_FOUR, server.url);
    const form = new FormData();
    form.append('field', 'value');
    const error = await failure(instance.post('v1/forms', { body: form }).text());
    expect(error?.response?.statusCode).toBe(401);
    expect(server.requests).toBe(1);
  });
});

describe('got’s own retries', () => {
  /** Refuses everything as expired, its Date another 120 s ahead each time: the clock always moves. */
  async function driftingApi() {
    let served = 0;
    const server: LoopbackServer = await listenOnLoopback((_request, response) => {
      served++;
      response.writeHead(401, {
        'content-type': 'application/json',
        date: new Date(Date.now() + served * 120_000).toUTCString(),
      });
      response.end('{"error":"expired","header":"x-signature"}');
    });
    closeAfter(server.close);
    return { url: server.url, served: () => served };
  }

  it('the control: without them, one skew retry, then the 401', async () => {
    const server = await driftingApi();
    const { instance } = signedGot(ALL_FOUR, server.url, { retry: { limit: 0 } });
    const error = await failure(instance.post('v1/orders', { body: 'x' }).text());
    expect(error?.response?.statusCode).toBe(401);
    expect(server.served()).toBe(2);
  });

  it('with retry on 401 (limit 2): still one skew retry in all, counted among got’s', async () => {
    const server = await driftingApi();
    const { instance } = signedGot(ALL_FOUR, server.url, {
      retry: { limit: 2, statusCodes: [401], methods: ['POST'], backoffLimit: 1 },
    });
    const error = await failure(instance.post('v1/orders', { body: 'x' }).text());
    expect(error?.response?.statusCode).toBe(401);
    expect(server.served()).toBe(3);
  });
});

describe('where our headers go', () => {
  it('a request for another origin is refused before a connection is made', async () => {
    const server = await api();
    const other = await elsewhere();
    const { instance } = signedGot(ALL_FOUR, server.url);
    const error = await failure(instance.get(`${other.url}/steal`).text());
    expect(error).toMatchObject({ code: 'origin_refused', cause: { name: 'ApiSigError' } });
    expect(other.arrivals).toStrictEqual([]);
    expect((await instance.get('v1/me')).statusCode).toBe(200);
  });

  const away = (other: OtherOrigin, status: number) =>
    `redirect?status=${status}&to=${encodeURIComponent(`${other.url}/file`)}`;

  it('a redirect to another origin reaches it without our headers, its Date moves nothing', async () => {
    const server = await api();
    const other = await elsewhere();
    const { instance, signer } = signedGot(ALL_FOUR, server.url);
    const text = await instance
      .get(away(other, 302), { headers: { authorization: 'Bearer session' } })
      .text();
    expect(text).toBe('elsewhere');
    expect(other.arrivals).toHaveLength(1);
    for (const name of CREDENTIAL_HEADERS) {
      expect(other.arrivals[0]?.headers[name]).toBeUndefined();
    }
    expect(signer.clockOffset).toBe(0);
  });

  it('a 307 to another origin keeps the body, not our headers', async () => {
    const server = await api();
    const other = await elsewhere();
    const { instance } = signedGot(ALL_FOUR, server.url);
    await instance.post(away(other, 307), { body: 'payload' }).text();
    expect(other.arrivals.map(({ method, body }) => [method, body])).toStrictEqual([
      ['POST', 'payload'],
    ]);
    for (const name of CREDENTIAL_HEADERS) {
      expect(other.arrivals[0]?.headers[name]).toBeUndefined();
    }
  });

  it('the control: a redirect within the API is followed, signed again, and verifies', async () => {
    const server = await api();
    const { instance } = signedGot(ALL_FOUR, server.url);
    const echo = await instance
      .post('redirect?status=308&to=%2Fv1%2Fnew', { body: 'kept' })
      .json<Echo>();
    expect(echo.apisig).toMatchObject({ mode: 'signed-organization' });
    expect(echo.body).toBe('kept');
    expect(server.statuses).toStrictEqual([308, 200]);
  });
});

describe('options', () => {
  it('an unknown option or a relative baseUrl is invalid_option', () => {
    const signer = createSigner(ALL_FOUR);
    for (const options of [{ baseUrl: '/v1' }, { baseUrl: 'https://a.example', origin: 'x' }]) {
      expect(() => apiSigHooks(signer, options as never)).toThrow(
        expect.objectContaining({ code: 'invalid_option' }),
      );
    }
  });
});
