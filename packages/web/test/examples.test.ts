/**
 * The README's code: each example file appears in README.md verbatim, and runs here against
 * a signer, so a copy-paste from the README works.
 */
import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { remoteSigningAnswer } from '@apisig/core/adapter';
import { listenOnLoopback } from '@apisig/test-support';
import { createAdaptorServer } from '@hono/node-server';
import { NextRequest } from 'next/server';
import { afterEach, describe, expect, inject, it, vi } from 'vitest';
import { createApi } from '../examples/axios.js';
import honoGuard from '../examples/hono-guard.js';
import * as nextMiddleware from '../examples/next-middleware.js';
import * as nextMiddlewareChain from '../examples/next-middleware-chain.js';
import * as nextRoute from '../examples/next-route.js';
import worker from '../examples/worker.js';
import signingWorker from '../examples/worker-signing.js';
import { createSigner } from '../src/index.js';
import { verifyRequest } from '../src/verify.js';
import { packageDir } from './support/dist.js';
import './support/context.js';

const readme = readFileSync(join(packageDir, 'README.md'), 'utf8');
const credentials = { apiKey: 'ak_live_3f9a2c1e7b4d', jwtKey: 'jk_9b2e4c7a1f3d5e8b' };

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
  vi.resetModules();
});

/** The API at https://api.example.com, answering what its verifier made of each request. */
async function answerAsTheApi(request: Request): Promise<Response> {
  const result = await verifyRequest(request, { users: () => ({ jwtKey: credentials.jwtKey }) });
  return Response.json(result, { status: result.ok ? 200 : 401 });
}

describe('README examples', () => {
  for (const file of [
    'sign.ts',
    'remote-signer.ts',
    'axios.ts',
    'hono-guard.ts',
    'next-route.ts',
    'next-middleware.ts',
    'next-middleware-chain.ts',
    'worker.ts',
    'worker-signing.ts',
  ]) {
    it(`README.md shows examples/${file} verbatim`, () => {
      const source = readFileSync(join(packageDir, 'examples', file), 'utf8');
      expect(readme).toContain(`\`\`\`ts\n${source}\`\`\``);
    });
  }

  it('sign.ts: signs, sends one signed POST with its body, and refuses another origin', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    const sent: Array<{ url: string; method: string; body: string }> = [];
    vi.stubGlobal('fetch', async (input: RequestInfo | URL, init?: RequestInit) => {
      const request = new Request(input, init);
      sent.push({ url: request.url, method: request.method, body: await request.clone().text() });
      return answerAsTheApi(request);
    });
    await import('../examples/sign.js');
    expect(sent).toStrictEqual([
      { url: 'https://api.example.com/v1/orders', method: 'POST', body: '{"sku":"A1"}' },
    ]);
    expect(Object.keys(log.mock.calls[0]?.[0] as object)).toStrictEqual([
      'x-api-key',
      'x-signature',
    ]);
    expect(log.mock.calls.slice(1)).toStrictEqual([[200], ['not sent: another origin']]);
  });

  it('remote-signer.ts: headers from the endpoint, the API accepts them, clear() asks again', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    const backendSigner = createSigner(credentials); // the server's, holding the secret
    let asked = 0;
    vi.stubGlobal('fetch', async (input: RequestInfo | URL, init?: RequestInit) => {
      if (input === '/api/apisig/sign') {
        expect(init?.method).toBe('POST');
        asked++;
        return Response.json(remoteSigningAnswer(await backendSigner.sign(), Date.now()));
      }
      return answerAsTheApi(new Request(input, init));
    });
    const { api } = await import('../examples/remote-signer.js');
    expect(log).toHaveBeenCalledWith(expect.objectContaining({ ok: true, mode: 'signed' }));
    expect(asked).toBe(1);
    await api('/v1/me');
    expect(asked).toBe(2); // the example cleared the cache after its request
    await api('/v1/me');
    expect(asked).toBe(2); // and the new headers are reused while fresh
  });

  it('Worker: verifies with the JWT key from its env', async () => {
    const env = { JWT_KEY: credentials.jwtKey };
    const headers = await createSigner(credentials).headers();
    const ok = await worker.fetch(new Request('https://worker.test/', { headers }), env);
    expect(await ok.json()).toEqual({ hello: credentials.apiKey });
    const forged = await createSigner({ ...credentials, jwtKey: 'jk_guess' }).headers();
    const refused = await worker.fetch(
      new Request('https://worker.test/', { headers: forged }),
      env,
    );
    expect(refused.status).toBe(401);
  });

  it('Worker that signs: its outbound requests verify, with one signer per isolate', async () => {
    const seen: Request[] = [];
    vi.stubGlobal('fetch', async (input: RequestInfo | URL, init?: RequestInit) => {
      const request = new Request(input, init);
      seen.push(request);
      const result = await verifyRequest(request, {
        users: () => ({ jwtKey: credentials.jwtKey }),
      });
      return Response.json(result, { status: result.ok ? 200 : 401 });
    });
    const env = { API_KEY: credentials.apiKey, JWT_KEY: credentials.jwtKey };
    for (let i = 0; i < 2; i++) {
      const response = await signingWorker.fetch(new Request('https://worker.test/'), env);
      expect(await response.json()).toMatchObject({ ok: true, signed: true, mode: 'signed' });
    }
    expect(seen.map((r) => r.url)).toEqual([
      'https://api.example.com/v1/me',
      'https://api.example.com/v1/me',
    ]);
  });
});

// The examples of the Hono and Next.js bindings.
describe('binding examples', () => {
  it('Hono guard: typed sub-app behind cors(); 401 with WWW-Authenticate, preflight 204', async () => {
    const warnings = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const server = await listenOnLoopback(
      createAdaptorServer({ fetch: honoGuard.fetch }) as Server,
    );
    try {
      const signed = await fetch(`${server.url}/v1/me`, {
        headers: await createSigner(credentials).headers(),
      });
      expect(signed.status).toBe(200);
      expect(await signed.json()).toEqual({ apiKey: credentials.apiKey, mode: 'signed' });

      const origin = 'https://app.example.com';
      const unsigned = await fetch(`${server.url}/v1/me`, {
        headers: { origin, 'x-api-key': credentials.apiKey },
      });
      expect(unsigned.status).toBe(401);
      expect(unsigned.headers.get('www-authenticate')).toBe(
        'ApiSig error="missing_signature", header="x-signature"',
      );
      expect(unsigned.headers.get('access-control-allow-origin')).toBe(origin);
      expect(await unsigned.json()).toEqual({ error: 'missing_signature', header: 'x-signature' });
      expect(warnings.mock.calls).toEqual([['apisig missing_signature GET /v1/me']]);

      const preflight = await fetch(`${server.url}/v1/me`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'GET' },
      });
      expect(preflight.status).toBe(204);
      expect(preflight.headers.get('access-control-allow-headers')).toContain('x-signature');

      expect(await (await fetch(`${server.url}/health`)).text()).toBe('ok');
    } finally {
      await server.close();
    }
  });

  it('Next.js route handler: runs for a signed request with its params, 401 otherwise', async () => {
    const context = { params: Promise.resolve({ id: '7' }) };
    const signed = await nextRoute.GET(
      new NextRequest('http://localhost:3000/api/orders/7', {
        headers: await createSigner(credentials).headers(),
      }),
      context,
    );
    expect(await signed.json()).toEqual({ id: '7', owner: credentials.apiKey, mode: 'signed' });
    const unsigned = await nextRoute.GET(
      new Request('http://localhost:3000/api/orders/7', {
        headers: { 'x-api-key': credentials.apiKey },
      }),
      context,
    );
    expect(unsigned.status).toBe(401);
    expect(unsigned.headers.get('www-authenticate')).toBe(
      'ApiSig error="missing_signature", header="x-signature"',
    );
  });

  it('Next.js middleware: undefined ("go on") when verified, the refusal otherwise', async () => {
    const url = 'http://localhost:3000/api/orders';
    const headers = await createSigner(credentials).headers();
    expect(await nextMiddleware.middleware(new NextRequest(url, { headers }))).toBeUndefined();
    const refusal = await nextMiddleware.middleware(new NextRequest(url));
    expect(refusal?.status).toBe(401);
    expect(await refusal?.json()).toEqual({ error: 'missing_api_key', header: 'x-api-key' });
    expect(nextMiddleware.config).toEqual({ matcher: '/api/:path*' });
  });

  it('Next.js middleware that does more: NextResponse.next() when verified, the refusal otherwise', async () => {
    const url = 'http://localhost:3000/api/orders';
    const headers = await createSigner(credentials).headers();
    const passed = await nextMiddlewareChain.middleware(new NextRequest(url, { headers }));
    expect(passed.headers.get('x-middleware-next')).toBe('1');
    expect(passed.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const forged = await createSigner({ ...credentials, jwtKey: 'jk_guess' }).headers();
    const refused = await nextMiddlewareChain.middleware(new NextRequest(url, { headers: forged }));
    expect(refused.status).toBe(401);
    expect(refused.headers.get('x-middleware-next')).toBeNull();
    expect(await refused.json()).toEqual({ error: 'bad_signature', header: 'x-signature' });
  });
});

describe('axios example', () => {
  it('axios.ts: signs with headers from the signing endpoint', async () => {
    const apiUrl = inject('apiUrl');
    const realFetch = globalThis.fetch;
    // The page's own origin, for the endpoint's relative URL: here, the test API's /sign.
    vi.stubGlobal('fetch', (input: RequestInfo | URL, init?: RequestInit) =>
      realFetch(input === '/api/apisig/sign' ? `${apiUrl}/sign` : input, init),
    );
    const api = createApi(apiUrl);
    const { data } = await api.get(`/v1/echo?id=example-${Date.now()}`);
    expect(data).toMatchObject({ apiKey: 'ak_alice', mode: 'signed', attempts: 1 });
  });
});
