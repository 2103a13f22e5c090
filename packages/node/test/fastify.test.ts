/**
 * The Fastify plugin on real Fastify 5 servers on 127.0.0.1: every mode reaches the route
 * with its identity on `request.apisig`; refusals get the contract's answer before any
 * handler; a failed lookup gets a clean 500/503; onVerdict once per request; onRefusal's
 * answer; preflights for @fastify/cors in either order; the scope the plugin guards.
 */
import { Writable } from 'node:stream';
import { alice, bob, castSecrets } from '@apisig/test-support/cast';
import cors from '@fastify/cors';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { type ApiSigFastifyOptions, apisig } from '../src/fastify.js';
import { isApiSigError, type Verdict } from '../src/index.js';
import {
  directory,
  forgedForAlice,
  lookupErrorText,
  modeCases,
  preflightHeaders,
  refusalCases,
  signedByAlice,
} from './fixtures.js';

const apps: FastifyInstance[] = [];
afterEach(async () => {
  await Promise.all(apps.splice(0).map((app) => app.close()));
});

async function listen(app: FastifyInstance): Promise<string> {
  apps.push(app);
  return app.listen({ port: 0, host: '127.0.0.1' });
}

type Build = (app: FastifyInstance, options: ApiSigFastifyOptions) => Promise<void>;

/** apisig at the root, then the route: it answers who it saw. */
const atRoot: Build = async (app, options) => {
  await app.register(apisig, options);
};

interface ServeOptions {
  options?: Partial<ApiSigFastifyOptions>;
  build?: Build;
  fastify?: FastifyServerOptions;
}

/** A Fastify API guarded by apisig; it records every verdict and every request the route got. */
async function serve({ options = {}, build = atRoot, fastify = {} }: ServeOptions = {}) {
  const verdicts: Verdict[] = [];
  const routed: string[] = [];
  const app = Fastify(fastify);
  await build(app, { ...directory(), onVerdict: (verdict) => verdicts.push(verdict), ...options });
  app.route({
    method: ['GET', 'OPTIONS'],
    url: '/v1/me',
    handler: async (request) => {
      routed.push(request.method);
      return { identity: request.apisig ?? null };
    },
  });
  const base = await listen(app);
  return { base, url: `${base}/v1/me`, verdicts, routed };
}

describe('every mode', () => {
  it.each(modeCases)('%s reaches the route with its identity', async (_, headers, who) => {
    const { url, verdicts, routed } = await serve();
    const response = await fetch(url, { headers: headers() });
    expect(response.status).toBe(200);
    expect(await response.json()).toStrictEqual({ identity: who });
    expect(response.headers.get('www-authenticate')).toBeNull();
    expect(routed).toEqual(['GET']);
    expect(verdicts).toStrictEqual([{ ok: true, ...who }]);
  });
});

describe('refusals', () => {
  it.each(refusalCases)(
    '%s: the contract answer before any handler (the genuine caller passes)',
    async (_, refused, expected, genuine) => {
      const { url, verdicts, routed } = await serve();
      const headers = refused();
      const response = await fetch(url, { headers });
      expect(response.status).toBe(expected.status);
      expect(response.headers.get('www-authenticate')).toBe(
        `ApiSig error="${expected.reason}", header="${expected.header}"`,
      );
      expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
      expect(response.headers.get('cache-control')).toBe('no-store');
      const text = await response.text();
      expect(JSON.parse(text)).toStrictEqual({ error: expected.reason, header: expected.header });
      // Neither what was sent (keys, tokens) nor any secret comes back.
      for (const value of [...Object.values(headers), ...castSecrets]) {
        expect(text).not.toContain(value);
      }
      expect(routed).toEqual([]);
      expect(verdicts).toHaveLength(1);
      expect(verdicts[0]).toMatchObject({ ok: false, ...expected });

      expect((await fetch(url, { headers: genuine() })).status).toBe(200);
      expect(routed).toEqual(['GET']);
    },
  );
});

describe('a lookup that fails', () => {
  const throwing = {
    users: () => {
      throw new Error(lookupErrorText);
    },
  };
  const hanging = { users: () => new Promise<never>(() => {}), lookupTimeoutMs: 20 };

  it.each([
    ['throws', 500, 'lookup_failed', null, throwing],
    ['never settles', 503, 'lookup_timeout', '1', hanging],
  ] as const)(
    'that %s: %i { error: %s } and nothing else, reported once',
    async (_, status, reason, retryAfter, fault) => {
      const { url, verdicts, routed } = await serve({ options: fault });
      const response = await fetch(url, { headers: signedByAlice() });
      expect(response.status).toBe(status);
      expect(response.headers.get('retry-after')).toBe(retryAfter);
      expect(response.headers.get('www-authenticate')).toBeNull();
      const text = await response.text();
      // Not Fastify's error body ({ statusCode, code, error, message }), no stack, no cause.
      expect(JSON.parse(text)).toStrictEqual({ error: reason });
      expect(text).not.toMatch(/hunter2|ECONNREFUSED|message|stack|at /);
      expect(routed).toEqual([]);
      expect(verdicts).toHaveLength(1);
      expect(verdicts[0]).toMatchObject({ ok: false, reason, status });
      expect(isApiSigError((verdicts[0] as { error: unknown }).error, reason)).toBe(true);
    },
  );

  it('the same app with a lookup that answers lets the request through (control)', async () => {
    const { url, verdicts } = await serve({ options: { lookupTimeoutMs: 20 } });
    expect((await fetch(url, { headers: signedByAlice() })).status).toBe(200);
    expect(verdicts).toHaveLength(1);
  });

  it("onRefusal may answer it in the app's words", async () => {
    const { url } = await serve({
      options: {
        ...throwing,
        onRefusal: (verdict) =>
          'error' in verdict ? { status: 503, body: { message: 'try again soon' } } : undefined,
      },
    });
    const response = await fetch(url, { headers: signedByAlice() });
    expect(response.status).toBe(503);
    expect(await response.json()).toStrictEqual({ message: 'try again soon' });
  });

  it('reaches no log: the plugin logs nothing, Fastify never sees the error', async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const { url } = await serve({
      options: throwing,
      fastify: { logger: { level: 'trace', stream } },
    });
    const forged = forgedForAlice();
    expect((await fetch(url, { headers: signedByAlice() })).status).toBe(500);
    expect((await fetch(url, { headers: forged })).status).toBe(500);
    const log = lines.join('');
    expect(log).toContain('"statusCode":500'); // the log was captured
    expect(log).not.toMatch(/hunter2|ECONNREFUSED|ApiSigError/);
    for (const secret of [...castSecrets, forged['x-signature'] ?? '']) {
      expect(log).not.toContain(secret);
    }
  });
});

describe('onVerdict and onRefusal', () => {
  it('onVerdict is called once per request, whatever the outcome', async () => {
    const { url, verdicts } = await serve();
    await fetch(url, { headers: { 'x-api-key': bob.apiKey } });
    await fetch(url, { headers: { 'x-api-key': 'ak_nobody' } });
    await fetch(url);
    expect(verdicts.map((verdict) => verdict.ok)).toEqual([true, false, false]);
  });

  it("onRefusal answers in the app's words as JSON, no-store; nothing keeps the standard", async () => {
    const { url } = await serve({
      options: {
        onRefusal: (verdict) =>
          verdict.reason === 'missing_signature'
            ? {
                status: 401,
                headers: { 'x-docs': '/auth', 'Cache-Control': 'public, max-age=600' },
                body: { message: 'Sign your requests' },
              }
            : undefined,
      },
    });
    const own = await fetch(url, {
      headers: { 'x-api-key': alice.apiKey },
    });
    expect(own.status).toBe(401);
    expect(own.headers.get('x-docs')).toBe('/auth');
    expect(own.headers.get('cache-control')).toBe('no-store');
    expect(own.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(await own.json()).toStrictEqual({ message: 'Sign your requests' });
    const standard = await fetch(url, { headers: { 'x-api-key': 'ak_nobody' } });
    expect(await standard.json()).toStrictEqual({ error: 'unknown_api_key', header: 'x-api-key' });
  });

  it('an onVerdict that throws goes to Fastify’s error handler, never through', async () => {
    const { url, routed } = await serve({
      options: {
        onVerdict: () => {
          throw new Error('metrics down');
        },
      },
      build: async (app, options) => {
        app.setErrorHandler((_error, _request, reply) => reply.code(500).send({ handled: true }));
        await app.register(apisig, options);
      },
    });
    const response = await fetch(url, { headers: signedByAlice() });
    expect(response.status).toBe(500);
    expect(await response.json()).toStrictEqual({ handled: true });
    expect(routed).toEqual([]);
  });
});

describe('CORS preflights', () => {
  const corsOptions = {
    origin: 'https://app.example',
    allowedHeaders: ['x-api-key', 'x-signature'],
  };
  const corsFirst: Build = async (app, options) => {
    await app.register(cors, corsOptions);
    await app.register(apisig, options);
  };
  const corsAfter: Build = async (app, options) => {
    await app.register(apisig, options);
    await app.register(cors, corsOptions);
  };

  it.each([
    ['before', corsFirst],
    ['after', corsAfter],
  ])('go on unverified to @fastify/cors registered %s apisig', async (_, build) => {
    const { url, verdicts, routed } = await serve({ build });
    const response = await fetch(url, { method: 'OPTIONS', headers: preflightHeaders });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('https://app.example');
    expect(verdicts).toEqual([]); // not judged at all
    expect(routed).toEqual([]);
    // And the request it prepares is verified as any other.
    const real = await fetch(url, {
      headers: { ...signedByAlice(), origin: 'https://app.example' },
    });
    expect(real.status).toBe(200);
    expect(verdicts).toHaveLength(1);
  });

  it('with @fastify/cors first, a refusal carries Access-Control-Allow-Origin', async () => {
    const first = await serve({ build: corsFirst });
    const origin = { origin: 'https://app.example' };
    const refused = await fetch(first.url, { headers: origin });
    expect(refused.status).toBe(401);
    expect(refused.headers.get('access-control-allow-origin')).toBe('https://app.example');
    // Registered after apisig, @fastify/cors never sees a refused request: the browser
    // could not read the answer. Hence the README's order.
    const after = await serve({ build: corsAfter });
    const unreadable = await fetch(after.url, { headers: origin });
    expect(unreadable.status).toBe(401);
    expect(unreadable.headers.get('access-control-allow-origin')).toBeNull();
  });

  it.each([
    ['an OPTIONS without the preflight headers', {}],
    ['an OPTIONS with Origin only', { origin: 'https://app.example' }],
    ['a preflight carrying an API key', { ...preflightHeaders, 'x-api-key': 'ak_nobody' }],
  ])('%s is verified, and refused before the OPTIONS route', async (_, headers) => {
    const { url, verdicts, routed } = await serve();
    const response = await fetch(url, { method: 'OPTIONS', headers });
    expect(response.status).toBe(401);
    expect(routed).toEqual([]);
    expect(verdicts).toHaveLength(1);
  });

  it('without a CORS plugin, a preflight reaches the OPTIONS route, with no identity', async () => {
    const { url, verdicts, routed } = await serve();
    const response = await fetch(url, { method: 'OPTIONS', headers: preflightHeaders });
    expect(await response.json()).toStrictEqual({ identity: null });
    expect(routed).toEqual(['OPTIONS']);
    expect(verdicts).toEqual([]);
  });

  it('verifyPreflight: true verifies preflights too', async () => {
    const { url, routed } = await serve({ options: { verifyPreflight: true } });
    const response = await fetch(url, { method: 'OPTIONS', headers: preflightHeaders });
    expect(response.status).toBe(401);
    expect(routed).toEqual([]);
  });
});

describe('what the plugin guards', () => {
  /** Routes the test adds beside /v1/me: each answers who it saw. */
  const who = async (request: { apisig?: unknown }) => ({ identity: request.apisig ?? null });
  const bad = { 'x-api-key': 'ak_nobody' };

  it('at the root: every route, those of child plugins registered after it included', async () => {
    const { base } = await serve({
      build: async (app, options) => {
        await app.register(apisig, options);
        await app.register(async (child) => {
          child.get('/child', who);
        });
      },
    });
    expect((await fetch(`${base}/child`, { headers: bad })).status).toBe(401);
    expect(await (await fetch(`${base}/child`, { headers: signedByAlice() })).json()).toMatchObject(
      {
        identity: { mode: 'signed' },
      },
    );
  });

  it('at the root: a route declared before the plugin too (Fastify applies hooks at ready)', async () => {
    const app = Fastify();
    app.get('/early', who);
    await app.register(apisig, directory());
    const base = await listen(app);
    expect((await fetch(`${base}/early`, { headers: bad })).status).toBe(401);
    expect((await fetch(`${base}/early`, { headers: signedByAlice() })).status).toBe(200);
  });

  it('inside a prefixed plugin: its routes; a sibling route and a sibling plugin stay open', async () => {
    const verdicts: Verdict[] = [];
    const app = Fastify();
    app.get('/health', who);
    await app.register(
      async (v1) => {
        await v1.register(apisig, { ...directory(), onVerdict: (v) => verdicts.push(v) });
        v1.get('/me', who);
      },
      { prefix: '/v1' },
    );
    await app.register(
      async (v2) => {
        v2.get('/open', who);
      },
      { prefix: '/v2' },
    );
    const base = await listen(app);
    expect((await fetch(`${base}/v1/me`, { headers: bad })).status).toBe(401);
    expect(await (await fetch(`${base}/v1/me`, { headers: signedByAlice() })).json()).toMatchObject(
      {
        identity: { mode: 'signed' },
      },
    );
    for (const open of ['/health', '/v2/open']) {
      const response = await fetch(`${base}${open}`, { headers: bad });
      expect(response.status).toBe(200);
      expect(await response.json()).toStrictEqual({ identity: null });
    }
    expect(verdicts).toHaveLength(2); // only /v1 was judged
  });

  it('a prefix in its own options is refused (it could not scope the plugin)', async () => {
    const app = Fastify();
    apps.push(app);
    const withPrefix = { ...directory(), prefix: '/v1' } as unknown as ApiSigFastifyOptions;
    await expect(app.register(apisig, withPrefix)).rejects.toMatchObject({
      name: 'ApiSigError',
      code: 'invalid_option',
      field: 'prefix',
    });
  });

  it('registered at the root and again in a child: no decorator clash, both guard', async () => {
    const outer: Verdict[] = [];
    const inner: Verdict[] = [];
    const app = Fastify();
    await app.register(apisig, { ...directory(), onVerdict: (v) => outer.push(v) });
    await app.register(async (child) => {
      await child.register(apisig, { ...directory(), onVerdict: (v) => inner.push(v) });
      child.get('/both', who);
    });
    const base = await listen(app);
    expect((await fetch(`${base}/both`, { headers: signedByAlice() })).status).toBe(200);
    expect([outer.length, inner.length]).toEqual([1, 1]);
  });
});

describe('options', () => {
  it.each([
    ['users missing', { users: undefined }, 'users'],
    ['a negative leeway', { leeway: -1 }, 'leeway'],
    ['an unknown field', { jwt_key: 'x' }, 'jwt_key'],
    ['an onVerdict that is not a function', { onVerdict: 'log' }, 'onVerdict'],
  ])('%s: register() rejects with invalid_option naming it', async (_, bad, field) => {
    const app = Fastify();
    apps.push(app);
    const options = { ...directory(), ...bad } as unknown as ApiSigFastifyOptions;
    await expect(app.register(apisig, options)).rejects.toMatchObject({
      code: 'invalid_option',
      field,
    });
  });

  it('valid ones register, and are read once, not per request', async () => {
    let reads = 0;
    const counted = new Proxy(directory(), {
      get(target, property, receiver) {
        reads++;
        return Reflect.get(target, property, receiver);
      },
    });
    const { url } = await serve({ build: (app) => atRoot(app, counted) });
    const afterRegistration = reads;
    for (let i = 0; i < 3; i++)
      expect((await fetch(url, { headers: signedByAlice() })).status).toBe(200);
    expect(reads).toBe(afterRegistration);
  });
});
