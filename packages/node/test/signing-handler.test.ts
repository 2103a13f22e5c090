/**
 * The remote-signer endpoint on real servers: what an authorized browser gets verifies at a
 * real API server; everyone else gets a 401 and no headers; only POST; a throwing
 * `authorize` is a 500 (or next(err)), never headers.
 */
import type { IncomingMessage } from 'node:http';
import { type LoopbackServer, listenOnLoopback } from '@apisig/test-support';
import { acme, alice, bob, castSecrets } from '@apisig/test-support/cast';
import express, { type NextFunction, type Request, type Response } from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createSigner,
  createSigningHandler,
  isApiSigError,
  type SigningHandlerOptions,
} from '../src/index.js';
import { directory } from './fixtures.js';
import { startApiServer } from './servers.js';

const servers: LoopbackServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

/** A logged-in session, as a cookie the test sets (the app's own concern, not ours). */
const session = (request: IncomingMessage) =>
  /(?:^|; )session=(\w+)/.exec(request.headers.cookie ?? '')?.[1];

const orgSigner = createSigner({
  apiKey: alice.apiKey,
  jwtKey: alice.jwtKey,
  organization: { appKey: acme.appKey, appSecret: acme.appSecret },
});

/** What a browser sends (see @apisig/web's remote signer). */
const browserCall = (cookie?: string): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
  body: '{}',
});

async function serveHandler(options: SigningHandlerOptions, kind: 'node:http' | 'express') {
  const handler = createSigningHandler(options);
  let listening: LoopbackServer;
  if (kind === 'node:http') {
    listening = await listenOnLoopback((request, response) => void handler(request, response));
  } else {
    const app = express();
    app.all('/apisig/sign', handler);
    app.use((error: unknown, _request: Request, response: Response, _next: NextFunction) => {
      response.status(500).json({ handled: isApiSigError(error) ? error.code : 'other' });
    });
    listening = await listenOnLoopback(app);
  }
  servers.push(listening);
  return `${listening.url}/apisig/sign`;
}

describe.each(['node:http', 'express'] as const)('on %s', (kind) => {
  it('hands an authorized caller fresh headers that a real verifier accepts', async () => {
    const url = await serveHandler(
      { signer: orgSigner, authorize: (request) => session(request) === 'alice' },
      kind,
    );
    const before = Date.now();
    const response = await fetch(url, browserCall('session=alice'));
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const text = await response.text();
    for (const secret of castSecrets) expect(text).not.toContain(secret);
    const answer = JSON.parse(text) as { headers: Record<string, string>; expiresAt: number };
    expect(Object.keys(answer.headers)).toStrictEqual([
      'x-api-key',
      'x-signature',
      'x-app-key',
      'x-app-signature',
    ]);
    // The earliest token (x-signature, 15 s) decides; epoch ms, whole seconds.
    expect(answer.expiresAt % 1000).toBe(0);
    expect(answer.expiresAt).toBeGreaterThan(before + 13_000);
    expect(answer.expiresAt).toBeLessThanOrEqual(Date.now() + 15_000);

    const api = await startApiServer('node:http', directory);
    servers.push(api);
    const verified = await fetch(`${api.url}/orders`, { headers: answer.headers });
    expect(verified.status).toBe(200);
    expect(((await verified.json()) as { apisig: unknown }).apisig).toStrictEqual({
      apiKey: alice.apiKey,
      appKey: acme.appKey,
      signed: true,
      mode: 'signed-organization',
    });
  });

  it('signs for the user authorize picks (a Signer from forUser)', async () => {
    const url = await serveHandler(
      {
        signer: orgSigner,
        authorize: async (request) =>
          session(request) === 'bob' ? orgSigner.forUser({ apiKey: bob.apiKey }) : false,
      },
      kind,
    );
    const answer = (await (await fetch(url, browserCall('session=bob'))).json()) as {
      headers: Record<string, string>;
    };
    expect(answer.headers['x-api-key']).toBe(bob.apiKey);
    expect(answer.headers['x-signature']).toBeUndefined();

    const api = await startApiServer('express', directory);
    servers.push(api);
    const verified = await fetch(`${api.url}/orders`, { headers: answer.headers });
    expect(((await verified.json()) as { apisig: unknown }).apisig).toStrictEqual({
      apiKey: bob.apiKey,
      appKey: acme.appKey,
      signed: false,
      mode: 'organization',
    });
  });

  it('refuses an unauthorized caller with 401 and no headers', async () => {
    const url = await serveHandler(
      { signer: orgSigner, authorize: (request) => session(request) === 'alice' },
      kind,
    );
    for (const cookie of [undefined, 'session=mallory']) {
      const response = await fetch(url, browserCall(cookie));
      expect(response.status).toBe(401);
      expect(response.headers.get('cache-control')).toBe('no-store');
      const text = await response.text();
      expect(JSON.parse(text)).toStrictEqual({ error: 'unauthorized' });
      expect(text).not.toMatch(/x-signature|eyJ/);
    }
  });

  it('accepts POST only: 405 with Allow: POST, and authorize is not asked', async () => {
    let asked = 0;
    const authorize = () => {
      asked++;
      return true;
    };
    const url = await serveHandler({ signer: orgSigner, authorize }, kind);
    for (const method of ['GET', 'PUT', 'DELETE']) {
      const response = await fetch(url, { method, headers: { cookie: 'session=alice' } });
      expect(response.status).toBe(405);
      expect(response.headers.get('allow')).toBe('POST');
      expect(await response.json()).toStrictEqual({ error: 'method_not_allowed' });
    }
    expect(asked).toBe(0);
  });

  it('answers a throwing authorize with 500 and never headers', async () => {
    const url = await serveHandler(
      {
        signer: orgSigner,
        authorize: () => {
          throw new Error('session store unreachable');
        },
      },
      kind,
    );
    const response = await fetch(url, browserCall('session=alice'));
    expect(response.status).toBe(500);
    const text = await response.text();
    expect(text).not.toMatch(/x-signature|eyJ|session store/);
    expect(JSON.parse(text)).toStrictEqual(
      kind === 'express' ? { handled: 'other' } : { error: 'internal_error' },
    );
  });

  it('treats an authorize answer that is neither a boolean nor a Signer as an error', async () => {
    const url = await serveHandler(
      { signer: orgSigner, authorize: () => 'yes' as unknown as boolean },
      kind,
    );
    const response = await fetch(url, browserCall('session=alice'));
    expect(response.status).toBe(500);
    expect(await response.json()).toStrictEqual(
      kind === 'express' ? { handled: 'invalid_option' } : { error: 'internal_error' },
    );
  });
});

describe('options', () => {
  it('are checked when the handler is made', () => {
    const cases: Array<[unknown, string]> = [
      [{ authorize: () => true }, 'signer'],
      [{ signer: { headers: () => ({}) }, authorize: () => true }, 'signer'],
      [{ signer: orgSigner }, 'authorize'],
      [{ signer: orgSigner, authorize: () => true, cors: true }, 'cors'],
      [null, 'options'],
    ];
    for (const [options, field] of cases) {
      expect(() => createSigningHandler(options as SigningHandlerOptions)).toThrow(
        expect.objectContaining({ name: 'ApiSigError', code: 'invalid_option', field }),
      );
    }
  });
});
