/**
 * The signed fetch's rules of where headers go and what is sent twice (request-policy.ts), on
 * a routed fake fetch: the origin binding, hand-followed redirects, replayable bodies, a
 * Request of another realm, and stale cached headers. Each attack has its control beside it.
 * The same rules run on real servers in node, web (Node and Chromium), Deno, Bun and workerd.
 */
import { syncBackend } from '@apisig/test-support';
import { alice } from '@apisig/test-support/cast';
import { describe, expect, it } from 'vitest';
import { createSyncSigner, isReplayableBody } from '../src/adapter.js';
import { createSignedFetch, type HeaderSource } from '../src/index.js';

const API = 'http://api.test';
const YEAR_AHEAD = () => new Date(Date.now() + 365 * 86_400_000).toUTCString();
const OURS = ['x-api-key', 'x-signature', 'x-app-key', 'x-app-signature'];

interface Seen {
  url: string;
  method: string;
  headers: Headers;
  body: string | null;
  redirect: string | undefined;
}

type Route = (url: URL) => Response;

/** A fetch that answers by route and records every request it gets. */
function routedFetch(routes: Record<string, Route>) {
  const seen: Seen[] = [];
  const fetch = async (input: string | URL | Request, init: RequestInit = {}) => {
    // A look-alike Request (another realm's) is read by its fields, as its own fetch would.
    const request =
      typeof input === 'object' && !(input instanceof Request) && !(input instanceof URL)
        ? new Request((input as { url: string }).url, init)
        : new Request(input, init);
    const body = request.body ? await request.text() : null;
    seen.push({
      url: request.url,
      method: request.method,
      headers: request.headers,
      body,
      redirect: init.redirect,
    });
    const url = new URL(request.url);
    const route = routes[`${url.origin}${url.pathname}`];
    return route ? route(url) : new Response('ok', { status: 200 });
  };
  return { fetch, seen };
}

const redirect =
  (status: number, location: string, headers: Record<string, string> = {}) =>
  () =>
    new Response(null, { status, headers: { location, ...headers } });

function organizationSigner() {
  return createSyncSigner(syncBackend().backend, {
    ...alice,
    organization: { appKey: 'app_acme', appSecret: 'as_acme_secret' },
  });
}

describe('the origin binding (baseUrl)', () => {
  it('resolves a relative URL against baseUrl and signs it', async () => {
    const { fetch, seen } = routedFetch({});
    const api = createSignedFetch(organizationSigner(), { baseUrl: `${API}/v1/`, fetch });
    await api('orders?page=2');
    expect(seen[0]?.url).toBe(`${API}/v1/orders?page=2`);
    expect(seen[0]?.headers.get('x-api-key')).toBe(alice.apiKey);
  });

  it.each([
    ['an absolute URL of another origin', 'https://evil.test/steal'],
    ['a protocol-relative URL', '//evil.test/steal'],
    ['the same host on another port', 'http://api.test:8080/v1'],
    ['the same host over https', 'https://api.test/v1'],
  ])('refuses %s before anything is sent', async (_, target) => {
    const { fetch, seen } = routedFetch({});
    const api = createSignedFetch(organizationSigner(), { baseUrl: API, fetch });
    await expect(api(target)).rejects.toMatchObject({
      name: 'ApiSigError',
      code: 'origin_refused',
    });
    await expect(api(new Request(new URL(target, 'http://x.test')))).rejects.toMatchObject({
      code: 'origin_refused',
    });
    expect(seen).toEqual([]);
    // The control: the API's own origin goes through.
    await api(`${API}/v1`);
    expect(seen).toHaveLength(1);
  });

  it('refuses to be made without an absolute http(s) baseUrl', () => {
    const source = organizationSigner();
    for (const baseUrl of [undefined, '', '/v1', 'ftp://api.test', 'api.test']) {
      expect(() => createSignedFetch(source, { baseUrl } as never)).toThrow(
        expect.objectContaining({ code: 'invalid_option', field: 'baseUrl' }),
      );
    }
    expect(() => createSignedFetch(source, { baseUrl: 'https://api.test' })).not.toThrow();
  });
});

describe('redirects, followed by hand', () => {
  it('a same-origin redirect is followed and signed again', async () => {
    const { fetch, seen } = routedFetch({ [`${API}/old`]: redirect(301, '/new') });
    const response = await createSignedFetch(organizationSigner(), { baseUrl: API, fetch })(
      `${API}/old`,
    );
    expect(response.status).toBe(200);
    expect(seen.map((s) => s.url)).toEqual([`${API}/old`, `${API}/new`]);
    for (const hop of seen) {
      expect(hop.redirect).toBe('manual');
      for (const name of OURS) expect(hop.headers.get(name)).not.toBeNull();
    }
  });

  it("a hop to another origin carries none of the caller's credentials; the API's hop keeps them", async () => {
    const { fetch, seen } = routedFetch({
      [`${API}/old`]: redirect(302, '/new'),
      [`${API}/new`]: redirect(302, 'https://elsewhere.test/landing'),
    });
    const credentials = {
      authorization: 'Bearer app-session',
      'proxy-authorization': 'Basic cHJveHk6c2VjcmV0',
      cookie: 'sid=s3cr3t-session-id',
    };
    await createSignedFetch(organizationSigner(), { baseUrl: API, fetch })(`${API}/old`, {
      headers: { ...credentials, accept: 'text/html' },
    });
    const [first, second, elsewhere] = seen;
    // Control: within the API's origin, every hop carries them.
    for (const hop of [first, second]) {
      for (const [name, value] of Object.entries(credentials)) {
        expect(hop?.headers.get(name)).toBe(value);
      }
    }
    expect(elsewhere?.url).toBe('https://elsewhere.test/landing');
    for (const name of [...OURS, ...Object.keys(credentials)]) {
      expect(elsewhere?.headers.get(name)).toBeNull();
    }
    expect(elsewhere?.headers.get('accept')).toBe('text/html');
  });

  it('a hop to another origin carries none of our headers, nor authorization', async () => {
    const { fetch, seen } = routedFetch({
      [`${API}/download`]: redirect(302, 'https://cdn.test/file', {
        date: new Date().toUTCString(),
      }),
      'https://cdn.test/file': () => new Response('file', { headers: { date: YEAR_AHEAD() } }),
    });
    const signer = organizationSigner();
    const api = createSignedFetch(signer, { baseUrl: API, fetch });
    const response = await api(`${API}/download`, {
      headers: { authorization: 'Bearer app-session', accept: 'application/octet-stream' },
    });
    expect(await response.text()).toBe('file');
    const [first, cdn] = seen;
    for (const name of OURS) expect(first?.headers.get(name)).not.toBeNull();
    expect(first?.headers.get('authorization')).toBe('Bearer app-session');
    for (const name of [...OURS, 'authorization']) expect(cdn?.headers.get(name)).toBeNull();
    expect(cdn?.headers.get('accept')).toBe('application/octet-stream');
    // The other origin's Date, a year ahead, is not the API's clock.
    expect(signer.clockOffset).toBe(0);
  });

  it('a chain that comes back to the API is signed again there, not on the way', async () => {
    const { fetch, seen } = routedFetch({
      [`${API}/a`]: redirect(302, 'https://sso.test/b'),
      'https://sso.test/b': redirect(302, `${API}/c`),
    });
    await createSignedFetch(organizationSigner(), { baseUrl: API, fetch })(`${API}/a`);
    expect(seen.map((s) => [s.url, s.headers.get('x-api-key')])).toEqual([
      [`${API}/a`, alice.apiKey],
      ['https://sso.test/b', null],
      [`${API}/c`, alice.apiKey],
    ]);
  });

  it('a 303 after a POST becomes a GET without the body or its headers', async () => {
    const { fetch, seen } = routedFetch({ [`${API}/orders`]: redirect(303, '/orders/7') });
    await createSignedFetch(organizationSigner(), { baseUrl: API, fetch })(`${API}/orders`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"sku":"A1"}',
    });
    expect(seen.map((s) => [s.method, s.body, s.headers.get('content-type')])).toEqual([
      ['POST', '{"sku":"A1"}', 'application/json'],
      ['GET', null, null],
    ]);
  });

  it('a 307 re-sends a replayable body; with a stream, the 307 is the answer', async () => {
    const routes = { [`${API}/upload`]: redirect(307, '/upload/2') };
    const replayable = routedFetch(routes);
    await createSignedFetch(organizationSigner(), { baseUrl: API, fetch: replayable.fetch })(
      `${API}/upload`,
      { method: 'PUT', body: 'bytes' },
    );
    expect(replayable.seen.map((s) => [s.url, s.method, s.body])).toEqual([
      [`${API}/upload`, 'PUT', 'bytes'],
      [`${API}/upload/2`, 'PUT', 'bytes'],
    ]);

    const once = routedFetch(routes);
    const stream = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('once'));
        controller.close();
      },
    });
    const response = await createSignedFetch(organizationSigner(), {
      baseUrl: API,
      fetch: once.fetch,
    })(`${API}/upload`, { method: 'PUT', body: stream, duplex: 'half' } as RequestInit);
    expect(response.status).toBe(307);
    expect(once.seen).toHaveLength(1);
  });

  it('stops after 20 redirects, as fetch does', async () => {
    const { fetch, seen } = routedFetch({ [`${API}/loop`]: redirect(302, '/loop') });
    await expect(
      createSignedFetch(organizationSigner(), { baseUrl: API, fetch })(`${API}/loop`),
    ).rejects.toThrow(TypeError);
    expect(seen).toHaveLength(21);
  });

  it("leaves the caller's own redirect: 'manual' to the caller", async () => {
    const { fetch, seen } = routedFetch({ [`${API}/old`]: redirect(302, 'https://cdn.test/x') });
    const response = await createSignedFetch(organizationSigner(), { baseUrl: API, fetch })(
      `${API}/old`,
      { redirect: 'manual' },
    );
    expect(response.status).toBe(302);
    expect(seen).toHaveLength(1);
  });

  it("refuses a browser's opaque redirect (its target cannot be seen), sending nothing more", async () => {
    let calls = 0;
    // What a browser answers a manual redirect with: status 0, no Location to read.
    const opaque = async () => {
      calls++;
      const headers = new Headers();
      return {
        type: 'opaqueredirect',
        status: 0,
        ok: false,
        headers,
        body: null,
        text: async () => '',
      };
    };
    const api = createSignedFetch(organizationSigner(), { baseUrl: API, fetch: opaque });
    await expect(api(`${API}/moved`)).rejects.toMatchObject({ code: 'redirect_refused' });
    expect(calls).toBe(1);
  });
});

describe('only a replayable body is sent again after a clock correction', () => {
  /** Refuses the first request with a Date 10 minutes ahead, accepts the rest. */
  function skewedOnce() {
    let calls = 0;
    return routedFetch({
      [`${API}/v1`]: () =>
        calls++ === 0
          ? new Response('{"error":"expired","header":"x-signature"}', {
              status: 401,
              headers: { date: new Date(Date.now() + 600_000).toUTCString() },
            })
          : new Response('ok'),
    });
  }

  it('an async iterable body is read by the first send: the 401 comes back, no retry', async () => {
    const { fetch, seen } = skewedOnce();
    async function* body() {
      yield new TextEncoder().encode('real body');
    }
    const response = await createSignedFetch(organizationSigner(), { baseUrl: API, fetch })(
      `${API}/v1`,
      { method: 'POST', body: body() as never, duplex: 'half' } as RequestInit,
    );
    expect(response.status).toBe(401);
    expect(seen).toHaveLength(1);
  });

  it.each([
    ['a string', () => 'text'],
    ['a Uint8Array', () => new TextEncoder().encode('bytes')],
    ['an ArrayBuffer', () => new TextEncoder().encode('buffer').buffer],
    ['a Blob', () => new Blob(['blob'])],
    ['URLSearchParams', () => new URLSearchParams({ a: '1' })],
    [
      'FormData',
      () => {
        const form = new FormData();
        form.set('field', 'value');
        return form;
      },
    ],
  ])('%s is retried once, with the same body (the control)', async (_, make) => {
    const { fetch, seen } = skewedOnce();
    const response = await createSignedFetch(organizationSigner(), { baseUrl: API, fetch })(
      `${API}/v1`,
      { method: 'POST', body: make() as BodyInit },
    );
    expect(response.status).toBe(200);
    expect(seen).toHaveLength(2);
    // Multipart bodies get a new boundary per send; the parts are the same.
    const unbound = (body: string | null | undefined) => body?.replace(/-+formdata-[\w-]+/g, '--');
    expect(unbound(seen[1]?.body)).toBe(unbound(seen[0]?.body));
  });
});

describe('a Request of another realm (undici’s class) keeps its headers', () => {
  it('is recognised by its shape: its headers are merged with ours, not replaced', async () => {
    const { fetch, seen } = routedFetch({});
    // What a Request of another realm is to this one: not `instanceof Request`.
    const foreign = {
      url: `${API}/v1`,
      method: 'GET',
      headers: new Headers({ authorization: 'Bearer t', accept: 'text/csv', 'x-trace': 'abc' }),
      body: null,
      redirect: 'follow',
      clone() {
        return this;
      },
    };
    expect(foreign instanceof Request).toBe(false);
    await createSignedFetch(organizationSigner(), { baseUrl: API, fetch })(
      foreign as unknown as Request,
    );
    const sent = seen[0]?.headers;
    expect(sent?.get('authorization')).toBe('Bearer t');
    expect(sent?.get('accept')).toBe('text/csv');
    expect(sent?.get('x-trace')).toBe('abc');
    expect(sent?.get('x-api-key')).toBe(alice.apiKey);
  });
});

describe('cached headers the server found stale (a remote signer without a readable Date)', () => {
  function staleSource(good: HeaderSource) {
    let cleared = 0;
    let fresh = false;
    const source: HeaderSource = {
      headers: () =>
        fresh ? good.headers() : { 'x-api-key': alice.apiKey, 'x-signature': 'stale' },
      sign: () => good.sign(),
      clock: () => good.clock(),
      clear: () => {
        cleared++;
        fresh = true;
      },
    };
    return { source, cleared: () => cleared };
  }

  function refusingStale(reason: string) {
    return routedFetch({
      [`${API}/v1`]: () => new Response('ok'),
      [`${API}/stale`]: () =>
        new Response(JSON.stringify({ error: reason, header: 'x-signature' }), { status: 401 }),
    });
  }

  it.each(['expired', 'exp_too_far'])(
    'a 401 %s drops the cached headers and is retried once',
    async (reason) => {
      let calls = 0;
      const { fetch, seen } = routedFetch({
        [`${API}/v1`]: () =>
          calls++ === 0
            ? new Response(JSON.stringify({ error: reason, header: 'x-signature' }), {
                status: 401,
              })
            : new Response('ok'),
      });
      const { source, cleared } = staleSource(organizationSigner());
      const response = await createSignedFetch(source, { baseUrl: API, fetch })(`${API}/v1`);
      expect(response.status).toBe(200);
      expect(cleared()).toBe(1);
      expect(seen.map((s) => s.headers.get('x-signature') === 'stale')).toEqual([true, false]);
    },
  );

  it('another refusal (bad_signature) is not retried, and nothing is cleared', async () => {
    const { fetch, seen } = refusingStale('bad_signature');
    const { source, cleared } = staleSource(organizationSigner());
    const response = await createSignedFetch(source, { baseUrl: API, fetch })(`${API}/stale`);
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: 'bad_signature', header: 'x-signature' });
    expect(cleared()).toBe(0);
    expect(seen).toHaveLength(1);
  });

  it("another origin's 401 after a redirect is not retried, and the cache is kept", async () => {
    const { fetch, seen } = routedFetch({
      [`${API}/away`]: redirect(302, 'https://elsewhere.test/v1'),
      'https://elsewhere.test/v1': () =>
        new Response(JSON.stringify({ error: 'expired', header: 'x-signature' }), {
          status: 401,
          headers: { date: YEAR_AHEAD() },
        }),
    });
    const { source, cleared } = staleSource(organizationSigner());
    const response = await createSignedFetch(source, { baseUrl: API, fetch })(`${API}/away`);
    expect(response.status).toBe(401);
    expect(cleared()).toBe(0);
    expect(seen.map((hop) => hop.url)).toEqual([`${API}/away`, 'https://elsewhere.test/v1']);
  });

  it('a source that cannot clear (a local signer) is not retried on expired alone', async () => {
    const { fetch, seen } = refusingStale('expired');
    const response = await createSignedFetch(organizationSigner(), { baseUrl: API, fetch })(
      `${API}/stale`,
    );
    expect(response.status).toBe(401);
    expect(seen).toHaveLength(1);
  });
});

describe('isReplayableBody: what may be sent twice', () => {
  /** A body class of another realm (undici's own FormData, an iframe's Blob): same tag, other class. */
  const foreign = (tag: string) =>
    new (class {
      get [Symbol.toStringTag]() {
        return tag;
      }
    })();

  it.each(['Blob', 'File', 'FormData', 'URLSearchParams'])(
    "a %s of another realm, known by its tag (this realm's class does not know it)",
    (tag) => {
      const body = foreign(tag);
      expect(body instanceof FormData || body instanceof Blob).toBe(false);
      expect(isReplayableBody(body)).toBe(true);
    },
  );

  it('never a stream, an async iterable, or an object it does not know', () => {
    const stream = new ReadableStream();
    async function* iterable() {}
    for (const body of [stream, iterable(), foreign('ReadableStream'), {}, foreign('Object')]) {
      expect(isReplayableBody(body)).toBe(false);
    }
    // Control: this realm's own body classes.
    expect(isReplayableBody(new FormData())).toBe(true);
    expect(isReplayableBody(new Blob(['a']))).toBe(true);
  });
});
