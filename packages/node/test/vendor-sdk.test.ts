/**
 * The API vendor's own JS SDK, hyper-sdk-js 3.0.0, is a client an apisig server must accept:
 * its generateSignature signs exp = now + 60 through jsonwebtoken (which adds iat), and its
 * sendRequest posts with undici. Both pass with default options; a server set to the strict
 * 15 s refuses them, which is why 15 s is not the default.
 */
import { type LoopbackServer, listenOnLoopback } from '@apisig/test-support';
import { acme, alice, bob } from '@apisig/test-support/cast';
import { generateSignature, Session } from 'hyper-sdk-js';
import { sendRequest } from 'hyper-sdk-js/shared/api-client';
import { afterEach, describe, expect, it } from 'vitest';
import { apisig, decodeToken, type VerifyOptions, verifyHeaders } from '../src/index.js';
import { directory } from './fixtures.js';

const STRICT = { maxTtl: { signature: 15, appSignature: 15 } };

describe("hyper-sdk-js's generateSignature", () => {
  it('signs exp = now + 60 with an iat: the shape the default maxTtl exists for', () => {
    const before = Math.floor(Date.now() / 1000);
    const decoded = decodeToken(generateSignature(alice.apiKey, alice.jwtKey))!;
    expect(decoded.header).toEqual({ alg: 'HS256', typ: 'JWT' });
    expect(Object.keys(decoded.payload)).toEqual(['key', 'exp', 'iat']);
    const { exp, iat } = decoded.payload as { exp: number; iat: number };
    // exp and iat are read from the clock at two moments: a second may turn in between.
    expect(exp - before).toBeGreaterThanOrEqual(60);
    expect(exp - before).toBeLessThanOrEqual(61);
    expect(iat - before).toBeGreaterThanOrEqual(0);
    expect(exp - iat).toBeGreaterThanOrEqual(59);
  });

  it('passes as x-signature with default options, not with the strict 15 s', async () => {
    const headers = {
      'x-api-key': alice.apiKey,
      'x-signature': generateSignature(alice.apiKey, alice.jwtKey),
    };
    expect(await verifyHeaders(headers, directory())).toEqual({
      ok: true,
      apiKey: alice.apiKey,
      signed: true,
      mode: 'signed',
    });
    expect(await verifyHeaders(headers, { ...directory(), ...STRICT })).toMatchObject({
      ok: false,
      reason: 'exp_too_far',
      header: 'x-signature',
    });
  });

  it('passes as x-app-signature with default options', async () => {
    const headers = {
      'x-api-key': bob.apiKey,
      'x-app-key': acme.appKey,
      'x-app-signature': generateSignature(acme.appKey, acme.appSecret),
    };
    expect(await verifyHeaders(headers, directory())).toEqual({
      ok: true,
      apiKey: bob.apiKey,
      appKey: acme.appKey,
      signed: false,
      mode: 'organization',
    });
    expect(await verifyHeaders(headers, { ...directory(), ...STRICT })).toMatchObject({
      reason: 'exp_too_far',
      header: 'x-app-signature',
    });
  });
});

describe("hyper-sdk-js's sendRequest against an apisig() server on 127.0.0.1", () => {
  let server: LoopbackServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  /** A node:http API behind apisig(): answers `{ payload, apisig }` like the vendor's API. */
  async function start(options: VerifyOptions): Promise<string> {
    const guard = apisig(options);
    server = await listenOnLoopback(async (request, response) => {
      for await (const _ of request) {
        // drain the (possibly gzipped) body: only the headers matter here
      }
      if (!(await guard(request, response))) return;
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify({ payload: 'ok', apisig: request.apisig }));
    });
    return `${server.url}/v2/sensor`;
  }

  const sessions = {
    'API key + JWT': () => new Session(alice.apiKey, alice.jwtKey),
    'organization, all four headers': () =>
      new Session(alice.apiKey, alice.jwtKey, acme.appKey, acme.appSecret),
    'organization for a user without a JWT key': () =>
      new Session(bob.apiKey, undefined as unknown as string, acme.appKey, acme.appSecret),
  };

  for (const [mode, session] of Object.entries(sessions)) {
    it(`${mode}: accepted with default options`, async () => {
      const url = await start(directory());
      const answer = await sendRequest(session(), url, { site: 'example.com' });
      expect(answer).toMatchObject({ payload: 'ok', apisig: { apiKey: session().apiKey } });
    });

    it(`${mode}: refused exp_too_far by a server set to 15 s`, async () => {
      const url = await start({ ...directory(), ...STRICT });
      await expect(sendRequest(session(), url, { site: 'example.com' })).rejects.toThrow(
        'exp_too_far',
      );
    });
  }

  it('a body over 1000 bytes (the SDK gzips it) is accepted too', async () => {
    const url = await start(directory());
    const answer = await sendRequest(new Session(alice.apiKey, alice.jwtKey), url, {
      sensor: 'x'.repeat(5000),
    });
    expect(answer).toMatchObject({ payload: 'ok' });
  });
});
