/**
 * `@apisig/web/hono` on real servers: one Hono app (test/runtimes/hono-app.ts) served on
 * 127.0.0.1 by @hono/node-server in this process (the TypeScript source), and by Bun.serve and
 * Deno.serve in child processes (the BUILT package, imported by its name). The same requests
 * and assertions run against each: every mode accepted with its identity, each refusal with
 * its reason and WWW-Authenticate, a lookup that throws or hangs answered 500/503 JSON with
 * nothing on stderr, onVerdict once per request, onRefusal, and CORS preflights with hono/cors
 * in either order.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { format } from 'node:util';
import { listenOnLoopback } from '@apisig/test-support';
import { acme, acmeMembers, alice, bob, carol, mallory } from '@apisig/test-support/cast';
import { createAdaptorServer } from '@hono/node-server';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type ApiSigHonoOptions, apisig } from '../src/hono.js';
import { createSigner } from '../src/index.js';
import {
  ALLOWED_ORIGIN,
  BOOM_KEY,
  CRASH_MARKER,
  type HonoAppInput,
  LEAKY_MESSAGE,
  type LoggedVerdict,
  makeHonoApp,
  SLOW_KEY,
} from './runtimes/hono-app.js';
import { assertFreshBuild, packageDir } from './support/dist.js';

const TIMEOUT = 60_000;
const input: HonoAppInput = { alice, bob, carol, mallory, acme, acmeMembers: [...acmeMembers] };

/** A served app: its URL, everything it wrote to stderr so far, and how to stop it. */
interface Target {
  url: string;
  stderr(): string;
  close(): Promise<void>;
}

/** In this process, on the source: stderr is what console.error and process.stderr got. */
async function startNode(): Promise<Target> {
  const written: string[] = [];
  const consoleError = vi
    .spyOn(console, 'error')
    .mockImplementation((...args: unknown[]) => void written.push(`${format(...args)}\n`));
  const stderrWrite = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    written.push(String(chunk));
    return true;
  });
  const { app } = makeHonoApp(apisig, input);
  const server = await listenOnLoopback(createAdaptorServer({ fetch: app.fetch }) as Server);
  return {
    url: server.url,
    stderr: () => written.join(''),
    close: async () => {
      await server.close();
      consoleError.mockRestore();
      stderrWrite.mockRestore();
    },
  };
}

const bin = (name: string) => join(packageDir, 'node_modules', '.bin', name);
const serverEntry = join(packageDir, 'test', 'runtimes', 'hono-server.ts');

/** A child process serving hono-server.ts; resolves once it printed its port. */
function startChild(command: string, args: string[], env: Record<string, string>) {
  return async (): Promise<Target> => {
    const scratch = mkdtempSync(join(tmpdir(), 'apisig-hono-'));
    // Its own process group: node_modules/.bin's shims may run the runtime as a grandchild,
    // which a kill of the shim alone would leave serving after the suite.
    const child: ChildProcess = spawn(command, args, {
      cwd: packageDir,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        PATH: process.env.PATH ?? '',
        HOME: scratch,
        NO_COLOR: '1',
        APISIG_HONO_INPUT: JSON.stringify(input),
        DENO_DIR: join(scratch, 'deno'),
        BUN_INSTALL_CACHE_DIR: join(scratch, 'bun'),
        ...env,
      },
    });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    const announced = await new Promise<{ port: number; resolved: string }>((resolve, reject) => {
      let stdout = '';
      child.stdout?.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        const line = stdout.split('\n').find((l) => l.startsWith('{'));
        if (line !== undefined) resolve(JSON.parse(line));
      });
      child.once('exit', (code) => reject(new Error(`${command} exited (${code}):\n${stderr}`)));
    });
    // Bun and Deno must run the built package, not the TypeScript source.
    expect(announced.resolved).toBe(`file://${join(packageDir, 'dist', 'hono.js')}`);
    return {
      url: `http://127.0.0.1:${announced.port}`,
      stderr: () => stderr,
      close: async () => {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGTERM');
        await exited;
        rmSync(scratch, { recursive: true, force: true });
      },
    };
  };
}

const runtimes: Array<[name: string, start: () => Promise<Target>]> = [
  ['Node 20 (@hono/node-server 2.1.9, source)', startNode],
  [
    'Bun 1.4.5 (Bun.serve, built package)',
    startChild(bin('bun'), ['run', serverEntry], { DO_NOT_TRACK: '1' }),
  ],
  [
    'Deno 2.9.6 (Deno.serve, built package)',
    startChild(
      bin('deno'),
      [
        'run',
        '--no-prompt',
        '--no-lock',
        '--allow-env=APISIG_HONO_INPUT',
        '--allow-net=127.0.0.1',
        serverEntry,
      ],
      { DENO_NO_UPDATE_CHECK: '1' },
    ),
  ],
];

const preflight = {
  origin: ALLOWED_ORIGIN,
  'access-control-request-method': 'GET',
  'access-control-request-headers': 'x-api-key,x-signature',
};

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
    'alice without her signature',
    async () => ({ 'x-api-key': alice.apiKey }),
    401,
    'missing_signature',
    'x-signature',
  ],
  [
    'acme signed with another App Secret',
    () =>
      createSigner({
        apiKey: bob.apiKey,
        organization: { appKey: acme.appKey, appSecret: 'as_not_acme_secret_55' },
      }).headers(),
    401,
    'bad_signature',
    'x-app-signature',
  ],
  [
    'carol through acme, not a member',
    () => createSigner({ apiKey: carol.apiKey, organization: acme }).headers(),
    403,
    'not_a_member',
    'x-app-key',
  ],
];

describe.each(runtimes)('%s', (runtime, start) => {
  let target: Target;
  let sequence = 0;
  beforeAll(async () => {
    if (runtime.includes('built')) assertFreshBuild();
    target = await start();
  }, TIMEOUT);
  afterAll(async () => {
    await target?.close();
  });

  /** One request, tagged with an id that onVerdict logs. */
  async function call(path: string, headers: Record<string, string> = {}, method = 'GET') {
    const id = `req-${++sequence}`;
    const response = await fetch(`${target.url}${path}`, {
      method,
      headers: { ...headers, 'x-test-id': id },
    });
    return { id, response, text: await response.text() };
  }
  const verdictsOf = async (id: string) => {
    const { text } = await call('/log');
    return (JSON.parse(text) as LoggedVerdict[]).filter((entry) => entry.id === id);
  };

  describe.each(['v1', 'chained', 'route-level'])('mounted as /%s', (prefix) => {
    it.each(modes)('accepts %s, with the identity in the route', async (mode, sign, keys) => {
      const { response, text } = await call(`/${prefix}/me`, await sign());
      expect(response.status).toBe(200);
      const signed = mode === 'signed' || mode === 'signed-organization';
      expect(JSON.parse(text)).toStrictEqual({ ...keys, signed, mode });
    });

    it('refuses a request without credentials (the same route, bad input)', async () => {
      const { response, text } = await call(`/${prefix}/me`);
      expect(response.status).toBe(401);
      expect(JSON.parse(text)).toStrictEqual({ error: 'missing_api_key', header: 'x-api-key' });
    });
  });

  it.each(refusals)(
    'refuses %s with its reason and WWW-Authenticate',
    async (_, sign, status, reason, header) => {
      const headers = await sign();
      const { response, text } = await call('/v1/me', headers);
      expect(response.status).toBe(status);
      expect(response.headers.get('www-authenticate')).toBe(
        `ApiSig error="${reason}", header="${header}"`,
      );
      expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect(JSON.parse(text)).toStrictEqual({ error: reason, header });
      for (const value of Object.values(headers)) expect(text).not.toContain(value);
    },
  );

  it('answers a throwing lookup 500 and a hanging one 503 itself: JSON, nothing on stderr; a throwing route still reaches Hono’s onError (the control)', async () => {
    const failed = await call('/v1/me', { 'x-api-key': BOOM_KEY });
    expect(failed.response.status).toBe(500);
    expect(failed.response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(failed.response.headers.get('www-authenticate')).toBeNull();
    expect(JSON.parse(failed.text)).toStrictEqual({ error: 'lookup_failed' });

    const slow = await call('/v1/me', { 'x-api-key': SLOW_KEY });
    expect(slow.response.status).toBe(503);
    expect(slow.response.headers.get('retry-after')).toBe('1');
    expect(JSON.parse(slow.text)).toStrictEqual({ error: 'lookup_timeout' });
    for (const { text } of [failed, slow]) expect(text).not.toMatch(/hunter2|directory|at |Error/);

    // Hono's default onError prints what reaches it: a route that throws does.
    const crash = await call('/crash');
    expect(crash.response.status).toBe(500);
    expect(crash.text).toBe('Internal Server Error');
    await vi.waitFor(() => expect(target.stderr()).toContain(CRASH_MARKER), { timeout: 10_000 });
    const beforeCrash = target.stderr().slice(0, target.stderr().indexOf(CRASH_MARKER));
    expect(beforeCrash).not.toContain(LEAKY_MESSAGE.split(':')[0]);
    expect(beforeCrash).not.toMatch(/hunter2|ApiSigError|lookup_failed|lookup_timeout|\n\s+at /);
  });

  it('reports each verdict to onVerdict once per request, with the error code for a failed lookup; preflights let through are not verdicts', async () => {
    const accepted = await call('/v1/me', await createSigner(alice).headers());
    const refused = await call('/v1/me', { 'x-api-key': 'ak_nobody' });
    const failed = await call('/v1/me', { 'x-api-key': BOOM_KEY });
    const corsFirst = await call('/cors-first/me', preflight, 'OPTIONS');
    const corsAfter = await call('/cors-after/me', preflight, 'OPTIONS');
    expect(await verdictsOf(accepted.id)).toStrictEqual([
      { id: accepted.id, path: '/v1/me', ok: true, mode: 'signed' },
    ]);
    expect(await verdictsOf(refused.id)).toStrictEqual([
      { id: refused.id, path: '/v1/me', ok: false, reason: 'unknown_api_key' },
    ]);
    expect(await verdictsOf(failed.id)).toStrictEqual([
      {
        id: failed.id,
        path: '/v1/me',
        ok: false,
        reason: 'lookup_failed',
        errorCode: 'lookup_failed',
      },
    ]);
    expect(await verdictsOf(corsFirst.id)).toEqual([]);
    expect(await verdictsOf(corsAfter.id)).toEqual([]);
    // Over every request this runtime served so far: no id was reported twice.
    const { text } = await call('/log');
    const ids = (JSON.parse(text) as LoggedVerdict[]).map((entry) => entry.id);
    expect(ids.length).toBeGreaterThan(20);
    expect(ids.filter((id, index) => ids.indexOf(id) !== index)).toEqual([]);
  });

  it("answers with onRefusal's Response when it gives one, the standard answer when it gives none", async () => {
    const own = await call('/own/me', { 'x-api-key': 'ak_nobody' });
    expect(own.response.status).toBe(401);
    expect(JSON.parse(own.text)).toStrictEqual({ message: 'who are you?' });
    expect(own.response.headers.get('www-authenticate')).toBeNull();

    const standard = await call(
      '/own/me',
      await createSigner({ apiKey: carol.apiKey, organization: acme }).headers(),
    );
    expect(standard.response.status).toBe(403);
    expect(JSON.parse(standard.text)).toStrictEqual({ error: 'not_a_member', header: 'x-app-key' });
    expect(await verdictsOf(own.id)).toHaveLength(1);

    const control = await call('/own/me', await createSigner(alice).headers());
    expect(control.response.status).toBe(200);
  });

  describe('CORS preflights with hono/cors', () => {
    it.each(['cors-first', 'cors-after'])(
      '%s: hono/cors answers the preflight 204 with its headers, unverified',
      async (prefix) => {
        const { response, text } = await call(`/${prefix}/me`, preflight, 'OPTIONS');
        expect(response.status).toBe(204);
        expect(text).toBe('');
        expect(response.headers.get('access-control-allow-origin')).toBe(ALLOWED_ORIGIN);
        expect(response.headers.get('access-control-allow-headers')).toContain('x-api-key');
      },
    );

    it('an OPTIONS that carries one of our headers is no preflight: it is verified', async () => {
      const headers = { ...preflight, 'x-api-key': 'ak_nobody' };
      const { response, text } = await call('/cors-after/me', headers, 'OPTIONS');
      expect(response.status).toBe(401);
      expect(JSON.parse(text)).toStrictEqual({ error: 'unknown_api_key', header: 'x-api-key' });
    });

    it('verifyPreflight: true refuses the same preflight (401), and reports it', async () => {
      const { id, response, text } = await call('/strict/me', preflight, 'OPTIONS');
      expect(response.status).toBe(401);
      expect(JSON.parse(text)).toStrictEqual({ error: 'missing_api_key', header: 'x-api-key' });
      expect(await verdictsOf(id)).toHaveLength(1);
    });

    it('without a CORS layer, a preflight reaches the OPTIONS route with no identity; an OPTIONS without Access-Control-Request-Method is verified', async () => {
      const let_through = await call('/bare/me', preflight, 'OPTIONS');
      expect(let_through.response.status).toBe(200);
      expect(JSON.parse(let_through.text)).toStrictEqual({ handler: 'ran', identity: null });

      const { 'access-control-request-method': _, ...notPreflight } = preflight;
      const verified = await call('/bare/me', notPreflight, 'OPTIONS');
      expect(verified.response.status).toBe(401);
    });

    it('cors() first: a refusal carries Access-Control-Allow-Origin, so a browser can read it', async () => {
      const refused = await call('/cors-first/me', { origin: ALLOWED_ORIGIN });
      expect(refused.response.status).toBe(401);
      expect(refused.response.headers.get('access-control-allow-origin')).toBe(ALLOWED_ORIGIN);
      expect(JSON.parse(refused.text)).toMatchObject({ error: 'missing_api_key' });

      const accepted = await call('/cors-first/me', {
        origin: ALLOWED_ORIGIN,
        ...(await createSigner(alice).headers()),
      });
      expect(accepted.response.status).toBe(200);
      expect(accepted.response.headers.get('access-control-allow-origin')).toBe(ALLOWED_ORIGIN);
    });

    it('cors() after: the refusal has no Access-Control-Allow-Origin (why cors() goes first)', async () => {
      const refused = await call('/cors-after/me', { origin: ALLOWED_ORIGIN });
      expect(refused.response.status).toBe(401);
      expect(refused.response.headers.get('access-control-allow-origin')).toBeNull();
    });
  });
});

describe('apisig() itself (Node)', () => {
  const users = (apiKey: string) => (apiKey === alice.apiKey ? { jwtKey: alice.jwtKey } : null);

  it('checks its options once, when it is made: a mistake throws ApiSigError invalid_option', () => {
    expect(() => apisig({} as ApiSigHonoOptions)).toThrow(
      expect.objectContaining({ code: 'invalid_option', field: 'users' }),
    );
    expect(() => apisig({ users, prefix: '/v1' } as ApiSigHonoOptions)).toThrow(
      expect.objectContaining({ code: 'invalid_option', field: 'prefix' }),
    );
    expect(() => apisig({ users, onVerdict: 'log' } as never)).toThrow(
      expect.objectContaining({ code: 'invalid_option', field: 'onVerdict' }),
    );
    expect(() => apisig({ users })).not.toThrow();
  });

  it('an onVerdict that throws (the app’s bug) goes to app.onError and never through; the control passes', async () => {
    const served: string[] = [];
    const errors: unknown[] = [];
    const serve = async (onVerdict: ApiSigHonoOptions['onVerdict']) => {
      const app = new Hono();
      app.use('/v1/*', apisig({ users, onVerdict }));
      app.get('/v1/me', (c) => {
        served.push(c.req.path);
        return c.json({ ok: true });
      });
      app.onError((error, c) => {
        errors.push(error);
        return c.json({ error: 'internal_error' }, 500);
      });
      return listenOnLoopback(createAdaptorServer({ fetch: app.fetch }) as Server);
    };
    const headers = await createSigner(alice).headers();
    const broken = await serve(() => {
      throw new Error('metrics down');
    });
    const response = await fetch(`${broken.url}/v1/me`, { headers });
    await broken.close();
    expect(response.status).toBe(500);
    expect(served).toEqual([]);
    expect(errors).toEqual([new Error('metrics down')]);

    const working = await serve(() => {});
    const control = await fetch(`${working.url}/v1/me`, { headers });
    await working.close();
    expect(control.status).toBe(200);
    expect(served).toEqual(['/v1/me']);
  });

  it('hono is an optional peer dependency, never a dependency', () => {
    const manifest = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'));
    expect(manifest.dependencies).not.toHaveProperty('hono');
    expect(manifest.peerDependencies).toHaveProperty('hono');
    expect(manifest.peerDependenciesMeta.hono).toStrictEqual({ optional: true });
  });
});
