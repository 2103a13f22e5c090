/**
 * The README's code: each example file appears in README.md verbatim, and runs here against
 * a signer, so a copy-paste from the README works.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, inject, it, vi } from 'vitest';
import { createApi } from '../examples/axios.js';
import honoApp from '../examples/hono.js';
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
});

describe('README examples', () => {
  for (const file of ['hono.ts', 'worker.ts', 'worker-signing.ts']) {
    it(`README.md shows examples/${file} verbatim`, () => {
      const source = readFileSync(join(packageDir, 'examples', file), 'utf8');
      expect(readme).toContain(`\`\`\`ts\n${source}\`\`\``);
    });
  }

  it('Hono: a signed request passes, an unsigned one gets 401 JSON', async () => {
    const signed = await honoApp.request('/v1/me', {
      headers: await createSigner(credentials).headers(),
    });
    expect(signed.status).toBe(200);
    expect(await signed.json()).toEqual({ apiKey: credentials.apiKey });

    const unsigned = await honoApp.request('/v1/me', {
      headers: { 'x-api-key': credentials.apiKey },
    });
    expect(unsigned.status).toBe(401);
    expect(await unsigned.json()).toEqual({ error: 'missing_signature', header: 'x-signature' });
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

// The axios example: run here; its README block is added with the README section.
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
