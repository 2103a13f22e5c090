import type { IncomingMessage, ServerResponse } from 'node:http';
import { type LoopbackServer, listenOnLoopback } from '@apisig/test-support';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  ApiSigError,
  createRemoteSigner,
  createSignedFetch,
  createSigner,
  isApiSigError,
  type RemoteSignerOptions,
} from '../src/index.js';
import { verifyRequest } from '../src/verify.js';
import { closeAll, closers, json, recordingApi } from './support/recording-api.js';

const START = Date.UTC(2026, 0, 1, 12, 0, 0);
const credentials = { apiKey: 'ak_remote_1', jwtKey: 'jk_remote_secret_1' };

interface Seen {
  method: string | undefined;
  headers: IncomingMessage['headers'];
  body: string;
}

type Answer = (response: ServerResponse, seen: Seen) => void | Promise<void>;

/**
 * A signing endpoint on 127.0.0.1 with its own clock (`skewMs` ahead of the test's local
 * clock), stamping its Date header from that clock, answering with a real web signer.
 */
async function signingEndpoint(local: { now: number }, skewMs = 0, ttl = 60) {
  const serverNow = () => local.now + skewMs;
  const signer = createSigner({ ...credentials, ttl: { signature: ttl }, clock: serverNow });
  const seen: Seen[] = [];
  const state: { answer: Answer } = {
    async answer(response) {
      const signed = await signer.sign();
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify(signed));
    },
  };
  const server = await listenOnLoopback(async (request, response) => {
    let body = '';
    for await (const chunk of request) body += chunk;
    const entry = { method: request.method, headers: request.headers, body };
    seen.push(entry);
    response.setHeader('date', new Date(serverNow()).toUTCString());
    await state.answer(response, entry);
  });
  servers.push(server);
  return { url: `${server.url}/sign`, seen, state, server };
}

const servers: LoopbackServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
  await closeAll();
});

function localClock() {
  const local = { now: START };
  return { local, clock: () => local.now };
}

async function refusal(promise: Promise<unknown>): Promise<ApiSigError> {
  const error = await promise.then(
    () => {
      throw new Error('expected a refusal');
    },
    (reason: unknown) => reason,
  );
  if (!isApiSigError(error)) throw error;
  return error;
}

describe('createRemoteSigner: the request', () => {
  it('POSTs {} as JSON with the caller headers, same-origin credentials', async () => {
    const { local, clock } = localClock();
    const endpoint = await signingEndpoint(local);
    const inits: RequestInit[] = [];
    let csrf = 0;
    const signer = createRemoteSigner({
      url: endpoint.url,
      clock,
      headers: () => ({ 'x-csrf-token': `csrf-${++csrf}` }),
      fetch: (input, init) => {
        inits.push(init ?? {});
        return fetch(input, init);
      },
    });
    const headers = await signer.headers();
    expect(headers['x-api-key']).toBe(credentials.apiKey);
    expect(headers['x-signature']).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(endpoint.seen).toHaveLength(1);
    const [seen] = endpoint.seen;
    expect(seen?.method).toBe('POST');
    expect(seen?.body).toBe('{}');
    expect(seen?.headers['content-type']).toBe('application/json');
    expect(seen?.headers['x-csrf-token']).toBe('csrf-1');
    expect(inits[0]?.credentials).toBe('same-origin');
  });

  it('sends static extra headers as given', async () => {
    const { local, clock } = localClock();
    const endpoint = await signingEndpoint(local);
    const signer = createRemoteSigner({
      url: endpoint.url,
      clock,
      headers: { 'x-csrf-token': 't1' },
    });
    await signer.headers();
    expect(endpoint.seen[0]?.headers['x-csrf-token']).toBe('t1');
  });

  it('keeps the caller headers out of its printed form', async () => {
    const signer = createRemoteSigner({ url: '/sign', headers: { 'x-csrf-token': 'csrf-secret' } });
    expect(JSON.stringify(signer)).toBe('{"url":"/sign"}');
  });

  it('refuses bad options before anything is sent', () => {
    const bad: Array<[unknown, string]> = [
      [{}, 'url'],
      [{ url: '' }, 'url'],
      [{ url: 42 }, 'url'],
      [{ url: '/sign', fetch: 'fetch' }, 'fetch'],
      [{ url: '/sign', headers: 'x-csrf: 1' }, 'headers'],
      [{ url: '/sign', clock: 5 }, 'clock'],
      [{ url: '/sign', timeoutMs: 0 }, 'timeoutMs'],
      [{ url: '/sign', timeoutMs: 2 ** 31 }, 'timeoutMs'],
      [{ url: '/sign', timeoutMs: '5000' }, 'timeoutMs'],
      [{ url: '/sign', header: {} }, 'header'],
      [null, 'options'],
    ];
    for (const [options, field] of bad) {
      expect(() => createRemoteSigner(options as RemoteSignerOptions)).toThrow(
        expect.objectContaining({ code: 'invalid_option', field }),
      );
    }
  });
});

describe('createRemoteSigner: caching', () => {
  it('reuses headers until under a third of their lifetime is left', async () => {
    const { local, clock } = localClock();
    const endpoint = await signingEndpoint(local, 0, 60);
    const signer = createRemoteSigner({ url: endpoint.url, clock });
    const first = await signer.sign();
    // On the local clock: the server's expiresAt, corrected by its Date (±1 s resolution).
    expect(Math.abs(first.expiresAt! - (START + 60_000))).toBeLessThanOrEqual(1000);
    local.now += 39_000;
    expect(await signer.sign()).toBe(first);
    expect(endpoint.seen).toHaveLength(1);
    local.now += 2_000;
    const second = await signer.sign();
    expect(endpoint.seen).toHaveLength(2);
    expect(second.headers['x-signature']).not.toBe(first.headers['x-signature']);
  });

  it('asks again a few seconds before expiry when a third of the lifetime is shorter', async () => {
    const { local, clock } = localClock();
    const endpoint = await signingEndpoint(local, 0, 3);
    const signer = createRemoteSigner({ url: endpoint.url, clock });
    await signer.headers();
    local.now += 1_500;
    await signer.headers();
    expect(endpoint.seen).toHaveLength(2);
  });

  it('shares one request among concurrent calls', async () => {
    const { local, clock } = localClock();
    const endpoint = await signingEndpoint(local);
    const answer = endpoint.state.answer;
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    endpoint.state.answer = async (response, seen) => {
      await held;
      await answer(response, seen);
    };
    const signer = createRemoteSigner({ url: endpoint.url, clock });
    const calls = Array.from({ length: 5 }, () => signer.headers());
    await new Promise((resolve) => setTimeout(resolve, 50));
    release();
    const results = await Promise.all(calls);
    expect(endpoint.seen).toHaveLength(1);
    for (const headers of results) expect(headers).toEqual(results[0]);
  });

  it('forgets its headers on clear()', async () => {
    const { local, clock } = localClock();
    const endpoint = await signingEndpoint(local);
    const signer = createRemoteSigner({ url: endpoint.url, clock });
    await signer.headers();
    signer.clear();
    await signer.headers();
    expect(endpoint.seen).toHaveLength(2);
  });
});

describe('createRemoteSigner: a skewed clock', () => {
  it('refreshes on time when the server clock is ten minutes ahead', async () => {
    const { local, clock } = localClock();
    const endpoint = await signingEndpoint(local, 10 * 60_000, 60);
    const signer = createRemoteSigner({ url: endpoint.url, clock });
    const first = await signer.sign();
    expect(Math.abs(first.expiresAt! - (START + 60_000))).toBeLessThanOrEqual(1000);
    local.now += 41_000;
    await signer.sign();
    expect(endpoint.seen).toHaveLength(2);
  });

  it('still caches when the server clock is ten minutes behind', async () => {
    const { local, clock } = localClock();
    const endpoint = await signingEndpoint(local, -10 * 60_000, 60);
    const signer = createRemoteSigner({ url: endpoint.url, clock });
    await signer.headers();
    local.now += 10_000;
    await signer.headers();
    expect(endpoint.seen).toHaveLength(1);
  });
});

describe('createRemoteSigner: a server signer in API-key mode', () => {
  it('takes expiresAt null for headers without a token, and keeps them', async () => {
    const { local, clock } = localClock();
    const endpoint = await signingEndpoint(local);
    const apiKeyOnly = createSigner({ apiKey: credentials.apiKey });
    endpoint.state.answer = async (response) => {
      response.end(JSON.stringify(await apiKeyOnly.sign()));
    };
    const signer = createRemoteSigner({ url: endpoint.url, clock });
    expect(await signer.sign()).toEqual({
      headers: { 'x-api-key': credentials.apiKey },
      expiresAt: null,
    });
    local.now += 3_600_000;
    await signer.headers();
    expect(endpoint.seen).toHaveLength(1);
  });
});

describe('createRemoteSigner: refusals', () => {
  for (const status of [401, 403, 500]) {
    it(`refuses with the status on ${status}, and does not cache the failure`, async () => {
      const { local, clock } = localClock();
      const endpoint = await signingEndpoint(local);
      const answer = endpoint.state.answer;
      endpoint.state.answer = (response) => {
        response.statusCode = status;
        response.end('{"error":"nope"}');
      };
      const signer = createRemoteSigner({ url: endpoint.url, clock });
      const error = await refusal(signer.headers());
      expect(error).toMatchObject({ code: 'remote_signer_refused', status, field: 'url' });
      expect(error.message).toContain(String(status));
      endpoint.state.answer = answer;
      expect((await signer.headers())['x-api-key']).toBe(credentials.apiKey);
      expect(endpoint.seen).toHaveLength(2);
    });
  }

  it('refuses with no status when the endpoint cannot be reached', async () => {
    const { local, clock } = localClock();
    const endpoint = await signingEndpoint(local);
    servers.splice(servers.indexOf(endpoint.server), 1);
    await endpoint.server.close();
    const signer = createRemoteSigner({ url: endpoint.url, clock });
    const error = await refusal(signer.headers());
    expect(error).toMatchObject({ code: 'remote_signer_refused', status: undefined });
  });
});

describe('createRemoteSigner: an endpoint that hangs', () => {
  it('refuses after timeoutMs when no answer comes, and asks again next time', async () => {
    const { local, clock } = localClock();
    const endpoint = await signingEndpoint(local);
    const answer = endpoint.state.answer;
    endpoint.state.answer = () => new Promise<void>(() => {}); // never answers
    const signer = createRemoteSigner({ url: endpoint.url, clock, timeoutMs: 200 });
    const error = await refusal(signer.headers());
    expect(error).toMatchObject({ code: 'remote_signer_refused', status: undefined });
    expect(error.message).toContain('200 ms');
    endpoint.state.answer = answer;
    expect((await signer.headers())['x-api-key']).toBe(credentials.apiKey);
  });

  it('refuses when the headers come but the body never ends', async () => {
    const { local, clock } = localClock();
    const endpoint = await signingEndpoint(local);
    endpoint.state.answer = (response) => {
      response.setHeader('content-type', 'application/json');
      response.write('{"headers":');
    };
    const signer = createRemoteSigner({ url: endpoint.url, clock, timeoutMs: 200 });
    expect(await refusal(signer.headers())).toMatchObject({ code: 'remote_signer_refused' });
  });
});

describe('createRemoteSigner: an expiresAt too far ahead', () => {
  it('is not believed beyond the longest ttl (300 s): the cache is refreshed in time', async () => {
    const { local, clock } = localClock();
    const endpoint = await signingEndpoint(local);
    endpoint.state.answer = async (response) => {
      const signed = await createSigner({ ...credentials, clock: () => local.now }).sign();
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify({ ...signed, expiresAt: local.now + 365 * 86_400_000 }));
    };
    const signer = createRemoteSigner({ url: endpoint.url, clock });
    const first = await signer.sign();
    expect(first.expiresAt).toBe(START + 300_000);
    local.now += 250_000;
    await signer.headers();
    expect(endpoint.seen).toHaveLength(2);
  });
});

describe('createRemoteSigner: garbage answers', () => {
  const token = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJrZXkiOiJhayIsImV4cCI6MX0.c2ln';
  const expiresAt = START + 60_000;
  const garbage: Array<[string, string]> = [
    ['HTML', '<html>login</html>'],
    ['an empty body', ''],
    ['a JSON array', '[]'],
    ['JSON null', 'null'],
    ['no headers', JSON.stringify({ expiresAt })],
    ['headers without x-api-key', JSON.stringify({ headers: { 'x-signature': token }, expiresAt })],
    ['CR LF in a header', JSON.stringify({ headers: { 'x-api-key': 'ak\r\nx-a: 1' }, expiresAt })],
    [
      'a header that is not ours',
      JSON.stringify({ headers: { 'x-api-key': 'ak', cookie: 'a' }, expiresAt }),
    ],
    [
      'a non-ASCII token',
      JSON.stringify({ headers: { 'x-api-key': 'ak', 'x-signature': 'é' }, expiresAt }),
    ],
    ['no expiresAt', JSON.stringify({ headers: { 'x-api-key': 'ak' } })],
    [
      'expiresAt as text',
      JSON.stringify({ headers: { 'x-api-key': 'ak' }, expiresAt: '1767268860000' }),
    ],
    ['an infinite expiresAt', '{"headers":{"x-api-key":"ak"},"expiresAt":1e999}'],
    [
      'a null expiresAt with a token',
      JSON.stringify({ headers: { 'x-api-key': 'ak', 'x-signature': token }, expiresAt: null }),
    ],
  ];
  for (const [name, body] of garbage) {
    it(`refuses ${name} as an invalid response, and does not cache it`, async () => {
      const { local, clock } = localClock();
      const endpoint = await signingEndpoint(local);
      endpoint.state.answer = (response) => {
        response.setHeader('content-type', 'application/json');
        response.end(body);
      };
      const signer = createRemoteSigner({ url: endpoint.url, clock });
      const error = await refusal(signer.headers());
      expect(error.code).toBe('remote_signer_invalid_response');
      if (body.length > 3) expect(error.message).not.toContain(body);
      await refusal(signer.headers());
      expect(endpoint.seen).toHaveLength(2);
    });
  }
});

describe('createRemoteSigner in createSignedFetch', () => {
  it('signs requests that a real verifier accepts, with no secret in the client', async () => {
    const { local, clock } = localClock();
    // Real time here: the API checks exp against its own clock.
    local.now = Date.now();
    const endpoint = await signingEndpoint(local, 0, 15);
    const api = await listenOnLoopback(async (request, response) => {
      const headers = new Headers();
      for (const [name, value] of Object.entries(request.headers)) {
        if (typeof value === 'string') headers.set(name, value);
      }
      const result = await verifyRequest(new Request('http://api.test/', { headers }), {
        users: (apiKey) => (apiKey === credentials.apiKey ? { jwtKey: credentials.jwtKey } : null),
      });
      response.statusCode = result.ok ? 200 : result.status;
      response.end(result.ok ? 'ok' : result.reason);
    });
    servers.push(api);
    const signedFetch = createSignedFetch(createRemoteSigner({ url: endpoint.url, clock }), {
      baseUrl: api.url,
    });
    const responses = await Promise.all([signedFetch(api.url), signedFetch(`${api.url}/again`)]);
    expect(await Promise.all(responses.map((response) => response.text()))).toEqual(['ok', 'ok']);
    expect(endpoint.seen).toHaveLength(1);
    const unsigned = await fetch(api.url, { headers: { 'x-api-key': credentials.apiKey } });
    expect(unsigned.status).toBe(401);
  });
});

const token = 'eyJhbGciOiJIUzI1NiJ9.eyJrZXkiOiJhayJ9.c2ln';
const later = Date.now() + 60_000;

/** What an app backend may answer instead of signed headers, and the error each must give. */
const garbage: Array<[string, (response: ServerResponse) => void, string]> = [
  [
    '500',
    (response) => {
      response.statusCode = 500;
      response.end('{"headers":{"x-api-key":"ak_from_500"},"expiresAt":null}');
    },
    'remote_signer_refused',
  ],
  [
    '401 (logged out)',
    (response) => {
      response.statusCode = 401;
      response.end();
    },
    'remote_signer_refused',
  ],
  ['connection dropped', (response) => response.socket?.destroy(), 'remote_signer_refused'],
  ['200 with no body', json(''), 'remote_signer_invalid_response'],
  ['200 with an HTML page', json('<!doctype html><p>Log in'), 'remote_signer_invalid_response'],
  [
    '200 with truncated JSON',
    json('{"headers":{"x-api-key":"ak"'),
    'remote_signer_invalid_response',
  ],
  ['JSON null', json('null'), 'remote_signer_invalid_response'],
  ['JSON array', json([{ 'x-api-key': 'ak' }]), 'remote_signer_invalid_response'],
  ['no headers', json({ expiresAt: later }), 'remote_signer_invalid_response'],
  [
    'headers without x-api-key',
    json({ headers: { 'x-signature': token }, expiresAt: later }),
    'remote_signer_invalid_response',
  ],
  [
    'x-api-key with CR LF',
    json({ headers: { 'x-api-key': 'ak\r\nx-evil: 1' }, expiresAt: later }),
    'remote_signer_invalid_response',
  ],
  [
    'x-api-key with a space',
    json({ headers: { 'x-api-key': 'ak bob' }, expiresAt: later }),
    'remote_signer_invalid_response',
  ],
  [
    'x-api-key non-ASCII',
    json({ headers: { 'x-api-key': 'ák' }, expiresAt: later }),
    'remote_signer_invalid_response',
  ],
  [
    'x-api-key a number',
    json({ headers: { 'x-api-key': 42 }, expiresAt: later }),
    'remote_signer_invalid_response',
  ],
  [
    'an extra header (authorization)',
    json({ headers: { 'x-api-key': 'ak', authorization: 'Bearer x' }, expiresAt: later }),
    'remote_signer_invalid_response',
  ],
  [
    '__proto__ smuggling',
    json('{"headers":{"__proto__":{"x-api-key":"ak"}},"expiresAt":1}'),
    'remote_signer_invalid_response',
  ],
  [
    'x-app-key without x-app-signature',
    json({ headers: { 'x-api-key': 'ak', 'x-app-key': 'app' }, expiresAt: later }),
    'remote_signer_invalid_response',
  ],
  [
    'a 9000-character token',
    json({ headers: { 'x-api-key': 'ak', 'x-signature': 'a'.repeat(9000) }, expiresAt: later }),
    'remote_signer_invalid_response',
  ],
  [
    'a token with a newline',
    json({ headers: { 'x-api-key': 'ak', 'x-signature': `${token}\n` }, expiresAt: later }),
    'remote_signer_invalid_response',
  ],
  [
    'a token with expiresAt null',
    json({ headers: { 'x-api-key': 'ak', 'x-signature': token }, expiresAt: null }),
    'remote_signer_invalid_response',
  ],
  [
    'expiresAt as text',
    json({ headers: { 'x-api-key': 'ak', 'x-signature': token }, expiresAt: 'soon' }),
    'remote_signer_invalid_response',
  ],
];

describe('a remote signer endpoint that answers garbage', () => {
  it.each(garbage)('%s → %s; the API sees nothing', async (_, answer, code) => {
    const endpoint = await listenOnLoopback((_request, response) => answer(response));
    closers.push(endpoint.close);
    const api = await recordingApi(json({ ok: true }));
    const signer = createRemoteSigner({ url: endpoint.url });
    const signedFetch = createSignedFetch(signer, { baseUrl: api.url });
    const error = await signedFetch(`${api.url}/data`).then(
      () => undefined,
      (rejection: unknown) => rejection,
    );
    expect(error).toBeInstanceOf(ApiSigError);
    expect(error).toMatchObject({ code });
    await expect(signer.headers()).rejects.toMatchObject({ code });
    expect(api.seen).toEqual([]);
  });
});

describe('createRemoteSigner: redirects are refused', () => {
  it('a signing endpoint redirecting to another origin: refused; that origin gets nothing', async () => {
    const { local, clock } = localClock();
    const elsewhere = await signingEndpoint(local); // would answer valid headers for someone
    const endpoint = await signingEndpoint(local);
    endpoint.state.answer = (response) => {
      response.writeHead(307, { location: elsewhere.url });
      response.end();
    };
    const signer = createRemoteSigner({
      url: endpoint.url,
      clock,
      headers: { 'x-csrf-token': 'csrf-secret' },
    });
    expect(await refusal(signer.headers())).toMatchObject({ code: 'remote_signer_refused' });
    expect(elsewhere.seen).toEqual([]);
    // The control: the same signer against an endpoint that answers itself.
    const direct = createRemoteSigner({ url: elsewhere.url, clock });
    expect((await direct.headers())['x-api-key']).toBe(credentials.apiKey);
  });
});

describe('createRemoteSigner: an answer is read up to 8 KiB', () => {
  it('a 50 MB answer is refused after the first few kB: the endpoint cannot push it all', async () => {
    const { local, clock } = localClock();
    const endpoint = await signingEndpoint(local);
    const written = { bytes: 0, ended: false };
    endpoint.state.answer = async (response) => {
      response.setHeader('content-type', 'application/json');
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      response.write('{"headers":{"x-api-key":"ak"},"pad":"');
      // Write with backpressure, as a real server would, until the client stops reading.
      while (written.bytes < 50 * 1024 * 1024 && !response.destroyed) {
        written.bytes += chunk.length;
        if (!response.write(chunk)) {
          await new Promise((resolve) => {
            response.once('drain', resolve);
            response.once('close', resolve);
          });
        }
      }
      written.ended = true;
      response.end('"}');
    };
    const signer = createRemoteSigner({ url: endpoint.url, clock });
    expect(await refusal(signer.headers())).toMatchObject({
      code: 'remote_signer_invalid_response',
    });
    await vi.waitFor(() => expect(written.ended).toBe(true));
    expect(written.bytes).toBeLessThan(8 * 1024 * 1024); // socket buffers, not 50 MB
  });

  it('a declared Content-Length over the cap is refused before any of the body is read', async () => {
    const { local, clock } = localClock();
    const endpoint = await signingEndpoint(local);
    endpoint.state.answer = (response) => {
      response.writeHead(200, { 'content-type': 'application/json', 'content-length': 10_000_000 });
      response.write('{');
    };
    const signer = createRemoteSigner({ url: endpoint.url, clock, timeoutMs: 2000 });
    expect(await refusal(signer.headers())).toMatchObject({
      code: 'remote_signer_invalid_response',
    });
  });

  it('the control: a genuine answer, padded to 7 kB, is read whole', async () => {
    const { local, clock } = localClock();
    const endpoint = await signingEndpoint(local);
    endpoint.state.answer = async (response) => {
      const signed = await createSigner({ ...credentials, clock: () => local.now }).sign();
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify(signed).padEnd(7 * 1024, ' '));
    };
    const signer = createRemoteSigner({ url: endpoint.url, clock });
    expect((await signer.headers())['x-api-key']).toBe(credentials.apiKey);
  });
});

describe('createRemoteSigner: headers that have expired already', () => {
  it('are refused, by expiresAt or expiresIn; concurrent callers share one request', async () => {
    const { local, clock } = localClock();
    const endpoint = await signingEndpoint(local);
    const stale = { expiresAt: START - 1000 } as { expiresAt: number; expiresIn?: number };
    endpoint.state.answer = async (response) => {
      const signed = await createSigner({ ...credentials, clock: () => local.now - 60_000 }).sign();
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify({ ...signed, ...stale }));
    };
    const signer = createRemoteSigner({ url: endpoint.url, clock });
    const calls = await Promise.allSettled(Array.from({ length: 50 }, () => signer.headers()));
    expect(calls.every((call) => call.status === 'rejected')).toBe(true);
    expect(endpoint.seen).toHaveLength(1);
    expect(await refusal(signer.headers())).toMatchObject({
      code: 'remote_signer_invalid_response',
    });
    stale.expiresAt = START + 60_000;
    stale.expiresIn = 0;
    expect(await refusal(signer.headers())).toMatchObject({
      code: 'remote_signer_invalid_response',
    });
  });

  it('the control: headers valid for 15 s more are taken and cached', async () => {
    const { local, clock } = localClock();
    const endpoint = await signingEndpoint(local, 0, 15);
    const signer = createRemoteSigner({ url: endpoint.url, clock });
    await Promise.all(Array.from({ length: 50 }, () => signer.headers()));
    await signer.headers();
    expect(endpoint.seen).toHaveLength(1);
  });
});

describe('createRemoteSigner: a slow local clock and no readable Date', () => {
  /** An endpoint and an API sharing the server's clock; the browser's clock is 10 min slow. */
  async function setup(answerExpiresIn: boolean) {
    const server = { now: START };
    const local = { now: START - 600_000 };
    const endpoint = await signingEndpoint(server, 0, 15);
    endpoint.state.answer = async (response) => {
      const signed = await createSigner({
        ...credentials,
        clock: () => server.now,
        ttl: { signature: 15 },
      }).sign();
      response.removeHeader('date'); // a proxy stripped it, or CORS does not expose it
      response.setHeader('content-type', 'application/json');
      const body = answerExpiresIn ? { ...signed, expiresIn: 15_000 } : signed;
      response.end(JSON.stringify(body));
    };
    const statuses: number[] = [];
    const api = await listenOnLoopback(async (request, response) => {
      const result = await verifyRequest(
        new Request('http://127.0.0.1/', { headers: request.headers as Record<string, string> }),
        { users: () => ({ jwtKey: credentials.jwtKey }), clock: () => server.now },
      );
      statuses.push(result.ok ? 200 : 401);
      response.statusCode = result.ok ? 200 : 401;
      response.end(
        result.ok ? 'ok' : JSON.stringify({ error: result.reason, header: result.header }),
      );
    });
    servers.push(api);
    const signer = createRemoteSigner({ url: endpoint.url, clock: () => local.now });
    const signedFetch = createSignedFetch(signer, { baseUrl: api.url });
    const advance = (ms: number) => {
      server.now += ms;
      local.now += ms;
    };
    return { endpoint, statuses, signedFetch, advance, api };
  }

  it('an expired refusal from the API drops the cached headers and retries once', async () => {
    const { endpoint, statuses, signedFetch, advance, api } = await setup(false);
    expect((await signedFetch(`${api.url}/a`)).status).toBe(200);
    advance(30_000); // the token is expired at the API; locally it looks valid for minutes
    expect((await signedFetch(`${api.url}/b`)).status).toBe(200);
    expect(statuses).toEqual([200, 401, 200]);
    expect(endpoint.seen).toHaveLength(2);
  });

  it('an endpoint that answers expiresIn is timed without any clock: no refusal at all', async () => {
    const { endpoint, statuses, signedFetch, advance, api } = await setup(true);
    expect((await signedFetch(`${api.url}/a`)).status).toBe(200);
    advance(11_000); // under a third of 15 s left: asked again before the API would refuse
    expect((await signedFetch(`${api.url}/b`)).status).toBe(200);
    expect(statuses).toEqual([200, 200]);
    expect(endpoint.seen).toHaveLength(2);
  });
});

describe('createRemoteSigner: credentials', () => {
  it("defaults to 'same-origin'; 'include' and 'omit' are passed on; anything else refused", async () => {
    const { local, clock } = localClock();
    const endpoint = await signingEndpoint(local);
    for (const credentials of [undefined, 'include', 'omit'] as const) {
      const inits: RequestInit[] = [];
      const signer = createRemoteSigner({
        url: endpoint.url,
        clock,
        ...(credentials ? { credentials } : {}),
        fetch: (input, init) => {
          inits.push(init);
          return fetch(input, init);
        },
      });
      await signer.headers();
      expect(inits[0]?.credentials).toBe(credentials ?? 'same-origin');
      expect(inits[0]?.redirect).toBe('error');
    }
    expect(() => createRemoteSigner({ url: endpoint.url, credentials: 'always' as never })).toThrow(
      expect.objectContaining({ code: 'invalid_option', field: 'credentials' }),
    );
  });
});
