/**
 * The middleware's own duties, on real servers: the failure body, `req.apisig`, and an
 * unexpected error (a throwing lookup) that must go to `next(err)` or a bare 500, never
 * through. Options are checked when the middleware is made, not per request.
 */
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { type LoopbackServer, listenOnLoopback } from '@apisig/test-support';
import { alice } from '@apisig/test-support/cast';
import { faultBaseOptions, fullRequest, lookupFaults } from '@apisig/test-support/suites';
import express, { type NextFunction, type Request, type Response } from 'express';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  type ApiSigIdentity,
  apisig,
  createSigner,
  isApiSigError,
  type VerifyOptions,
} from '../src/index.js';
import { directory } from './fixtures.js';

let server: LoopbackServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const signedHeaders = () => createSigner({ apiKey: alice.apiKey, jwtKey: alice.jwtKey }).headers();

const failingLookup: VerifyOptions = {
  users: () => {
    throw new Error('database is down: connection string postgres://admin:hunter2@db');
  },
};

describe('with plain node:http (no next)', () => {
  async function serve(options: VerifyOptions) {
    const guard = apisig(options);
    const seen: Array<ApiSigIdentity | undefined> = [];
    server = await listenOnLoopback(async (request, response) => {
      const passed = await guard(request, response);
      seen.push(request.apisig);
      if (passed) response.end('through');
    });
    return { url: server.url, seen };
  }

  it('sets req.apisig on a verified request and resolves true', async () => {
    const { url, seen } = await serve(directory());
    const response = await fetch(url, { headers: signedHeaders() });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('through');
    expect(seen).toStrictEqual([{ apiKey: alice.apiKey, signed: true, mode: 'signed' }]);
  });

  it('answers a failure with JSON { error, header }, no-store, and no token in it', async () => {
    const { url, seen } = await serve(directory());
    const headers = { ...signedHeaders(), 'x-api-key': 'ak_unknown' };
    const response = await fetch(url, { headers });
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('no-store');
    const text = await response.text();
    expect(JSON.parse(text)).toStrictEqual({ error: 'unknown_api_key', header: 'x-api-key' });
    expect(text).not.toContain(headers['x-signature']);
    expect(seen).toStrictEqual([undefined]);
  });

  it('answers a throwing lookup with a bare 500 and never lets it through', async () => {
    const { url, seen } = await serve(failingLookup);
    const response = await fetch(url, { headers: signedHeaders() });
    expect(response.status).toBe(500);
    expect(response.headers.get('www-authenticate')).toBeNull();
    const text = await response.text();
    expect(JSON.parse(text)).toStrictEqual({ error: 'lookup_failed' });
    expect(text).not.toMatch(/database|hunter2|threw/);
    expect(seen).toStrictEqual([undefined]);
  });
});

describe('with Connect-style (req, res, next)', () => {
  it('hands a throwing lookup to next(err) as ApiSigError lookup_failed, and answers nothing', async () => {
    const guard = apisig(failingLookup);
    const calls: unknown[][] = [];
    server = await listenOnLoopback(async (request, response) => {
      await guard(request, response, (...args: unknown[]) => calls.push(args));
      response.statusCode = 599;
      response.end(response.headersSent ? 'answered' : 'untouched');
    });
    const response = await fetch(server.url, { headers: signedHeaders() });
    expect(await response.text()).toBe('untouched');
    expect(calls).toHaveLength(1);
    const [error] = calls[0] as [unknown];
    expect(isApiSigError(error, 'lookup_failed')).toBe(true);
    expect((error as Error).cause).toBeInstanceOf(Error);
  });

  it('calls next() with no argument on success', async () => {
    const guard = apisig(directory());
    const calls: unknown[][] = [];
    server = await listenOnLoopback(async (request, response) => {
      await guard(request, response, (...args: unknown[]) => calls.push(args));
      response.end(JSON.stringify(request.apisig));
    });
    const response = await fetch(server.url, { headers: signedHeaders() });
    expect(await response.json()).toStrictEqual({
      apiKey: alice.apiKey,
      signed: true,
      mode: 'signed',
    });
    expect(calls).toStrictEqual([[]]);
  });

  it('times a hanging lookup out into next(err) (lookup_timeout)', async () => {
    const guard = apisig({ users: () => new Promise(() => {}), lookupTimeoutMs: 20 });
    const errors: unknown[] = [];
    server = await listenOnLoopback(async (request, response) => {
      await guard(request, response, (error) => errors.push(error));
      response.end();
    });
    await fetch(server.url, { headers: signedHeaders() });
    expect(errors).toHaveLength(1);
    expect(isApiSigError(errors[0], 'lookup_timeout')).toBe(true);
  });
});

describe('with Express 5', () => {
  async function serve(options: VerifyOptions) {
    const app = express();
    app.use(apisig(options));
    app.get('/me', (request: Request, response: Response) => {
      const identity: ApiSigIdentity | undefined = request.apisig;
      response.json(identity);
    });
    app.use((error: unknown, _request: Request, response: Response, _next: NextFunction) => {
      response.status(500).json({ handled: isApiSigError(error) ? error.code : 'other' });
    });
    server = await listenOnLoopback(app);
    return server.url;
  }

  it('sets req.apisig for the route', async () => {
    const url = await serve(directory());
    const response = await fetch(`${url}/me`, { headers: signedHeaders() });
    expect(await response.json()).toStrictEqual({
      apiKey: alice.apiKey,
      signed: true,
      mode: 'signed',
    });
  });

  it('answers 401 JSON before the route runs', async () => {
    const url = await serve(directory());
    const response = await fetch(`${url}/me`);
    expect(response.status).toBe(401);
    expect(await response.json()).toStrictEqual({ error: 'missing_api_key', header: 'x-api-key' });
  });

  it('sends a throwing lookup to the error handler (500)', async () => {
    const url = await serve(failingLookup);
    const response = await fetch(`${url}/me`, { headers: signedHeaders() });
    expect(response.status).toBe(500);
    expect(await response.json()).toStrictEqual({ handled: 'lookup_failed' });
  });
});

describe('options', () => {
  it('are validated once, when the middleware is made', () => {
    expect(() => apisig({} as VerifyOptions)).toThrow(
      expect.objectContaining({ code: 'invalid_option', field: 'users' }),
    );
    expect(() => apisig({ ...directory(), leeway: -1 })).toThrow(
      expect.objectContaining({ code: 'invalid_option', field: 'leeway' }),
    );
  });

  it('a verifier made once serves many requests without re-validating', async () => {
    let reads = 0;
    const options = directory();
    const counted = new Proxy(options, {
      get(target, property, receiver) {
        reads++;
        return Reflect.get(target, property, receiver);
      },
    });
    const guard = apisig(counted);
    const readsAtCreation = reads;
    const request = { headers: signedHeaders() } as unknown as IncomingMessage;
    const response = {} as ServerResponse;
    for (let i = 0; i < 3; i++) expect(await guard(request, response, () => {})).toBe(true);
    expect(reads).toBe(readsAtCreation);
  });
});

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

/** A guarded Express app: counts what reached the route and what reached the error handler. */
async function expressApp(fault: Partial<VerifyOptions>) {
  const seen = { route: 0, errors: [] as unknown[] };
  const app = express();
  app.use(apisig({ ...faultBaseOptions, ...fault }));
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
  const guard = apisig({ ...faultBaseOptions, ...fault });
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
  it.each(lookupFaults)(
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

  it.each(lookupFaults)(
    'node:http, %s: a bare 500 (503 for a timeout), the handler never runs',
    async (_, fault, code) => {
      const { url, seen } = await plainServer(fault);
      const response = await fetch(url, { headers: toFetchHeaders(fullRequest) });
      const timeout = code === 'lookup_timeout';
      expect(response.status).toBe(timeout ? 503 : 500);
      expect(response.headers.get('retry-after')).toBe(timeout ? '1' : null);
      const reason = code === 'invalid_option' ? 'internal_error' : code;
      expect(await response.json()).toEqual({ error: reason });
      expect(seen.route).toBe(0);
    },
  );

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

describe('when something earlier already sent the response headers', () => {
  it('a refusal cannot be answered: the guard resolves false and the connection is cut', async () => {
    const outcomes: unknown[] = [];
    const guard = apisig(directory());
    server = await listenOnLoopback(async (request, response) => {
      response.writeHead(200, { 'content-type': 'text/plain' });
      response.write('someone else started this answer');
      outcomes.push(await guard(request, response).catch((error: unknown) => error));
    });
    const response = await fetch(`${server.url}/data`, { headers: { 'x-api-key': 'ak_nobody' } });
    expect(response.status).toBe(200); // the status line was gone before the guard ran
    await expect(response.text()).rejects.toThrow(); // but the body never completes as a pass
    await vi.waitFor(() => expect(outcomes).toEqual([false]));
  });

  it('the control: a verified request still resolves true and calls next', async () => {
    const outcomes: unknown[] = [];
    const guard = apisig(directory());
    server = await listenOnLoopback(async (request, response) => {
      response.writeHead(200);
      outcomes.push(await guard(request, response));
      response.end('done');
    });
    const response = await fetch(`${server.url}/data`, { headers: signedHeaders() });
    expect(await response.text()).toBe('done');
    expect(outcomes).toEqual([true]);
  });
});
