/**
 * apiSig (@apisig/node/undici) on undici 7 dispatchers, against real servers on 127.0.0.1:
 * undici.request, undici.fetch and Node's own fetch, per request and as the global
 * dispatcher; every mode verified; a server clock 120 s ahead (one 401, the offset learned,
 * one retry with the body, then right the first time); one-shot bodies (fetch's, streams)
 * retried only when read ahead; a dispatch to another origin refused before a connection is
 * made; redirects to another origin bare whichever way they are followed, within the API
 * signed again; the redirect interceptor composed in the wrong order turned off. Each attack
 * with its control.
 */
import { Readable } from 'node:stream';
import { ReadableStream } from 'node:stream/web';
import {
  Agent,
  type Dispatcher,
  getGlobalDispatcher,
  interceptors,
  setGlobalDispatcher,
  FormData as UndiciFormData,
  Headers as UndiciHeaders,
  fetch as undiciFetch,
  request as undiciRequest,
} from 'undici';
import { describe, expect, it } from 'vitest';
import { createSigner, HEADERS, type SignerOptions } from '../src/index.js';
import { apiSig, type UndiciSigningOptions } from '../src/undici.js';
import { ALL_FOUR, type Echo, MODES, serversPerTest } from './client-cases.js';
import { type ApiServer, CREDENTIAL_HEADERS, type OtherOrigin } from './servers.js';

const { api, elsewhere, closeAfter } = serversPerTest();

/** An Agent that signs for `baseUrl`, with undici's redirect interceptor outside ours. */
function signingAgent(
  options: SignerOptions,
  baseUrl: string,
  extra: Omit<UndiciSigningOptions, 'baseUrl'> = {},
) {
  const signer = createSigner(options);
  const agent = new Agent();
  closeAfter(() => agent.close());
  const dispatcher = agent.compose(
    apiSig(signer, { baseUrl, ...extra }),
    interceptors.redirect({ maxRedirections: 5 }),
  );
  return { signer, dispatcher };
}

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error as { code?: string; cause?: { code?: string } },
  );

async function requestJson(url: string, dispatcher: Dispatcher, init: object = {}) {
  const response = await undiciRequest(url, { dispatcher, ...init });
  return { status: response.statusCode, body: (await response.body.json()) as Echo };
}

describe('undici.request and undici.fetch through a signing Agent', () => {
  for (const [mode, options, identity] of MODES) {
    it(`verifies ${mode}, with both`, async () => {
      const server = await api();
      const { signer, dispatcher } = signingAgent(options, server.url);
      const viaRequest = await requestJson(`${server.url}/v1/me`, dispatcher);
      const viaFetch = await undiciFetch(`${server.url}/v1/me`, { dispatcher });
      const fetched = (await viaFetch.json()) as Echo;
      for (const echo of [viaRequest.body, fetched]) {
        expect(echo.apisig).toStrictEqual(identity);
        const sent = Object.values(HEADERS).filter((name) => echo.headers[name] !== undefined);
        expect(sent).toStrictEqual(Object.keys(signer.headers()));
      }
      expect(server.statuses).toStrictEqual([200, 200]);
    });
  }

  it('keeps the caller’s headers in any shape, and ours win for our four names', async () => {
    const server = await api();
    const { dispatcher } = signingAgent(ALL_FOUR, server.url);
    const flat = await requestJson(`${server.url}/v1/me`, dispatcher, {
      headers: ['X-Api-Key', 'ak_spoof', 'x-trace', 'flat'],
    });
    const fetched = await undiciFetch(`${server.url}/v1/me`, {
      dispatcher,
      headers: new UndiciHeaders({ 'x-api-key': 'ak_spoof', 'x-trace': 'headers' }),
    });
    const echoes = [flat.body, (await fetched.json()) as Echo];
    expect(echoes.map((echo) => echo.headers['x-trace'])).toStrictEqual(['flat', 'headers']);
    for (const echo of echoes) expect(echo.headers['x-api-key']).toBe(ALL_FOUR.apiKey);
  });

  it("Node's own fetch signs through it too, given as its dispatcher", async () => {
    const server = await api();
    const { dispatcher } = signingAgent(ALL_FOUR, server.url);
    // Node's fetch is undici 6 inside; its types do not name undici 7's Agent.
    const init = { dispatcher } as RequestInit;
    const echo = (await (await fetch(`${server.url}/v1/me`, init)).json()) as Echo;
    expect(echo.apisig).toMatchObject({ mode: 'signed-organization' });
  });
});

describe('as the global dispatcher', () => {
  it('undici.request, undici.fetch and Node’s fetch are signed; another origin is refused', async () => {
    const server = await api();
    const other = await elsewhere();
    const { dispatcher } = signingAgent(ALL_FOUR, server.url);
    const previous = getGlobalDispatcher();
    setGlobalDispatcher(dispatcher);
    try {
      const viaRequest = await undiciRequest(`${server.url}/v1/me`);
      await viaRequest.body.dump();
      const viaUndiciFetch = await undiciFetch(`${server.url}/v1/me`);
      const viaNodeFetch = await fetch(`${server.url}/v1/me`);
      expect([viaRequest.statusCode, viaUndiciFetch.status, viaNodeFetch.status]).toStrictEqual([
        200, 200, 200,
      ]);
      expect(await failure(undiciRequest(`${other.url}/elsewhere`))).toMatchObject({
        code: 'origin_refused',
      });
      expect(await failure(fetch(`${other.url}/elsewhere`))).toMatchObject({
        cause: { code: 'origin_refused' },
      });
      expect(other.arrivals).toStrictEqual([]);
    } finally {
      setGlobalDispatcher(previous);
    }
  });
});

describe('a server whose clock runs 120 s ahead', () => {
  it('undici.request: one 401, the offset learned, one retry with the body, then none', async () => {
    const server = await api(120);
    const { signer, dispatcher } = signingAgent(ALL_FOUR, server.url);
    const post = (body: string) =>
      requestJson(`${server.url}/v1/orders`, dispatcher, { method: 'POST', body });
    const first = await post('order-1');
    expect(first).toMatchObject({ status: 200, body: { body: 'order-1' } });
    expect(server.statuses).toStrictEqual([401, 200]);
    expect(signer.clockOffset).toBeGreaterThan(115);
    expect(signer.clockOffset).toBeLessThan(125);
    expect((await post('order-2')).body.body).toBe('order-2');
    expect(server.statuses).toStrictEqual([401, 200, 200]);
  });

  it('undici.fetch: its one-shot body is read ahead (known, small length) and retried', async () => {
    const server = await api(120);
    const { signer, dispatcher } = signingAgent(ALL_FOUR, server.url);
    const post = (body: string) =>
      undiciFetch(`${server.url}/v1/orders`, { dispatcher, method: 'POST', body });
    const first = await post('order-1');
    expect(((await first.json()) as Echo).body).toBe('order-1');
    expect(server.statuses).toStrictEqual([401, 200]);
    expect(signer.clockOffset).toBeGreaterThan(115);
    expect(await (await post('order-2')).json()).toMatchObject({ body: 'order-2' });
    expect(server.statuses).toStrictEqual([401, 200, 200]);
  });

  it('bufferUpTo: 0: a fetch body is never read ahead, so the 401 is the answer', async () => {
    const server = await api(120);
    const { dispatcher } = signingAgent(ALL_FOUR, server.url, { bufferUpTo: 0 });
    const response = await undiciFetch(`${server.url}/v1/orders`, {
      dispatcher,
      method: 'POST',
      body: 'order-1',
    });
    expect(response.status).toBe(401);
    expect(await response.json()).toStrictEqual({ error: 'expired', header: 'x-signature' });
    expect(server.requests).toBe(1);
  });

  it('fetch: a stream of unknown length is not sent twice; the next request passes', async () => {
    const server = await api(120);
    const { dispatcher } = signingAgent(ALL_FOUR, server.url);
    const stream = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('streamed'));
        controller.close();
      },
    });
    const fetched = await undiciFetch(`${server.url}/v1/upload`, {
      dispatcher,
      method: 'POST',
      body: stream,
      duplex: 'half',
    });
    expect(fetched.status).toBe(401);
    expect(await fetched.json()).toStrictEqual({ error: 'expired', header: 'x-signature' });
    const next = await undiciFetch(`${server.url}/v1/upload`, {
      dispatcher,
      method: 'POST',
      body: 'again',
    });
    expect(await next.json()).toMatchObject({ body: 'again' });
    expect(server.statuses).toStrictEqual([401, 200]);
  });

  it('undici.request: a Node stream of unknown length is not sent twice', async () => {
    const server = await api(120);
    const { dispatcher } = signingAgent(ALL_FOUR, server.url);
    const requested = await undiciRequest(`${server.url}/v1/upload`, {
      dispatcher,
      method: 'POST',
      body: Readable.from(['streamed']),
    });
    expect(requested.statusCode).toBe(401);
    expect(await requested.body.json()).toStrictEqual({ error: 'expired', header: 'x-signature' });
    expect(server.statuses).toStrictEqual([401]);
  });
});

describe('undici’s FormData with undici.request', () => {
  it('is replayed like our own realm’s: after the clock correction, the same form again', async () => {
    const server = await api(120);
    const { dispatcher } = signingAgent(ALL_FOUR, server.url);
    const form = new UndiciFormData();
    form.append('field', 'value');
    const response = await undiciRequest(`${server.url}/v1/forms`, {
      dispatcher,
      method: 'POST',
      body: form,
    });
    expect(response.statusCode).toBe(200);
    const { body } = (await response.body.json()) as { body: string };
    expect(body).toContain('name="field"');
    expect(body).toContain('value');
    expect(server.statuses).toStrictEqual([401, 200]);
  });
});

describe('where our headers go', () => {
  it('a dispatch to another origin is refused before a connection is made', async () => {
    const server = await api();
    const other = await elsewhere();
    const { dispatcher } = signingAgent(ALL_FOUR, server.url);
    expect(await failure(undiciRequest(`${other.url}/steal`, { dispatcher }))).toMatchObject({
      code: 'origin_refused',
    });
    expect(await failure(undiciFetch(`${other.url}/steal`, { dispatcher }))).toMatchObject({
      cause: { code: 'origin_refused' },
    });
    expect(other.arrivals).toStrictEqual([]);
    expect((await requestJson(`${server.url}/v1/me`, dispatcher)).status).toBe(200);
  });

  const away = (server: ApiServer, other: OtherOrigin, status = 302) =>
    `${server.url}/redirect?status=${status}&to=${encodeURIComponent(`${other.url}/file`)}`;

  it('a redirect to another origin, followed by the redirect interceptor: bare there', async () => {
    const server = await api();
    const other = await elsewhere();
    const { signer, dispatcher } = signingAgent(ALL_FOUR, server.url);
    const response = await undiciRequest(away(server, other), {
      dispatcher,
      headers: { authorization: 'Bearer session', cookie: 'sid=1' },
    });
    expect(await response.body.text()).toBe('elsewhere');
    expect(other.arrivals).toHaveLength(1);
    for (const name of CREDENTIAL_HEADERS) {
      expect(other.arrivals[0]?.headers[name]).toBeUndefined();
    }
    expect(signer.clockOffset).toBe(0); // the other origin's Date (1970) moved nothing
  });

  it('a redirect to another origin, followed by fetch: bare there, a 307 with its body', async () => {
    const server = await api();
    const other = await elsewhere();
    const { dispatcher } = signingAgent(ALL_FOUR, server.url);
    const fetched = await undiciFetch(away(server, other, 307), {
      dispatcher,
      method: 'POST',
      body: 'payload',
      headers: { authorization: 'Bearer session' },
    });
    expect(await fetched.text()).toBe('elsewhere');
    expect(other.arrivals.map(({ method, body }) => [method, body])).toStrictEqual([
      ['POST', 'payload'],
    ]);
    for (const name of CREDENTIAL_HEADERS) {
      expect(other.arrivals[0]?.headers[name]).toBeUndefined();
    }
    // The hop was let through once: the same URL asked for directly is refused.
    expect(await failure(undiciFetch(`${other.url}/file`, { dispatcher }))).toMatchObject({
      cause: { code: 'origin_refused' },
    });
  });

  it('the redirect interceptor composed inside ours is turned off: the 302 comes back', async () => {
    const server = await api();
    const other = await elsewhere();
    const agent = new Agent();
    closeAfter(() => agent.close());
    const wrongOrder = agent.compose(
      interceptors.redirect({ maxRedirections: 5 }),
      apiSig(createSigner(ALL_FOUR), { baseUrl: server.url }),
    );
    const response = await undiciRequest(away(server, other), { dispatcher: wrongOrder });
    expect(response.statusCode).toBe(302);
    await response.body.dump();
    expect(other.arrivals).toStrictEqual([]);
  });

  it('the control: a redirect within the API is followed, signed again, and verifies', async () => {
    const server = await api();
    const { dispatcher } = signingAgent(ALL_FOUR, server.url);
    const within = `${server.url}/redirect?status=307&to=%2Fv1%2Fnew`;
    const viaRequest = await requestJson(within, dispatcher, { method: 'POST', body: 'kept' });
    const viaFetch = await undiciFetch(within, { dispatcher, method: 'POST', body: 'kept' });
    for (const echo of [viaRequest.body, (await viaFetch.json()) as Echo]) {
      expect(echo.apisig).toMatchObject({ mode: 'signed-organization' });
      expect(echo.body).toBe('kept');
    }
    expect(server.statuses).toStrictEqual([307, 200, 307, 200]);
  });
});

describe('options', () => {
  it('an unknown option, a relative baseUrl or a negative bufferUpTo: invalid_option', () => {
    const signer = createSigner(ALL_FOUR);
    const bad: unknown[] = [
      { baseUrl: '/v1' },
      { baseUrl: 'https://api.example.com', origin: 'x' },
      { baseUrl: 'https://api.example.com', bufferUpTo: -1 },
    ];
    for (const options of bad) {
      expect(() => apiSig(signer, options as UndiciSigningOptions)).toThrow(
        expect.objectContaining({ code: 'invalid_option' }),
      );
    }
  });
});
