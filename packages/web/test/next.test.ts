/**
 * `@apisig/web/next` with the real Next.js 16. First the route handler and the middleware
 * called directly with real Requests (and NextRequest), on the TypeScript source: every mode,
 * each refusal, failed lookups, onVerdict, onRefusal, Next's context, preflights. Then a tiny
 * App Router app (test/next-app) built by `next build` against the BUILT package and served
 * by `next start` on 127.0.0.1: the same guards in the Node.js runtime (route handlers) and
 * the Edge runtime (middleware.ts), answering real HTTP.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { format } from 'node:util';
import { acme, alice, bob, carol, mallory } from '@apisig/test-support/cast';
import { NextRequest } from 'next/server';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createSigner } from '../src/index.js';
import {
  type ApiSigIdentity,
  type ApiSigNextOptions,
  apisigMiddleware,
  type Verdict,
  withApiSig,
} from '../src/next.js';
import { assertFreshBuild, packageDir } from './support/dist.js';

const users = (apiKey: string) => {
  if (apiKey === 'ak_boom') throw new Error('directory down: postgres://admin:hunter2@db');
  if (apiKey === 'ak_slow') return new Promise<never>(() => {});
  if (apiKey === alice.apiKey) return { jwtKey: alice.jwtKey };
  return apiKey === bob.apiKey || apiKey === carol.apiKey ? {} : null;
};
const organizations = (appKey: string) =>
  appKey === acme.appKey
    ? {
        appSecret: acme.appSecret,
        isMember: (apiKey: string) => apiKey === alice.apiKey || apiKey === bob.apiKey,
      }
    : null;
const base: ApiSigNextOptions = { users, organizations, lookupTimeoutMs: 50 };

const url = 'http://127.0.0.1:3000/api/me';
const request = (headers: Record<string, string> = {}, method = 'GET') =>
  new Request(url, { method, headers });

const modes = [
  ['api-key', () => createSigner({ apiKey: bob.apiKey }).headers(), { apiKey: bob.apiKey }],
  ['signed', () => createSigner(alice).headers(), { apiKey: alice.apiKey }],
  [
    'organization',
    () => createSigner({ apiKey: bob.apiKey, organization: acme }).headers(),
    { apiKey: bob.apiKey, appKey: acme.appKey },
  ],
  [
    'signed-organization',
    () => createSigner({ ...alice, organization: acme }).headers(),
    { apiKey: alice.apiKey, appKey: acme.appKey },
  ],
] as const;

type HeaderMaker = () => Promise<Record<string, string>>;
const refusals: Array<[string, HeaderMaker, status: number, reason: string, header: string]> = [
  ['no headers', async () => ({}), 401, 'missing_api_key', 'x-api-key'],
  [
    'an unknown API key',
    async () => ({ 'x-api-key': 'ak_nobody' }),
    401,
    'unknown_api_key',
    'x-api-key',
  ],
  [
    "alice's key signed with mallory's JWT key",
    () => createSigner({ apiKey: alice.apiKey, jwtKey: mallory.jwtKey }).headers(),
    401,
    'bad_signature',
    'x-signature',
  ],
  [
    'carol through acme, not a member',
    () => createSigner({ apiKey: carol.apiKey, organization: acme }).headers(),
    403,
    'not_a_member',
    'x-app-key',
  ],
];

const preflight = {
  origin: 'https://app.example',
  'access-control-request-method': 'GET',
  'access-control-request-headers': 'x-api-key,x-signature',
};

/** A wrapped handler that records what reached it, and the verdicts onVerdict saw. */
function guardedRoute(extra: Partial<ApiSigNextOptions> = {}) {
  const reached: Array<{ identity: ApiSigIdentity; context: unknown }> = [];
  const verdicts: Verdict[] = [];
  const GET = withApiSig(
    { ...base, onVerdict: (verdict) => verdicts.push(verdict), ...extra },
    (_request, identity, context: unknown) => {
      reached.push({ identity, context });
      return Response.json(identity);
    },
  );
  return { GET, reached, verdicts };
}

describe('withApiSig, called with real Requests', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it.each(modes)('runs the handler for %s with its identity', async (mode, sign, keys) => {
    const { GET, reached, verdicts } = guardedRoute();
    const response = await GET(request(await sign()), undefined);
    const signed = mode === 'signed' || mode === 'signed-organization';
    expect(response.status).toBe(200);
    expect(await response.json()).toStrictEqual({ ...keys, signed, mode });
    expect(reached.map((r) => r.identity)).toStrictEqual([{ ...keys, signed, mode }]);
    expect(verdicts).toHaveLength(1);
  });

  it.each(refusals)(
    'refuses %s with its reason and WWW-Authenticate; the handler never runs',
    async (_, sign, status, reason, header) => {
      const { GET, reached, verdicts } = guardedRoute();
      const headers = await sign();
      const response = await GET(request(headers), undefined);
      expect(response.status).toBe(status);
      expect(response.headers.get('www-authenticate')).toBe(
        `ApiSig error="${reason}", header="${header}"`,
      );
      expect(response.headers.get('cache-control')).toBe('no-store');
      const text = await response.text();
      expect(JSON.parse(text)).toStrictEqual({ error: reason, header });
      for (const value of Object.values(headers)) expect(text).not.toContain(value);
      expect(reached).toEqual([]);
      expect(verdicts).toMatchObject([{ ok: false, reason }]);
    },
  );

  it('answers a throwing lookup 500 and a hanging one 503, prints nothing, never runs the handler', async () => {
    const printed: string[] = [];
    for (const method of ['error', 'warn', 'log'] as const) {
      vi.spyOn(console, method).mockImplementation((...args) => void printed.push(format(...args)));
    }
    const { GET, reached, verdicts } = guardedRoute();
    const failed = await GET(request({ 'x-api-key': 'ak_boom' }), undefined);
    expect(failed.status).toBe(500);
    expect(failed.headers.get('www-authenticate')).toBeNull();
    expect(await failed.json()).toStrictEqual({ error: 'lookup_failed' });
    const slow = await GET(request({ 'x-api-key': 'ak_slow' }), undefined);
    expect(slow.status).toBe(503);
    expect(slow.headers.get('retry-after')).toBe('1');
    expect(await slow.json()).toStrictEqual({ error: 'lookup_timeout' });
    expect(reached).toEqual([]);
    expect(printed).toEqual([]);
    // What the lookup threw is the app's, through onVerdict only.
    expect(verdicts).toMatchObject([
      { ok: false, reason: 'lookup_failed', error: { code: 'lookup_failed' } },
      { ok: false, reason: 'lookup_timeout', error: { code: 'lookup_timeout' } },
    ]);
  });

  it("answers with onRefusal's Response when it gives one, the standard one otherwise", async () => {
    const { GET, verdicts } = guardedRoute({
      onRefusal: (verdict) =>
        verdict.reason === 'unknown_api_key'
          ? Response.json({ message: 'who are you?' }, { status: 401 })
          : undefined,
    });
    const own = await GET(request({ 'x-api-key': 'ak_nobody' }), undefined);
    expect(await own.json()).toStrictEqual({ message: 'who are you?' });
    const standard = await GET(request({ 'x-api-key': alice.apiKey }), undefined);
    expect(await standard.json()).toStrictEqual({
      error: 'missing_signature',
      header: 'x-signature',
    });
    expect(verdicts).toHaveLength(2);
  });

  it("passes Next's context (params) and the NextRequest on to the handler", async () => {
    const GET = withApiSig(
      base,
      async (req: NextRequest, identity, context: { params: Promise<{ id: string }> }) =>
        Response.json({
          id: (await context.params).id,
          path: req.nextUrl.pathname,
          apiKey: identity.apiKey,
        }),
    );
    const response = await GET(
      new NextRequest('http://127.0.0.1:3000/api/items/42', {
        headers: await createSigner(alice).headers(),
      }),
      { params: Promise.resolve({ id: '42' }) },
    );
    expect(await response.json()).toStrictEqual({
      id: '42',
      path: '/api/items/42',
      apiKey: alice.apiKey,
    });
  });

  it('answers a CORS preflight 204 without running the handler or reporting a verdict', async () => {
    const { GET, reached, verdicts } = guardedRoute();
    const response = await GET(request(preflight, 'OPTIONS'), undefined);
    expect(response.status).toBe(204);
    expect(await response.text()).toBe('');
    expect(reached).toEqual([]);
    expect(verdicts).toEqual([]);
  });

  it('verifies an OPTIONS that is no preflight, and every OPTIONS with verifyPreflight', async () => {
    const { GET, reached } = guardedRoute();
    const withKey = await GET(
      request({ ...preflight, 'x-api-key': 'ak_nobody' }, 'OPTIONS'),
      undefined,
    );
    expect(withKey.status).toBe(401);
    const { 'access-control-request-method': _, ...notPreflight } = preflight;
    expect((await GET(request(notPreflight, 'OPTIONS'), undefined)).status).toBe(401);
    const strict = guardedRoute({ verifyPreflight: true });
    const refused = await strict.GET(request(preflight, 'OPTIONS'), undefined);
    expect(refused.status).toBe(401);
    expect(await refused.json()).toStrictEqual({ error: 'missing_api_key', header: 'x-api-key' });
    expect(strict.verdicts).toHaveLength(1);
    // The control: the same guard with credentials runs the handler, even for OPTIONS.
    const signed = await GET(request(await createSigner(alice).headers(), 'OPTIONS'), undefined);
    expect(signed.status).toBe(200);
    expect(reached).toHaveLength(1);
  });

  it('checks its options once, when the route module loads', () => {
    const handler = () => new Response();
    expect(() => withApiSig({} as ApiSigNextOptions, handler)).toThrow(
      expect.objectContaining({ code: 'invalid_option', field: 'users' }),
    );
    expect(() => withApiSig({ users, runtime: 'edge' } as ApiSigNextOptions, handler)).toThrow(
      expect.objectContaining({ code: 'invalid_option', field: 'runtime' }),
    );
    expect(() => apisigMiddleware({ users, verifyPreflight: 'yes' } as never)).toThrow(
      expect.objectContaining({ code: 'invalid_option', field: 'verifyPreflight' }),
    );
  });
});

describe('apisigMiddleware, called with real NextRequests', () => {
  const middleware = apisigMiddleware(base);
  const next = (headers: Record<string, string> = {}, method = 'GET') =>
    new NextRequest('http://127.0.0.1:3000/api/orders', { method, headers });

  it('resolves to undefined ("go on") for a verified request, in every mode', async () => {
    for (const [, sign] of modes) expect(await middleware(next(await sign()))).toBeUndefined();
  });

  it('resolves to the refusal for a bad one (the same request with a forged key)', async () => {
    const forged = await createSigner({ apiKey: alice.apiKey, jwtKey: mallory.jwtKey }).headers();
    const refusal = await middleware(next(forged));
    expect(refusal?.status).toBe(401);
    expect(refusal?.headers.get('www-authenticate')).toBe(
      'ApiSig error="bad_signature", header="x-signature"',
    );
    expect(await refusal?.json()).toStrictEqual({ error: 'bad_signature', header: 'x-signature' });
  });

  it('answers a failed lookup 500 / 503, and lets a preflight go on', async () => {
    expect((await middleware(next({ 'x-api-key': 'ak_boom' })))?.status).toBe(500);
    expect((await middleware(next({ 'x-api-key': 'ak_slow' })))?.status).toBe(503);
    expect(await middleware(next(preflight, 'OPTIONS'))).toBeUndefined();
  });
});

// ---------------------------------------------------------------------------------------

const appDir = join(packageDir, 'test', 'next-app');
const nextBin = join(packageDir, 'node_modules', '.bin', 'next');
const BUILD_TIMEOUT = 180_000;
const CRASH_MARKER = 'route crashed on purpose 7f3a';
const nextEnv = {
  PATH: process.env.PATH ?? '',
  HOME: process.env.HOME ?? '/tmp',
  NEXT_TELEMETRY_DISABLED: '1',
  NO_COLOR: '1',
};

describe('a Next.js app: next build, then next start on 127.0.0.1', () => {
  let server: ChildProcess | undefined;
  let origin = '';
  let stdout = '';
  let stderr = '';
  let sequence = 0;

  beforeAll(async () => {
    assertFreshBuild();
    await new Promise<void>((resolve, reject) => {
      execFile(
        nextBin,
        ['build'],
        { cwd: appDir, env: nextEnv, maxBuffer: 16 << 20 },
        (error, out, err) =>
          error
            ? reject(new Error(`next build failed: ${error.message}\n${out}\n${err}`))
            : resolve(),
      );
    });
    server = spawn(nextBin, ['start', '-H', '127.0.0.1', '-p', '0'], {
      cwd: appDir,
      env: nextEnv,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    server.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    origin = await new Promise<string>((resolve, reject) => {
      server?.stdout?.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        const local = /Local:\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(stdout);
        if (local?.[1] && stdout.includes('Ready')) resolve(local[1]);
      });
      server?.once('exit', (code) => reject(new Error(`next start exited (${code}):\n${stderr}`)));
    });
  }, BUILD_TIMEOUT);

  afterAll(async () => {
    if (server && server.exitCode === null) {
      const exited = new Promise((resolve) => server?.once('exit', resolve));
      server.kill();
      await exited;
    }
  });

  async function call(path: string, headers: Record<string, string> = {}, init: RequestInit = {}) {
    const id = `next-${++sequence}`;
    const response = await fetch(`${origin}${path}`, {
      ...init,
      headers: { ...headers, 'x-test-id': id },
    });
    return { id, response, text: await response.text() };
  }
  /** The verdicts the app printed for one request (lib/options.ts: one line per verdict). */
  const verdictLines = (id: string) =>
    stdout
      .split('\n')
      .filter((line) => line.startsWith('apisig-verdict '))
      .map(
        (line) =>
          JSON.parse(line.slice('apisig-verdict '.length)) as {
            id: string;
            path: string;
            outcome: string;
          },
      )
      .filter((entry) => entry.id === id);

  it('the build put the middleware in the Edge runtime, and the app on the built package', () => {
    const manifest = JSON.parse(
      readFileSync(join(appDir, '.next', 'server', 'middleware-manifest.json'), 'utf8'),
    );
    const files: string[] = manifest.middleware['/'].files;
    expect(files.every((file) => file.startsWith('server/edge/'))).toBe(true);
    expect(manifest.middleware['/'].matchers[0].originalSource).toBe('/gate/:path*');
  });

  it.each(modes)('a route handler accepts %s with its identity', async (mode, sign, keys) => {
    const { id, response, text } = await call('/api/me', await sign());
    expect(response.status).toBe(200);
    const signed = mode === 'signed' || mode === 'signed-organization';
    expect(JSON.parse(text)).toStrictEqual({ ...keys, signed, mode });
    await vi.waitFor(() => expect(verdictLines(id)).toHaveLength(1));
    expect(verdictLines(id)).toStrictEqual([{ id, path: '/api/me', outcome: mode }]);
  });

  it.each(refusals)(
    'a route handler refuses %s with its reason and WWW-Authenticate',
    async (_, sign, status, reason, header) => {
      const { id, response, text } = await call('/api/me', await sign());
      expect(response.status).toBe(status);
      expect(response.headers.get('www-authenticate')).toBe(
        `ApiSig error="${reason}", header="${header}"`,
      );
      expect(JSON.parse(text)).toStrictEqual({ error: reason, header });
      await vi.waitFor(() => expect(verdictLines(id)).toHaveLength(1));
    },
  );

  it("passes params and the request body on; the README's route example builds and runs", async () => {
    const item = await call('/api/items/42', await createSigner(alice).headers());
    expect(JSON.parse(item.text)).toStrictEqual({
      id: '42',
      apiKey: alice.apiKey,
      path: '/api/items/42',
    });
    const posted = await call('/api/me', await createSigner(alice).headers(), {
      method: 'POST',
      body: 'hello',
    });
    expect(JSON.parse(posted.text)).toStrictEqual({ apiKey: alice.apiKey, body: 'hello' });
    const example = await call('/api/orders/7', { 'x-api-key': 'ak_live_3f9a2c1e7b4d' });
    expect(example.response.status).toBe(401);
    expect(JSON.parse(example.text)).toStrictEqual({
      error: 'missing_signature',
      header: 'x-signature',
    });
  });

  it('the Edge middleware refuses for its whole matcher, lets a verified request reach the route', async () => {
    const refused = await call('/gate/hello', { 'x-api-key': 'ak_nobody' });
    expect(refused.response.status).toBe(401);
    expect(refused.response.headers.get('www-authenticate')).toBe(
      'ApiSig error="unknown_api_key", header="x-api-key"',
    );
    expect(JSON.parse(refused.text)).toStrictEqual({
      error: 'unknown_api_key',
      header: 'x-api-key',
    });
    const passed = await call(
      '/gate/hello',
      await createSigner({ ...alice, organization: acme }).headers(),
    );
    expect(passed.response.status).toBe(200);
    expect(JSON.parse(passed.text)).toStrictEqual({ reached: 'hello' });
    await vi.waitFor(() => expect(verdictLines(passed.id)).toHaveLength(1));
    expect(verdictLines(passed.id)[0]?.outcome).toBe('signed-organization');
  });

  it("a preflight gets Next's automatic OPTIONS (204); the guard reports no verdict", async () => {
    const { id, response } = await call('/api/me', preflight, { method: 'OPTIONS' });
    expect(response.status).toBe(204);
    const marker = await call('/api/me'); // a later request's verdict line: the log has caught up
    await vi.waitFor(() => expect(verdictLines(marker.id)).toHaveLength(1));
    expect(verdictLines(id)).toEqual([]);
  });

  it('a failed lookup is 500 / 503 JSON from the handler and the middleware, and nothing in the logs; a crashing route is logged (the control)', async () => {
    for (const path of ['/api/me', '/gate/hello']) {
      const failed = await call(path, { 'x-api-key': 'ak_boom' });
      expect(failed.response.status).toBe(500);
      expect(JSON.parse(failed.text)).toStrictEqual({ error: 'lookup_failed' });
      const slow = await call(path, { 'x-api-key': 'ak_slow' });
      expect(slow.response.status).toBe(503);
      expect(JSON.parse(slow.text)).toStrictEqual({ error: 'lookup_timeout' });
      for (const { text } of [failed, slow]) expect(text).not.toMatch(/hunter2|directory|at /);
    }
    const crash = await call('/api/crash');
    expect(crash.response.status).toBe(500);
    await vi.waitFor(() => expect(stderr).toContain(CRASH_MARKER), { timeout: 10_000 });
    const before = stderr.slice(0, stderr.indexOf(CRASH_MARKER));
    expect(before).not.toMatch(/hunter2|directory down|ApiSigError|\n\s+at /);
    expect(stdout).not.toMatch(/hunter2|directory down|ApiSigError/);
  });
});
