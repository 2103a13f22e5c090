/**
 * The README's code: each example file appears in README.md verbatim, and runs here on real
 * servers on 127.0.0.1, so a copy-paste from the README works.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type LoopbackServer, listenOnLoopback } from '@apisig/test-support';
import { afterEach, describe, expect, it, vi } from 'vitest';
import expressApp from '../examples/express.js';
import fastifyApp from '../examples/fastify.js';
import koaApp from '../examples/koa.js';
import nodeServer from '../examples/node-http.js';
import signingApp from '../examples/signing-endpoint.js';
import { createSigner, isApiSigError } from '../src/index.js';

const packageDir = join(import.meta.dirname, '..');
const readme = readFileSync(join(packageDir, 'README.md'), 'utf8');
// fastify.ts and koa.ts run below; they join this list once README.md shows them.
const EXAMPLES = [
  'sign.ts',
  'client.ts',
  'express.ts',
  'node-http.ts',
  'fastify.ts',
  'koa.ts',
  'rotation.ts',
  'verify-headers.ts',
  'signing-endpoint.ts',
  'axios.ts',
  'got.ts',
  'undici.ts',
  'ky.ts',
];

const servers: LoopbackServer[] = [];
afterEach(async () => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function serve(handler: Parameters<typeof listenOnLoopback>[0]): Promise<string> {
  const server = await listenOnLoopback(handler);
  servers.push(server);
  return server.url;
}

const signedUser = { apiKey: 'ak_live_3f9a2c1e7b4d', jwtKey: 'jk_9b2e4c7a1f3d5e8b' };

describe('README examples', () => {
  for (const file of EXAMPLES) {
    it(`README.md shows examples/${file} verbatim`, () => {
      const source = readFileSync(join(packageDir, 'examples', file), 'utf8');
      expect(readme).toContain(`\`\`\`ts\n${source}\`\`\``);
    });
  }

  it('sign.ts: the three modes send the headers the contract asks for', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    const { plain, signed, organization } = await import('../examples/sign.js');
    expect(Object.keys(plain.headers())).toStrictEqual(['x-api-key']);
    expect(Object.keys(signed.headers())).toStrictEqual(['x-api-key', 'x-signature']);
    expect(Object.keys(organization.headers())).toStrictEqual([
      'x-api-key',
      'x-app-key',
      'x-app-signature',
    ]);
    expect(log).toHaveBeenCalledTimes(2);
  });

  it('verify-headers.ts: who a request is from, or why it is refused', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    const { whoIs } = await import('../examples/verify-headers.js');
    expect(log).toHaveBeenCalledWith(
      expect.objectContaining({ ok: false, reason: 'missing_signature', header: 'x-signature' }),
    );
    expect(await whoIs(createSigner(signedUser).headers())).toBe(`${signedUser.apiKey}, signed`);
    const forged = createSigner({ ...signedUser, jwtKey: 'jk_guess' }).headers();
    expect(await whoIs(forged)).toBe('401 bad_signature (x-signature)');
  });

  it('rotation.ts: both keys pass during the rotation, only the new one after', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    await import('../examples/rotation.js');
    expect(log.mock.calls).toStrictEqual([
      [true, true],
      [false, true],
    ]);
  });

  it('node-http.ts: a signed request passes, a forged one gets 401', async () => {
    const url = await serve(nodeServer);
    const ok = await fetch(url, { headers: createSigner(signedUser).headers() });
    expect(await ok.json()).toStrictEqual({ hello: signedUser.apiKey });
    const forged = createSigner({ ...signedUser, jwtKey: 'jk_guess' }).headers();
    const refused = await fetch(url, { headers: forged });
    expect(refused.status).toBe(401);
    expect(await refused.json()).toStrictEqual({ error: 'bad_signature', header: 'x-signature' });
  });

  it('signing-endpoint.ts: a logged-in browser gets headers express.ts accepts', async () => {
    const endpoint = `${await serve(signingApp)}/api/apisig/sign`;
    const api = await serve(expressApp);
    const browser = (cookie?: string) =>
      fetch(endpoint, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
        body: '{}',
      });

    const answer = (await (await browser('sid=s3cr3t-session-id')).json()) as {
      headers: Record<string, string>;
      expiresAt: number;
    };
    expect(answer.headers['x-api-key']).toBe('ak_live_3f9a2c1e7b4d');
    const me = await fetch(`${api}/v1/me`, { headers: answer.headers });
    expect(await me.json()).toStrictEqual({
      apiKey: 'ak_live_3f9a2c1e7b4d',
      appKey: 'app_acme',
      signed: true,
      mode: 'signed-organization',
    });
    expect((await browser('sid=unknown')).status).toBe(401);
    expect((await fetch(endpoint)).status).toBe(405);
  });

  it('client.ts: signs with the credentials from the environment', async () => {
    const api = await serve(expressApp);
    vi.stubEnv('API_URL', api);
    vi.stubEnv('API_KEY', signedUser.apiKey);
    vi.stubEnv('JWT_KEY', signedUser.jwtKey);
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    await import('../examples/client.js');
    expect(log).toHaveBeenCalledWith(200, {
      apiKey: signedUser.apiKey,
      signed: true,
      mode: 'signed',
    });
  });

  it('client.ts: without credentials it throws invalid_credentials before sending', async () => {
    vi.resetModules();
    vi.stubEnv('API_KEY', '');
    const error = await import('../examples/client.js').catch((rejection: unknown) => rejection);
    expect(isApiSigError(error, 'invalid_credentials')).toBe(true);
  });
});

describe('framework examples', () => {
  const viaAcme = () =>
    createSigner({
      apiKey: 'ak_live_5e6f7a8b9c0d',
      organization: { appKey: 'app_acme', appSecret: 'as_acme_secret' },
    }).headers();
  const preflight = {
    origin: 'https://app.example.com',
    'access-control-request-method': 'GET',
    'access-control-request-headers': 'x-api-key, x-signature',
  };

  /** What both examples promise: /v1 guarded in every mode, /health open, CORS for the app. */
  async function checkApi(url: string) {
    const me = async (headers: Record<string, string>) => {
      const response = await fetch(`${url}/v1/me`, { headers });
      return { status: response.status, body: await response.json() };
    };
    expect(await me(createSigner(signedUser).headers())).toStrictEqual({
      status: 200,
      body: { apiKey: signedUser.apiKey, signed: true, mode: 'signed' },
    });
    expect(await me(viaAcme())).toStrictEqual({
      status: 200,
      body: {
        apiKey: 'ak_live_5e6f7a8b9c0d',
        appKey: 'app_acme',
        signed: false,
        mode: 'organization',
      },
    });
    const refused = await fetch(`${url}/v1/me`, {
      headers: { 'x-api-key': signedUser.apiKey, origin: 'https://app.example.com' },
    });
    expect(refused.status).toBe(401);
    expect(refused.headers.get('www-authenticate')).toBe(
      'ApiSig error="missing_signature", header="x-signature"',
    );
    expect(refused.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
    expect(await refused.json()).toStrictEqual({
      error: 'missing_signature',
      header: 'x-signature',
    });
    const answered = await fetch(`${url}/v1/me`, { method: 'OPTIONS', headers: preflight });
    expect(answered.status).toBe(204);
    expect(answered.headers.get('access-control-allow-headers')).toContain('x-signature');
    const health = await fetch(`${url}/health`);
    expect(await health.json()).toStrictEqual({ ok: true });
  }

  it('fastify.ts: /v1 guarded in every mode, /health open, preflights for @fastify/cors', async () => {
    const url = await fastifyApp.listen({ port: 0, host: '127.0.0.1' });
    try {
      await checkApi(url);
    } finally {
      await fastifyApp.close();
    }
  });

  it('express.ts: /v1 guarded in every mode, /health open, preflights for cors()', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    await checkApi(await serve(expressApp));
    // onVerdict: the one refusal checkApi provokes, with its reason and never a token.
    expect(warn.mock.calls).toStrictEqual([['apisig refused', '/me', 'missing_signature']]);
  });

  it('koa.ts: /v1 guarded in every mode, /health open, preflights for @koa/cors', async () => {
    await checkApi(await serve(koaApp.callback()));
  });
});

// The HTTP-client examples, run against the Express example's API.
describe('HTTP-client examples', () => {
  const identity = { apiKey: signedUser.apiKey, signed: true, mode: 'signed' };
  const against = async () => {
    vi.stubEnv('API_URL', await serve(expressApp));
    vi.stubEnv('API_KEY', signedUser.apiKey);
    vi.stubEnv('JWT_KEY', signedUser.jwtKey);
    return vi.spyOn(console, 'log').mockImplementation(() => {});
  };

  it('axios.ts: the instance signs with the credentials from the environment', async () => {
    const log = await against();
    await import('../examples/axios.js');
    expect(log).toHaveBeenCalledWith(200, identity);
  });

  it('got.ts: the extended instance signs', async () => {
    const log = await against();
    await import('../examples/got.js');
    expect(log).toHaveBeenCalledWith(200, identity);
  });

  it('undici.ts: request and fetch sign through the dispatcher', async () => {
    const log = await against();
    const { dispatcher } = await import('../examples/undici.js');
    await dispatcher.close();
    expect(log.mock.calls).toStrictEqual([
      [200, identity],
      [200, identity],
    ]);
  });

  it('ky.ts: ky with the signed fetch signs', async () => {
    const log = await against();
    await import('../examples/ky.js');
    expect(log).toHaveBeenCalledWith(identity);
  });
});
