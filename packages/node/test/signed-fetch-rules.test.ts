/**
 * The signed fetch's rules on real servers on 127.0.0.1 and Node's own fetch: a redirect to
 * another origin (another port) never carries our headers, a same-origin one is followed and
 * signed again; a Node Readable or an async iterable body is never sent twice; a Request
 * built by the undici package keeps its headers. Each attack with its control.
 */
import { Readable } from 'node:stream';
import { type LoopbackServer, listenOnLoopback } from '@apisig/test-support';
import { alice } from '@apisig/test-support/cast';
import { Request as UndiciRequest, fetch as undiciFetch } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { apisig, createSignedFetch, createSigner } from '../src/index.js';
import { directory } from './fixtures.js';

const OURS = ['x-api-key', 'x-signature', 'x-app-key', 'x-app-signature', 'authorization'];
const servers: LoopbackServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

/** A server on its own port (its own origin) that records the headers of every request. */
async function recorder(answer: (path: string) => [number, Record<string, string>, string]) {
  const seen: Array<{ path: string; headers: Record<string, unknown>; body: string }> = [];
  const server = await listenOnLoopback(async (request, response) => {
    let body = '';
    for await (const chunk of request) body += chunk;
    const path = request.url ?? '/';
    seen.push({ path, headers: { ...request.headers }, body });
    const [status, headers, text] = answer(path);
    response.writeHead(status, headers);
    response.end(text);
  });
  servers.push(server);
  return { url: server.url, seen };
}

const signer = () => createSigner({ ...alice });

describe('redirects between real origins (127.0.0.1 on two ports)', () => {
  it('a redirect to another origin reaches it without our headers', async () => {
    const elsewhere = await recorder(() => [200, { date: new Date(0).toUTCString() }, 'cdn file']);
    const api = await recorder(() => [302, { location: `${elsewhere.url}/file` }, '']);
    const s = signer();
    const api$ = createSignedFetch(s, { baseUrl: api.url });
    const response = await api$('/download', { headers: { authorization: 'Bearer session' } });
    expect(await response.text()).toBe('cdn file');
    expect(api.seen[0]?.headers['x-api-key']).toBe(alice.apiKey);
    for (const name of OURS) expect(elsewhere.seen[0]?.headers[name]).toBeUndefined();
    expect(s.clockOffset).toBe(0); // the other origin's Date (1970) moved nothing
  });

  it('the control: a redirect within the API is followed, signed again, and verifies', async () => {
    const guard = apisig(directory());
    const server = await listenOnLoopback(async (request, response) => {
      if (request.url === '/old') {
        response.writeHead(308, { location: '/new' });
        response.end();
        return;
      }
      if (!(await guard(request, response))) return;
      response.end(JSON.stringify(request.apisig));
    });
    servers.push(server);
    const response = await createSignedFetch(signer(), { baseUrl: server.url })('/old', {
      method: 'POST',
      body: 'kept',
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ apiKey: alice.apiKey, mode: 'signed' });
  });

  it('a request for another origin is refused before a connection is made', async () => {
    const elsewhere = await recorder(() => [200, {}, 'no']);
    const api = await recorder(() => [200, {}, 'yes']);
    const api$ = createSignedFetch(signer(), { baseUrl: api.url });
    await expect(api$(`${elsewhere.url}/steal`)).rejects.toMatchObject({ code: 'origin_refused' });
    expect(elsewhere.seen).toEqual([]);
    expect(await (await api$('/fine')).text()).toBe('yes');
  });
});

describe('bodies that cannot be sent twice, with Node’s own fetch', () => {
  /** Refuses the first request with a Date ten minutes ahead, accepts the next. */
  async function skewedOnce() {
    let calls = 0;
    return recorder(() =>
      calls++ === 0
        ? [
            401,
            { date: new Date(Date.now() + 600_000).toUTCString() },
            '{"error":"expired","header":"x-signature"}',
          ]
        : [200, {}, 'accepted'],
    );
  }

  it('a Node Readable: the 401 comes back as it came, not a TypeError; sent once', async () => {
    const api = await skewedOnce();
    const api$ = createSignedFetch(signer(), { baseUrl: api.url });
    const response = await api$('/upload', {
      method: 'POST',
      body: Readable.from(['the real body']) as never,
      duplex: 'half',
    } as RequestInit);
    expect(response.status).toBe(401);
    expect(api.seen.map((s) => s.body)).toEqual(['the real body']);
  });

  it('an async iterable: the server never gets an empty retry it would accept', async () => {
    const api = await skewedOnce();
    async function* chunks() {
      yield new TextEncoder().encode('the real body');
    }
    const response = await createSignedFetch(signer(), { baseUrl: api.url })('/upload', {
      method: 'POST',
      body: chunks() as never,
      duplex: 'half',
    } as RequestInit);
    expect(response.status).toBe(401);
    expect(api.seen.map((s) => s.body)).toEqual(['the real body']);
  });

  it('the control: a string body is retried once, whole', async () => {
    const api = await skewedOnce();
    const response = await createSignedFetch(signer(), { baseUrl: api.url })('/upload', {
      method: 'POST',
      body: 'the real body',
    });
    expect(await response.text()).toBe('accepted');
    expect(api.seen.map((s) => s.body)).toEqual(['the real body', 'the real body']);
  });
});

describe("a Request built by the undici package (another realm's class)", () => {
  it('keeps its authorization, content-type and custom headers beside ours', async () => {
    const api = await recorder(() => [200, {}, 'ok']);
    const request = new UndiciRequest(`${api.url}/v1`, {
      method: 'POST',
      headers: { authorization: 'Bearer t', 'content-type': 'text/csv', 'x-trace': 'abc' },
      body: 'a,b',
    });
    expect(request instanceof Request).toBe(false);
    const api$ = createSignedFetch(signer(), { baseUrl: api.url, fetch: undiciFetch });
    const response = await api$(request as unknown as Request);
    expect(response.status).toBe(200);
    const [seen] = api.seen;
    expect(seen?.headers).toMatchObject({
      authorization: 'Bearer t',
      'content-type': 'text/csv',
      'x-trace': 'abc',
      'x-api-key': alice.apiKey,
    });
    expect(seen?.body).toBe('a,b');
  });
});
