/**
 * ky 1.14 needs no integration: `ky.create({ prefixUrl, fetch: createSignedFetch(signer,
 * { baseUrl }) })`, against real servers on 127.0.0.1. Every mode verified; a server clock
 * 120 s ahead (one 401, the offset learned, one retry with the body, then right the first
 * time); ky hands fetch a Request, so even a stream body is sent again (core keeps its
 * clone), but a 307 with a body is not followed; a request for another origin refused before
 * anything is sent (and ky's retry of that refusal); redirects to another origin bare, within
 * the API signed again; and what ky's own retry does with a 401.
 */
import { type LoopbackServer, listenOnLoopback } from '@apisig/test-support';
import ky, { type Options } from 'ky';
import { describe, expect, it } from 'vitest';
import {
  createSignedFetch,
  createSigner,
  HEADERS,
  isApiSigError,
  type SignerOptions,
} from '../src/index.js';
import { ALL_FOUR, type Echo, MODES, serversPerTest } from './client-cases.js';
import { CREDENTIAL_HEADERS } from './servers.js';

const { api, elsewhere, closeAfter } = serversPerTest();

function signedKy(options: SignerOptions, baseUrl: string, extra: Options = {}) {
  const signer = createSigner(options);
  const fetch = createSignedFetch(signer, { baseUrl });
  return { instance: ky.create({ prefixUrl: baseUrl, fetch, ...extra }), signer };
}

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error as { code?: string; response?: Response },
  );

describe('ky with createSignedFetch', () => {
  for (const [mode, options, identity] of MODES) {
    it(`verifies ${mode}`, async () => {
      const server = await api();
      const { instance, signer } = signedKy(options, server.url);
      const echo = await instance.get('v1/me').json<Echo>();
      expect(echo.apisig).toStrictEqual(identity);
      const sent = Object.values(HEADERS).filter((name) => echo.headers[name] !== undefined);
      expect(sent).toStrictEqual(Object.keys(signer.headers()));
      expect(server.requests).toBe(1);
    });
  }

  it('keeps headers set in ky’s beforeRequest hook, and ours win for our four names', async () => {
    const server = await api();
    const { instance } = signedKy(ALL_FOUR, server.url, {
      hooks: {
        beforeRequest: [
          (request) => {
            request.headers.set('x-trace', 'from-hook');
            request.headers.set('x-api-key', 'ak_spoof');
          },
        ],
      },
    });
    const echo = await instance.get('v1/me').json<Echo>();
    expect(echo.headers['x-trace']).toBe('from-hook');
    expect(echo.headers['x-api-key']).toBe(ALL_FOUR.apiKey);
  });
});

describe('a server whose clock runs 120 s ahead', () => {
  it('one 401, the offset learned, one retry with the body, then right the first time', async () => {
    const server = await api(120);
    const { instance, signer } = signedKy(ALL_FOUR, server.url);
    const first = await instance.post('v1/orders', { json: { order: 1 } }).json<Echo>();
    expect(first.body).toBe('{"order":1}');
    expect(server.statuses).toStrictEqual([401, 200]);
    expect(signer.clockOffset).toBeGreaterThan(115);
    expect(signer.clockOffset).toBeLessThan(125);

    const second = await instance.post('v1/orders', { json: { order: 2 } }).json<Echo>();
    expect(second.body).toBe('{"order":2}');
    expect(server.statuses).toStrictEqual([401, 200, 200]);
  });

  it('a stream body: ky hands fetch a Request, whose clone core keeps, so it is sent again whole', async () => {
    const server = await api(120);
    const { instance } = signedKy(ALL_FOUR, server.url);
    const body = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('streamed'));
        controller.close();
      },
    });
    const echo = await instance.post('v1/upload', { body }).json<Echo>();
    expect(echo.body).toBe('streamed');
    expect(server.statuses).toStrictEqual([401, 200]);
  });
});

describe('ky’s own retry and a 401', () => {
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

  it('by default ky does not retry a 401: one skew retry inside fetch, then HTTPError', async () => {
    const server = await driftingApi();
    const { instance } = signedKy(ALL_FOUR, server.url);
    const error = await failure(instance.get('v1/me').json());
    expect(error?.response?.status).toBe(401);
    expect(server.served()).toBe(2);
  });

  it('with 401 in retry.statusCodes, each ky attempt gets its own skew retry', async () => {
    const server = await driftingApi();
    const { instance } = signedKy(ALL_FOUR, server.url, {
      retry: { limit: 1, statusCodes: [401], backoffLimit: 1 },
    });
    const error = await failure(instance.get('v1/me').json());
    expect(error?.response?.status).toBe(401);
    expect(server.served()).toBe(4);
  });
});

describe('where our headers go', () => {
  it('a request for another origin is refused before anything is sent', async () => {
    const server = await api();
    const other = await elsewhere();
    let sends = 0;
    const signed = createSignedFetch(createSigner(ALL_FOUR), { baseUrl: server.url });
    // No prefixUrl: ky passes an absolute URL through as it is.
    const anywhere = ky.create({
      fetch: (input, init) => {
        sends++;
        return signed(input, init);
      },
      // ky retries any error that is not an HTTP one, this refusal too: say no.
      retry: { shouldRetry: ({ error }) => (isApiSigError(error) ? false : undefined) },
    });
    expect(await failure(anywhere.get(`${other.url}/steal`))).toMatchObject({
      code: 'origin_refused',
    });
    expect(sends).toBe(1);
    expect(other.arrivals).toStrictEqual([]);
    expect((await anywhere.get(`${server.url}/v1/me`)).status).toBe(200);
  });

  it('without shouldRetry ky tries the refused request again (nothing is sent either time)', async () => {
    const server = await api();
    const other = await elsewhere();
    let sends = 0;
    const signed = createSignedFetch(createSigner(ALL_FOUR), { baseUrl: server.url });
    const anywhere = ky.create({
      fetch: (input, init) => {
        sends++;
        return signed(input, init);
      },
      retry: { limit: 2, backoffLimit: 1 },
    });
    expect(await failure(anywhere.get(`${other.url}/steal`))).toMatchObject({
      code: 'origin_refused',
    });
    expect(sends).toBe(3);
    expect(other.arrivals).toStrictEqual([]);
  });

  it('a redirect to another origin reaches it without our headers, its Date moves nothing', async () => {
    const server = await api();
    const other = await elsewhere();
    const { instance, signer } = signedKy(ALL_FOUR, server.url);
    const to = encodeURIComponent(`${other.url}/file`);
    const text = await instance
      .get(`redirect?status=302&to=${to}`, { headers: { authorization: 'Bearer session' } })
      .text();
    expect(text).toBe('elsewhere');
    expect(other.arrivals).toHaveLength(1);
    for (const name of CREDENTIAL_HEADERS) {
      expect(other.arrivals[0]?.headers[name]).toBeUndefined();
    }
    expect(signer.clockOffset).toBe(0);
  });

  it('the control: a redirect within the API is followed, signed again, and verifies', async () => {
    const server = await api();
    const { instance } = signedKy(ALL_FOUR, server.url);
    const echo = await instance.get('redirect?status=302&to=%2Fv1%2Fnew').json<Echo>();
    expect(echo.apisig).toMatchObject({ mode: 'signed-organization' });
    expect(server.statuses).toStrictEqual([302, 200]);
  });

  it('a 307 with a body is not followed: the signed fetch resends no Request body on a redirect', async () => {
    const server = await api();
    const { instance } = signedKy(ALL_FOUR, server.url);
    const error = await failure(instance.post('redirect?status=307&to=%2Fv1%2Fnew', { body: 'b' }));
    expect(error?.response?.status).toBe(307);
    expect(server.statuses).toStrictEqual([307]);
  });
});
