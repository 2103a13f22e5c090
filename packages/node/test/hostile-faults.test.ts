/**
 * Organization mix-ups and faults on node: each organization path gets the contract's
 * reason (the shared suite); a lookup that throws or never settles fails closed (a typed
 * error, through the middleware a 500 or next(err), never next()); a fetch that dies
 * mid-retry or a signer that breaks between tries rejects without sending anything unsigned.
 */
import type { IncomingHttpHeaders } from 'node:http';
import {
  corpusClock,
  corpusLookups,
  listenOnLoopback,
  organizationCases,
} from '@apisig/test-support';
import { describeOrganizationPaths } from '@apisig/test-support/suites';
import express, { type NextFunction, type Request, type Response } from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import {
  ApiSigError,
  apisig,
  createSignedFetch,
  createSigner,
  type VerifyOptions,
  verifyHeaders,
} from '../src/index.js';

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

const corpusOptions: VerifyOptions = { ...corpusLookups, clock: corpusClock };

describeOrganizationPaths({ verifyHeaders });

const never = () => new Promise<never>(() => undefined);
const boom = () => {
  throw new Error('directory down');
};
const [memberCase] = organizationCases();
const memberRequest = memberCase?.request ?? {};
const fullRequest = organizationCases()[1]?.request ?? {};

/** Lookups that fail, each at one of the three places a verifier calls user code. */
const faults: Array<[string, Partial<VerifyOptions>, string]> = [
  ['users throws', { users: boom }, 'lookup_failed'],
  ['users rejects', { users: () => Promise.reject(new Error('down')) }, 'lookup_failed'],
  ['users never settles', { users: never }, 'lookup_timeout'],
  ['organizations throws', { organizations: boom }, 'lookup_failed'],
  ['organizations never settles', { organizations: never }, 'lookup_timeout'],
  [
    'isMember throws',
    { organizations: () => ({ appSecret: 'as_acme_corpus_secret_0d7f', isMember: boom }) },
    'lookup_failed',
  ],
  [
    'isMember never settles',
    { organizations: () => ({ appSecret: 'as_acme_corpus_secret_0d7f', isMember: never }) },
    'lookup_timeout',
  ],
  [
    'organizations answers no App Secret',
    { organizations: () => ({ appSecret: '', isMember: () => true }) },
    'lookup_failed',
  ],
  ['users answers a string', { users: () => 'yes' as never }, 'lookup_failed'],
];

describe('lookups that fail or hang: a typed error, never a verdict', () => {
  it.each(faults)('%s → %s', async (_, fault, code) => {
    const options = { ...corpusOptions, lookupTimeoutMs: 50, ...fault };
    const outcome = await verifyHeaders(memberRequest, options).then(
      (result) => ({ result }),
      (error: unknown) => ({ error }),
    );
    expect(outcome).not.toHaveProperty('result');
    expect((outcome as { error: unknown }).error).toBeInstanceOf(ApiSigError);
    expect((outcome as { error: unknown }).error).toMatchObject({ code });
  });
});

/** A guarded Express app: counts what reached the route and what reached the error handler. */
async function expressApp(fault: Partial<VerifyOptions>) {
  const seen = { route: 0, errors: [] as unknown[] };
  const app = express();
  app.use(apisig({ ...corpusOptions, lookupTimeoutMs: 50, ...fault }));
  app.get('/data', (_request, response) => {
    seen.route++;
    response.json({ secret: 'data' });
  });
  app.use((error: unknown, _request: Request, response: Response, _next: NextFunction) => {
    seen.errors.push(error);
    response.status(500).json({ error: 'internal_error' });
  });
  const server = await listenOnLoopback(app as never);
  closers.push(server.close);
  return { url: `${server.url}/data`, seen };
}

async function plainServer(fault: Partial<VerifyOptions>) {
  const seen = { route: 0 };
  const guard = apisig({ ...corpusOptions, lookupTimeoutMs: 50, ...fault });
  const server = await listenOnLoopback(async (request, response) => {
    if (await guard(request, response)) {
      seen.route++;
      response.end('{"secret":"data"}');
    }
  });
  closers.push(server.close);
  return { url: `${server.url}/data`, seen };
}

const toFetchHeaders = (request: IncomingHttpHeaders | Record<string, string | string[]>) =>
  Object.entries(request).map(([name, value]) => [name, String(value)] as [string, string]);

describe('the middleware fails closed on a lookup fault', () => {
  it.each(faults)(
    'Express, %s: next(err) with %s, the route never runs',
    async (_, fault, code) => {
      const { url, seen } = await expressApp(fault);
      const response = await fetch(url, { headers: toFetchHeaders(fullRequest) });
      expect(response.status).toBe(500);
      expect(await response.text()).not.toContain('data"');
      expect(seen.route).toBe(0);
      expect(seen.errors).toHaveLength(1);
      expect(seen.errors[0]).toMatchObject({ name: 'ApiSigError', code });
    },
  );

  it.each(faults)('node:http, %s: a bare 500, the handler never runs', async (_, fault) => {
    const { url, seen } = await plainServer(fault);
    const response = await fetch(url, { headers: toFetchHeaders(fullRequest) });
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({ error: 'internal_error' });
    expect(seen.route).toBe(0);
  });

  it('a broken clock on the server is a 500 too, not a pass', async () => {
    const { url, seen } = await plainServer({ clock: () => Number.NaN });
    const response = await fetch(url, { headers: toFetchHeaders(fullRequest) });
    expect(response.status).toBe(500);
    expect(seen.route).toBe(0);
  });

  it('the same servers let the genuine request through (control)', async () => {
    for (const start of [expressApp, plainServer]) {
      const { url, seen } = await start({});
      const response = await fetch(url, { headers: toFetchHeaders(fullRequest) });
      expect(response.status).toBe(200);
      expect(seen.route).toBe(1);
    }
  });
});

/** An API on loopback that refuses the first request with a Date far ahead, and logs headers. */
async function skewedApi() {
  const seen: Array<Record<string, string | undefined>> = [];
  const server = await listenOnLoopback((request, response) => {
    seen.push({
      'x-api-key': request.headers['x-api-key'] as string | undefined,
      'x-signature': request.headers['x-signature'] as string | undefined,
    });
    response.statusCode = 401;
    response.setHeader('date', new Date(Date.now() + 600_000).toUTCString());
    response.end('{"error":"exp_too_far","header":"x-signature"}');
  });
  closers.push(server.close);
  return { url: server.url, seen };
}

describe('createSignedFetch when the retry goes wrong', () => {
  it('a fetch that throws on the retry: its error comes back; only signed requests left', async () => {
    const api = await skewedApi();
    const signer = createSigner({ apiKey: 'ak_alice', jwtKey: 'jk_alice_fetch_secret' });
    const networkDown = new TypeError('fetch failed: network down');
    let calls = 0;
    const flaky: typeof fetch = (input, init) => {
      calls++;
      return calls === 1 ? fetch(input, init) : Promise.reject(networkDown);
    };
    const signedFetch = createSignedFetch(signer, { fetch: flaky });
    await expect(signedFetch(api.url)).rejects.toBe(networkDown);
    expect(calls).toBe(2);
    expect(signer.clockOffset).toBeGreaterThan(500);
    expect(api.seen).toHaveLength(1);
    for (const headers of api.seen) {
      expect(headers['x-api-key']).toBe('ak_alice');
      expect(headers['x-signature']).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    }
  });

  it('a signer whose clock breaks after the first answer: a typed error, no second request', async () => {
    const api = await skewedApi();
    let broken = false;
    const signer = createSigner({
      apiKey: 'ak_alice',
      jwtKey: 'jk_alice_fetch_secret',
      clock: () => (broken ? Number.NaN : Date.now()),
    });
    const signedFetch = createSignedFetch(signer, {
      fetch: async (input, init) => {
        const response = await fetch(input, init);
        broken = true;
        return response;
      },
    });
    await expect(signedFetch(api.url)).rejects.toMatchObject({
      name: 'ApiSigError',
      code: 'invalid_option',
      field: 'clock',
    });
    expect(api.seen).toHaveLength(1);
    expect(api.seen[0]?.['x-signature']).toBeDefined();
  });
});
