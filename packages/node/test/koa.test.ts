/**
 * The Koa middleware on real Koa 3 servers on 127.0.0.1 (with @koa/router and @koa/cors):
 * every mode reaches the route with `ctx.state.apisig`; refusals get the contract's answer
 * as JSON, never Koa's text; a failed lookup gets a clean 500/503; onVerdict once per
 * request; onRefusal's answer; preflights for @koa/cors in either order; a guarded router
 * beside an open one.
 */
import { type LoopbackServer, listenOnLoopback } from '@apisig/test-support';
import { alice, bob, castSecrets } from '@apisig/test-support/cast';
import cors from '@koa/cors';
import Router from '@koa/router';
import Koa from 'koa';
import { afterEach, describe, expect, it } from 'vitest';
import { isApiSigError, type Verdict } from '../src/index.js';
import { type ApiSigKoaOptions, type ApiSigState, apisig } from '../src/koa.js';
import {
  directory,
  lookupErrorText,
  modeCases,
  preflightHeaders,
  refusalCases,
  signedByAlice,
} from './fixtures.js';

const servers: LoopbackServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function listen(app: Koa<ApiSigState>): Promise<string> {
  const server = await listenOnLoopback(app.callback());
  servers.push(server);
  return server.url;
}

const corsOptions = { origin: 'https://app.example', allowHeaders: ['x-api-key', 'x-signature'] };
type Order = 'no cors' | 'cors first' | 'cors after';

/**
 * A Koa API guarded by apisig; it records every verdict, every request the route got, and
 * every error Koa itself saw (what its default handler would log).
 */
async function serve(options: Partial<ApiSigKoaOptions> = {}, order: Order = 'no cors') {
  const verdicts: Verdict[] = [];
  const routed: string[] = [];
  const errors: unknown[] = [];
  const app = new Koa<ApiSigState>();
  app.on('error', (error) => errors.push(error));
  const router = new Router<ApiSigState>();
  router.all('/v1/me', (ctx) => {
    routed.push(ctx.method);
    ctx.body = { identity: ctx.state.apisig ?? null };
  });
  if (order === 'cors first') app.use(cors(corsOptions));
  app.use(apisig({ ...directory(), onVerdict: (verdict) => verdicts.push(verdict), ...options }));
  if (order === 'cors after') app.use(cors(corsOptions));
  app.use(router.routes());
  const base = await listen(app);
  return { url: `${base}/v1/me`, verdicts, routed, errors };
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
    '%s: the contract answer as JSON before the route (the genuine caller passes)',
    async (_, refused, expected, genuine) => {
      const { url, verdicts, routed, errors } = await serve();
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
      expect(errors).toEqual([]); // answered, not thrown (ctx.throw would answer text)
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
    'that %s: %i { error: %s } as JSON, reported once, never to Koa’s error log',
    async (_, status, reason, retryAfter, fault) => {
      const { url, verdicts, routed, errors } = await serve(fault);
      const response = await fetch(url, { headers: signedByAlice() });
      expect(response.status).toBe(status);
      expect(response.headers.get('retry-after')).toBe(retryAfter);
      expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
      const text = await response.text();
      expect(JSON.parse(text)).toStrictEqual({ error: reason });
      expect(text).not.toMatch(/hunter2|ECONNREFUSED|stack|at /);
      expect(routed).toEqual([]);
      expect(errors).toEqual([]); // Koa's default handler would print its stack
      expect(verdicts).toHaveLength(1);
      expect(verdicts[0]).toMatchObject({ ok: false, reason, status });
      expect(isApiSigError((verdicts[0] as { error: unknown }).error, reason)).toBe(true);
    },
  );

  it('the same app with a lookup that answers lets the request through (control)', async () => {
    const { url, verdicts } = await serve({ lookupTimeoutMs: 20 });
    expect((await fetch(url, { headers: signedByAlice() })).status).toBe(200);
    expect(verdicts).toHaveLength(1);
  });

  it("onRefusal may answer it in the app's words", async () => {
    const { url } = await serve({
      ...throwing,
      onRefusal: (verdict) =>
        'error' in verdict ? { status: 503, body: { message: 'try again soon' } } : undefined,
    });
    const response = await fetch(url, { headers: signedByAlice() });
    expect(response.status).toBe(503);
    expect(await response.json()).toStrictEqual({ message: 'try again soon' });
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
      onRefusal: (verdict, ctx) =>
        verdict.reason === 'missing_signature'
          ? {
              status: 401,
              headers: { 'x-docs': `/auth?from=${ctx.path}`, 'Cache-Control': 'max-age=600' },
              body: 'Sign your requests',
            }
          : undefined,
    });
    const own = await fetch(url, {
      headers: { 'x-api-key': alice.apiKey },
    });
    expect(own.status).toBe(401);
    expect(own.headers.get('x-docs')).toBe('/auth?from=/v1/me');
    expect(own.headers.get('cache-control')).toBe('no-store');
    expect(own.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(await own.text()).toBe('"Sign your requests"'); // JSON, even for a string
    const standard = await fetch(url, { headers: { 'x-api-key': 'ak_nobody' } });
    expect(await standard.json()).toStrictEqual({ error: 'unknown_api_key', header: 'x-api-key' });
  });

  it('an onVerdict that throws goes to Koa’s error handling, never through', async () => {
    const { url, routed, errors } = await serve({
      onVerdict: () => {
        throw new Error('metrics down');
      },
    });
    const response = await fetch(url, { headers: signedByAlice() });
    expect(response.status).toBe(500);
    expect(await response.text()).toBe('Internal Server Error');
    expect(routed).toEqual([]);
    expect(errors).toHaveLength(1);
  });
});

describe('CORS preflights', () => {
  it.each(['cors first', 'cors after'] as const)(
    'go on unverified to @koa/cors (%s)',
    async (order) => {
      const { url, verdicts, routed } = await serve({}, order);
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
    },
  );

  it('with @koa/cors first, a refusal carries Access-Control-Allow-Origin', async () => {
    const origin = { origin: 'https://app.example' };
    const first = await serve({}, 'cors first');
    const refused = await fetch(first.url, { headers: origin });
    expect(refused.status).toBe(401);
    expect(refused.headers.get('access-control-allow-origin')).toBe('https://app.example');
    // After apisig, @koa/cors never runs for a refused request: the browser could not read it.
    const after = await serve({}, 'cors after');
    const unreadable = await fetch(after.url, { headers: origin });
    expect(unreadable.status).toBe(401);
    expect(unreadable.headers.get('access-control-allow-origin')).toBeNull();
  });

  it.each([
    ['an OPTIONS without the preflight headers', {}],
    ['an OPTIONS with Origin only', { origin: 'https://app.example' }],
  ])('%s is not one: @koa/cors passes it on, apisig refuses it', async (_, headers) => {
    const { url, verdicts, routed } = await serve({}, 'cors first');
    const response = await fetch(url, { method: 'OPTIONS', headers });
    expect(response.status).toBe(401);
    expect(routed).toEqual([]);
    expect(verdicts).toHaveLength(1);
  });

  it('a preflight carrying an API key is verified (cors after); cors first answers it', async () => {
    const headers = { ...preflightHeaders, 'x-api-key': 'ak_nobody' };
    const after = await serve({}, 'cors after');
    expect((await fetch(after.url, { method: 'OPTIONS', headers })).status).toBe(401);
    expect(after.verdicts).toHaveLength(1);
    // @koa/cors first answers it as the preflight it looks like: the route is not reached.
    const first = await serve({}, 'cors first');
    expect((await fetch(first.url, { method: 'OPTIONS', headers })).status).toBe(204);
    expect([...after.routed, ...first.routed]).toEqual([]);
  });

  it('without a CORS layer, a preflight reaches the route, with no identity', async () => {
    const { url, verdicts, routed } = await serve();
    const response = await fetch(url, { method: 'OPTIONS', headers: preflightHeaders });
    expect(await response.json()).toStrictEqual({ identity: null });
    expect(routed).toEqual(['OPTIONS']);
    expect(verdicts).toEqual([]);
  });

  it('verifyPreflight: true verifies preflights too', async () => {
    const { url, routed } = await serve({ verifyPreflight: true }, 'cors after');
    const response = await fetch(url, { method: 'OPTIONS', headers: preflightHeaders });
    expect(response.status).toBe(401);
    expect(routed).toEqual([]);
  });
});

describe('what the middleware guards', () => {
  it('a router that uses it: its routes; a route of another router stays open', async () => {
    const app = new Koa<ApiSigState>();
    const who = (ctx: Koa.ParameterizedContext<ApiSigState>) => {
      ctx.body = { identity: ctx.state.apisig ?? null };
    };
    const v1 = new Router<ApiSigState>({ prefix: '/v1' });
    v1.use(apisig(directory()));
    v1.get('/me', who);
    const open = new Router<ApiSigState>();
    open.get('/health', who);
    app.use(v1.routes()).use(open.routes());
    const base = await listen(app);
    const bad = { 'x-api-key': 'ak_nobody' };
    expect((await fetch(`${base}/v1/me`, { headers: bad })).status).toBe(401);
    expect(await (await fetch(`${base}/v1/me`, { headers: signedByAlice() })).json()).toMatchObject(
      {
        identity: { mode: 'signed' },
      },
    );
    const health = await fetch(`${base}/health`, { headers: bad });
    expect(await health.json()).toStrictEqual({ identity: null });
  });
});

describe('options', () => {
  it.each([
    ['users missing', { users: undefined }, 'users'],
    ['a negative leeway', { leeway: -1 }, 'leeway'],
    ['an unknown field', { jwt_key: 'x' }, 'jwt_key'],
    ['an onRefusal that is not a function', { onRefusal: {} }, 'onRefusal'],
  ])('%s: apisig() throws invalid_option naming it', (_, bad, field) => {
    const options = { ...directory(), ...bad } as unknown as ApiSigKoaOptions;
    expect(() => apisig(options)).toThrow(
      expect.objectContaining({ code: 'invalid_option', field }),
    );
  });

  it('valid ones are read once, when the middleware is made, not per request', async () => {
    let reads = 0;
    const counted = new Proxy(directory(), {
      get(target, property, receiver) {
        reads++;
        return Reflect.get(target, property, receiver);
      },
    });
    const app = new Koa<ApiSigState>();
    app.use(apisig(counted));
    app.use((ctx) => {
      ctx.body = ctx.state.apisig;
    });
    const url = await listen(app);
    const afterCreation = reads;
    for (let i = 0; i < 3; i++)
      expect((await fetch(url, { headers: signedByAlice() })).status).toBe(200);
    expect(reads).toBe(afterCreation);
  });
});
