/**
 * Organization mix-ups and faults on web (jose): each organization path gets the contract's
 * reason (the shared suite, with failureResponse's answer); a lookup that throws or never
 * settles rejects with a typed error, never a verdict; a remote signer endpoint that answers garbage or an error, a fetch that dies mid-retry or
 * a clock that breaks: each rejects with a typed error and the API never sees a request
 * without our headers.
 */
import type { ServerResponse } from 'node:http';
import {
  corpusClock,
  corpusLookups,
  listenOnLoopback,
  organizationCases,
} from '@apisig/test-support';
import { describeOrganizationPaths } from '@apisig/test-support/suites';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiSigError, createRemoteSigner, createSignedFetch, createSigner } from '../src/index.js';
import {
  failureResponse,
  type VerifyOptions,
  verifyHeaders,
  verifyRequest,
} from '../src/verify.js';

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

const corpusOptions: VerifyOptions = { ...corpusLookups, clock: corpusClock };

describeOrganizationPaths({ verifyHeaders, failureResponse });

const never = () => new Promise<never>(() => undefined);
const boom = () => {
  throw new Error('directory down');
};
const memberRequest = organizationCases()[0]?.request ?? {};
const faults: Array<[string, Partial<VerifyOptions>, string]> = [
  ['users throws', { users: boom }, 'lookup_failed'],
  ['users never settles', { users: never }, 'lookup_timeout'],
  ['organizations throws', { organizations: boom }, 'lookup_failed'],
  ['organizations never settles', { organizations: never }, 'lookup_timeout'],
  [
    'isMember never settles',
    { organizations: () => ({ appSecret: 'as_acme_corpus_secret_0d7f', isMember: never }) },
    'lookup_timeout',
  ],
  ['the clock answers NaN', { clock: () => Number.NaN }, 'invalid_option'],
];

describe('faults on the verifying side: a typed error, never a verdict', () => {
  it.each(faults)('%s → %s', async (_, fault, code) => {
    const headers = new Headers(memberRequest as Record<string, string>);
    const request = new Request('http://127.0.0.1/data', { headers });
    const outcome = await verifyRequest(request, {
      ...corpusOptions,
      lookupTimeoutMs: 50,
      ...fault,
    }).then(
      (result) => ({ result }),
      (error: unknown) => ({ error }),
    );
    expect(outcome).not.toHaveProperty('result');
    expect((outcome as { error: unknown }).error).toBeInstanceOf(ApiSigError);
    expect((outcome as { error: unknown }).error).toMatchObject({ code });
  });
});

/** An API on loopback that records the auth headers of every request it gets. */
async function recordingApi(answer: (response: ServerResponse) => void) {
  const seen: Array<Record<string, string | undefined>> = [];
  const server = await listenOnLoopback((request, response) => {
    const pick = (name: string) => request.headers[name] as string | undefined;
    seen.push({ 'x-api-key': pick('x-api-key'), 'x-signature': pick('x-signature') });
    answer(response);
  });
  closers.push(server.close);
  return { url: server.url, seen };
}

const json = (body: unknown) => (response: ServerResponse) => {
  response.setHeader('content-type', 'application/json');
  response.end(typeof body === 'string' ? body : JSON.stringify(body));
};
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
    const signedFetch = createSignedFetch(signer);
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
    await expect(createSignedFetch(source)(`${api.url}/data`)).rejects.toMatchObject({
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
    await expect(createSignedFetch(signer)(`${api.url}/data`)).rejects.toBeInstanceOf(ApiSigError);
    expect(api.seen).toEqual([]);
  });
});
