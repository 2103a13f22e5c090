/**
 * The API vendor's own JS SDK (hyper-sdk-js 3.0.0) against the jose verifier: its tokens
 * (exp = now + 60, iat added by jsonwebtoken) pass with default options, as x-signature and
 * as x-app-signature, and its undici client is accepted by a server on 127.0.0.1.
 */
import { type LoopbackServer, listenOnLoopback } from '@apisig/test-support';
import { generateSignature, Session } from 'hyper-sdk-js';
import { sendRequest } from 'hyper-sdk-js/shared/api-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVerifier, type VerifyOptions, verifyHeaders } from '../src/verify.js';

const API_KEY = 'ak_vendor_client';
const JWT_KEY = 'jk_vendor_client_secret';
const APP_KEY = 'app_vendor_org';
const APP_SECRET = 'as_vendor_org_secret';

const options: VerifyOptions = {
  users: (apiKey) => (apiKey === API_KEY ? { jwtKey: JWT_KEY } : null),
  organizations: (appKey) =>
    appKey === APP_KEY ? { appSecret: APP_SECRET, isMember: (k) => k === API_KEY } : null,
};
const strict: VerifyOptions = { ...options, maxTtl: { signature: 15, appSignature: 15 } };

describe('hyper-sdk-js tokens through the jose verifier', () => {
  it('x-signature: accepted by default, exp_too_far under the strict 15 s', async () => {
    const headers = { 'x-api-key': API_KEY, 'x-signature': generateSignature(API_KEY, JWT_KEY) };
    expect(await verifyHeaders(headers, options)).toEqual({
      ok: true,
      apiKey: API_KEY,
      signed: true,
      mode: 'signed',
    });
    expect(await verifyHeaders(headers, strict)).toMatchObject({ reason: 'exp_too_far' });
  });

  it('all four headers: accepted by default', async () => {
    const headers = {
      'x-api-key': API_KEY,
      'x-signature': generateSignature(API_KEY, JWT_KEY),
      'x-app-key': APP_KEY,
      'x-app-signature': generateSignature(APP_KEY, APP_SECRET),
    };
    expect(await verifyHeaders(headers, options)).toEqual({
      ok: true,
      apiKey: API_KEY,
      appKey: APP_KEY,
      signed: true,
      mode: 'signed-organization',
    });
  });
});

describe("hyper-sdk-js's sendRequest against a jose-verified server on 127.0.0.1", () => {
  let server: LoopbackServer;
  beforeAll(async () => {
    const verify = createVerifier(options);
    server = await listenOnLoopback(async (request, response) => {
      for await (const _ of request) {
        // drain the body: only the headers are verified
      }
      const result = await verify(request.headers);
      response.statusCode = result.ok ? 200 : result.status;
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify(result.ok ? { payload: 'ok' } : { error: result.reason }));
    });
  });
  afterAll(() => server.close());

  it('a session with all four credentials gets its payload', async () => {
    const session = new Session(API_KEY, JWT_KEY, APP_KEY, APP_SECRET);
    await expect(sendRequest(session, `${server.url}/v2/sensor`, {})).resolves.toMatchObject({
      payload: 'ok',
    });
  });

  it('a wrong JWT key is still refused (the control)', async () => {
    const session = new Session(API_KEY, 'jk_not_this_one');
    await expect(sendRequest(session, `${server.url}/v2/sensor`, {})).rejects.toThrow(
      'bad_signature',
    );
  });
});
