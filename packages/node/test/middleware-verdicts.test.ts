/**
 * The middleware's verdicts, on real servers: onVerdict sees each request once (accepted,
 * refused, or a lookup that failed) and never a token or secret; a refusal carries
 * WWW-Authenticate; onRefusal answers in the app's words; a CORS preflight goes on
 * unverified (so cors() may come after apisig()), anything else does not.
 */
import { type LoopbackServer, listenOnLoopback } from '@apisig/test-support';
import { alice, castSecrets } from '@apisig/test-support/cast';
import cors from 'cors';
import express from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import { type ApiSigOptions, apisig, createSigner, type Verdict } from '../src/index.js';
import { directory } from './fixtures.js';

let server: LoopbackServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const signed = () => createSigner({ ...alice }).headers();

/** An Express API guarded by apisig(options), its route answering the identity. */
async function api(options: Partial<ApiSigOptions> = {}, withCors = false) {
  const verdicts: Verdict[] = [];
  const app = express();
  app.use(apisig({ ...directory(), onVerdict: (verdict) => verdicts.push(verdict), ...options }));
  if (withCors)
    app.use(cors({ origin: 'https://app.example', allowedHeaders: ['x-api-key', 'x-signature'] }));
  app.all('/v1/me', (request, response) => {
    response.json({ identity: request.apisig ?? null });
  });
  app.use(
    (
      _error: unknown,
      _request: express.Request,
      response: express.Response,
      _next: express.NextFunction,
    ) => {
      response.status(500).json({ error: 'handled' });
    },
  );
  server = await listenOnLoopback(app as never);
  return { url: `${server.url}/v1/me`, verdicts };
}

describe('onVerdict', () => {
  it('sees an accepted request once: who, and how it authenticated', async () => {
    const { url, verdicts } = await api();
    const headers = signed();
    expect((await fetch(url, { headers })).status).toBe(200);
    expect(verdicts).toEqual([{ ok: true, apiKey: alice.apiKey, signed: true, mode: 'signed' }]);
    expect(JSON.stringify(verdicts)).not.toContain(headers['x-signature']);
  });

  it('sees a refusal once, with the API key it claimed, never the token or a secret', async () => {
    const { url, verdicts } = await api();
    const forged = createSigner({ apiKey: alice.apiKey, jwtKey: 'jk_forged' }).headers();
    expect((await fetch(url, { headers: forged })).status).toBe(401);
    expect(verdicts).toEqual([
      {
        ok: false,
        reason: 'bad_signature',
        header: 'x-signature',
        status: 401,
        apiKey: alice.apiKey,
      },
    ]);
    const printed = JSON.stringify(verdicts);
    expect(printed).not.toContain(forged['x-signature']);
    for (const secret of castSecrets) expect(printed).not.toContain(secret);
  });

  it('does not repeat a key no signer could send', async () => {
    const { url, verdicts } = await api();
    await fetch(url, { headers: { 'x-api-key': `ak_${'x'.repeat(2000)}` } });
    expect(verdicts).toEqual([
      { ok: false, reason: 'unknown_api_key', header: 'x-api-key', status: 401 },
    ]);
  });

  it('sees a lookup that threw as an error verdict (and Express gets the error)', async () => {
    const { url, verdicts } = await api({
      users: () => {
        throw new Error('db down');
      },
    });
    const response = await fetch(url, { headers: signed() });
    expect(await response.json()).toEqual({ error: 'handled' });
    expect(verdicts).toHaveLength(1);
    expect(verdicts[0]).toMatchObject({
      ok: false,
      reason: 'lookup_failed',
      status: 500,
      apiKey: alice.apiKey,
    });
  });
});

describe('the refusal answer', () => {
  it('carries WWW-Authenticate naming the scheme and the reason; a pass does not', async () => {
    const { url } = await api();
    const refused = await fetch(url, { headers: { 'x-api-key': alice.apiKey } });
    expect(refused.status).toBe(401);
    expect(refused.headers.get('www-authenticate')).toBe(
      'ApiSig error="missing_signature", header="x-signature"',
    );
    expect(await refused.json()).toEqual({ error: 'missing_signature', header: 'x-signature' });
    const passed = await fetch(url, { headers: signed() });
    expect(passed.headers.get('www-authenticate')).toBeNull();
  });

  it("onRefusal answers in the app's words; returning nothing keeps the standard one", async () => {
    const own = await api({
      onRefusal: (verdict) =>
        verdict.reason === 'missing_signature'
          ? { status: 401, body: { message: 'Sign your requests' }, headers: { 'x-docs': '/auth' } }
          : undefined,
    });
    const answered = await fetch(own.url, { headers: { 'x-api-key': alice.apiKey } });
    expect(answered.headers.get('x-docs')).toBe('/auth');
    expect(await answered.json()).toEqual({ message: 'Sign your requests' });
    const standard = await fetch(own.url, { headers: { 'x-api-key': 'ak_nobody' } });
    expect(await standard.json()).toEqual({ error: 'unknown_api_key', header: 'x-api-key' });
  });
});

describe('CORS preflights', () => {
  const preflight = {
    origin: 'https://app.example',
    'access-control-request-method': 'GET',
    'access-control-request-headers': 'x-api-key, x-signature',
  };

  it('a real preflight goes on unverified, so cors() after apisig() answers it', async () => {
    const { url, verdicts } = await api({}, true);
    const response = await fetch(url, { method: 'OPTIONS', headers: preflight });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('https://app.example');
    expect(verdicts).toEqual([]); // not judged at all
    // And the request it prepares is verified as any other.
    const real = await fetch(url, { headers: { ...signed(), origin: 'https://app.example' } });
    expect(await real.json()).toMatchObject({ identity: { apiKey: alice.apiKey } });
  });

  it.each([
    ['OPTIONS without the preflight headers', {}],
    ['OPTIONS with Origin only', { origin: 'https://app.example' }],
    ['a preflight carrying an API key', { ...preflight, 'x-api-key': 'ak_nobody' }],
  ])('%s is verified (and refused)', async (_, headers) => {
    const { url } = await api();
    expect((await fetch(url, { method: 'OPTIONS', headers })).status).toBe(401);
  });

  it('verifyPreflight: true verifies preflights too', async () => {
    const { url } = await api({ verifyPreflight: true });
    expect((await fetch(url, { method: 'OPTIONS', headers: preflight })).status).toBe(401);
  });
});
