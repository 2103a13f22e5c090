/** The reference API server, for real on 127.0.0.1: every mode, every refusal, /sign, CORS, the log. */
import { createSignedFetch, createSigner, type HeaderSource } from '@apisig/node';
import { generateSignature, Session } from 'hyper-sdk-js';
import { sendRequest } from 'hyper-sdk-js/shared/api-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoRoles } from '../common/roles.ts';
import { type RunningApi, startApi } from '../server/listen.ts';
import { browserCredentials, seed } from '../server/seed.ts';

const SPA_ORIGIN = 'http://127.0.0.1:5173';
const { apiKeyUser, jwtUser, member, remoteUser, organization } = demoRoles(seed);
const jwtKey = jwtUser.jwtKey as string;
const acme = { appKey: organization.appKey, appSecret: organization.appSecret };

let api: RunningApi;
const logLines: string[] = [];

beforeAll(async () => {
  api = await startApi({ allowedOrigins: [SPA_ORIGIN], log: (line) => logLines.push(line) });
});
afterAll(() => api.close());

async function call(
  headers: Record<string, string>,
  init: RequestInit = {},
  path = '/v1/whoami',
): Promise<{ status: number; body: Record<string, unknown>; response: Response }> {
  const response = await fetch(`${api.url}${path}`, {
    ...init,
    headers: { ...headers, ...(init.headers as Record<string, string>) },
  });
  return { status: response.status, body: await response.json(), response };
}

async function headersOf(source: HeaderSource): Promise<Record<string, string>> {
  return { ...(await source.headers()) };
}

describe("the API vendor's own SDK (hyper-sdk-js 3.0.0) is accepted with default options", () => {
  it('its generateSignature tokens (exp = now + 60, with iat), every mode', async () => {
    const signed = await call({
      'x-api-key': jwtUser.apiKey,
      'x-signature': generateSignature(jwtUser.apiKey, jwtKey),
    });
    expect(signed.status).toBe(200);
    expect(signed.body).toMatchObject({ authenticatedWith: 'signed' });
    const organizationCall = await call({
      'x-api-key': member.apiKey,
      'x-app-key': acme.appKey,
      'x-app-signature': generateSignature(acme.appKey, acme.appSecret),
    });
    expect(organizationCall.status).toBe(200);
    expect(organizationCall.body).toMatchObject({ authenticatedWith: 'organization' });
  });

  it('its own HTTP client (sendRequest over undici) posting to /v1/echo', async () => {
    const session = new Session(jwtUser.apiKey, jwtKey);
    const answer = await sendRequest(session, `${api.url}/v1/echo`, { hello: 'playground' });
    expect(answer).toMatchObject({ verdict: 'accepted', echo: { hello: 'playground' } });
  });
});

describe('every mode is accepted', () => {
  it('API key only', async () => {
    const { status, body } = await call({ 'x-api-key': apiKeyUser.apiKey });
    expect(status).toBe(200);
    expect(body).toMatchObject({
      verdict: 'accepted',
      authenticatedWith: 'api-key',
      user: { name: apiKeyUser.name },
      organization: null,
    });
  });

  it('API key + JWT', async () => {
    const headers = await headersOf(createSigner({ apiKey: jwtUser.apiKey, jwtKey }));
    expect(headers['x-signature']).toBeDefined();
    const { status, body } = await call(headers);
    expect(status).toBe(200);
    expect(body).toMatchObject({ authenticatedWith: 'signed', user: { name: jwtUser.name } });
  });

  it('organization acting for its member', async () => {
    const signer = createSigner({ apiKey: member.apiKey, organization: acme });
    const { status, body } = await call(await headersOf(signer));
    expect(status).toBe(200);
    expect(body).toMatchObject({
      authenticatedWith: 'organization',
      user: { name: member.name },
      organization: { name: organization.name, appKey: organization.appKey },
    });
  });

  it('POST /v1/echo answers the identity and the JSON body', async () => {
    const signer = createSigner({ apiKey: jwtUser.apiKey, jwtKey });
    const { status, body } = await call(
      await headersOf(signer),
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"hello":"apisig"}',
      },
      '/v1/echo',
    );
    expect(status).toBe(200);
    expect(body).toMatchObject({ authenticatedWith: 'signed', echo: { hello: 'apisig' } });
  });

  it('a skewed client is refused, learns the offset from Date, and passes on the one retry', async () => {
    const signer = createSigner({ apiKey: jwtUser.apiKey, jwtKey, clockOffset: -120 });
    const statuses: number[] = [];
    const signedFetch = createSignedFetch(signer, {
      baseUrl: api.url,
      fetch: async (input, init) => {
        const response = await fetch(input, init);
        statuses.push(response.status);
        return response;
      },
    });
    const response = await signedFetch(`${api.url}/v1/whoami`);
    expect(response.status).toBe(200);
    expect(statuses).toEqual([401, 200]);
    expect(Math.abs(signer.clockOffset)).toBeLessThan(2);
  });
});

describe('refusals name the right reason', () => {
  it.each([
    [
      'wrong JWT key',
      () => createSigner({ apiKey: jwtUser.apiKey, jwtKey: `x${jwtKey}` }),
      401,
      'bad_signature',
      'x-signature',
    ],
    [
      'missing signature',
      () => createSigner({ apiKey: jwtUser.apiKey }),
      401,
      'missing_signature',
      'x-signature',
    ],
    [
      'expired token',
      () => createSigner({ apiKey: jwtUser.apiKey, jwtKey, clockOffset: -120 }),
      401,
      'expired',
      'x-signature',
    ],
    [
      'token too far ahead',
      () => createSigner({ apiKey: jwtUser.apiKey, jwtKey, clockOffset: 120 }),
      401,
      'exp_too_far',
      'x-signature',
    ],
    [
      'unknown API key',
      () => createSigner({ apiKey: 'demo-nobody-api-key' }),
      401,
      'unknown_api_key',
      'x-api-key',
    ],
    [
      'wrong App Secret',
      () => createSigner({ apiKey: member.apiKey, organization: { ...acme, appSecret: 'wrong' } }),
      401,
      'bad_signature',
      'x-app-signature',
    ],
    [
      'not a member',
      () => createSigner({ apiKey: apiKeyUser.apiKey, organization: acme }),
      403,
      'not_a_member',
      'x-app-key',
    ],
  ] as const)('%s', async (_name, makeSigner, status, reason, header) => {
    const result = await call(await headersOf(makeSigner()));
    expect(result.status).toBe(status);
    expect(result.body).toEqual({ error: reason, header });
  });

  it('no API key at all', async () => {
    const result = await call({});
    expect(result.status).toBe(401);
    expect(result.body).toEqual({ error: 'missing_api_key', header: 'x-api-key' });
  });
});

describe('/sign, the remote-signer endpoint', () => {
  it('answers headers for the server-held user that the API then accepts', async () => {
    const response = await fetch(`${api.url}/sign`, { method: 'POST', body: '{}' });
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text).not.toContain(remoteUser.jwtKey);
    const answer = JSON.parse(text) as { headers: Record<string, string>; expiresAt: number };
    expect(Object.keys(answer.headers).sort()).toEqual(['x-api-key', 'x-signature']);
    expect(answer.expiresAt).toBeGreaterThan(Date.now());
    const { status, body } = await call(answer.headers);
    expect(status).toBe(200);
    expect(body).toMatchObject({ authenticatedWith: 'signed', user: { name: remoteUser.name } });
  });

  it('refuses a browser from another origin, and anything but POST', async () => {
    const foreign = await fetch(`${api.url}/sign`, {
      method: 'POST',
      headers: { origin: 'http://evil.example' },
    });
    expect(foreign.status).toBe(401);
    const get = await fetch(`${api.url}/sign`);
    expect(get.status).toBe(405);
  });
});

describe('CORS for the SPA', () => {
  it('answers a preflight for our four headers from the SPA origin', async () => {
    const response = await fetch(`${api.url}/v1/echo`, {
      method: 'OPTIONS',
      headers: {
        origin: SPA_ORIGIN,
        'access-control-request-method': 'POST',
        'access-control-request-headers':
          'content-type,x-api-key,x-signature,x-app-key,x-app-signature',
      },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe(SPA_ORIGIN);
    const allowed = response.headers.get('access-control-allow-headers')?.split(/,\s*/) ?? [];
    expect(allowed).toEqual(
      expect.arrayContaining([
        'content-type',
        'x-api-key',
        'x-signature',
        'x-app-key',
        'x-app-signature',
      ]),
    );
    expect(response.headers.get('access-control-allow-methods')).toContain('POST');
  });

  it('lets the SPA read Date on answers, refusals included', async () => {
    const { response } = await call({ origin: SPA_ORIGIN, 'x-api-key': 'demo-nobody-api-key' });
    expect(response.status).toBe(401);
    expect(response.headers.get('access-control-allow-origin')).toBe(SPA_ORIGIN);
    expect(response.headers.get('access-control-expose-headers')).toBe('Date');
    expect(response.headers.get('date')).not.toBeNull();
  });

  it('grants nothing to another origin', async () => {
    const response = await fetch(`${api.url}/v1/whoami`, {
      method: 'OPTIONS',
      headers: { origin: 'http://evil.example', 'access-control-request-method': 'GET' },
    });
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    expect(response.headers.get('access-control-allow-headers')).toBeNull();
  });
});

describe('the verdict log', () => {
  it('has one line per verdict, with the reason, and never a key, token or secret', async () => {
    logLines.length = 0;
    const grace = createSigner({ apiKey: jwtUser.apiKey, jwtKey });
    const wrong = createSigner({ apiKey: jwtUser.apiKey, jwtKey: `x${jwtKey}` });
    const tokens = [
      (await headersOf(grace))['x-signature'],
      (await headersOf(wrong))['x-signature'],
    ] as string[];
    await call(await headersOf(grace));
    await call(await headersOf(wrong));
    await call({ 'x-api-key': 'demo-nobody-api-key' });
    await fetch(`${api.url}/sign`, { method: 'POST' });
    expect(logLines).toHaveLength(4);
    expect(logLines[0]).toMatch(/200 GET .*accepted.*Grace, API key \+ JWT/);
    expect(logLines[1]).toMatch(/401 GET .*refused.*bad_signature \(x-signature\), Grace/);
    expect(logLines[2]).toMatch(/401 GET .*refused.*unknown_api_key \(x-api-key\)/);
    expect(logLines[3]).toMatch(/200 POST \/sign .*signed/);
    const secrets = [
      ...seed.users.flatMap((user) => [user.apiKey, user.jwtKey ?? '']),
      ...seed.organizations.flatMap((org) => [org.appKey, org.appSecret]),
      'demo-nobody-api-key',
      ...tokens,
    ].filter(Boolean);
    for (const line of logLines) {
      for (const secret of secrets) expect(line).not.toContain(secret);
      expect(line).not.toContain('eyJ');
    }
  });
});

describe('the seed', () => {
  it('gives the browser every credential but the server-only JWT key', () => {
    const browser = browserCredentials(seed);
    const text = JSON.stringify(browser);
    expect(text).not.toContain(remoteUser.jwtKey);
    expect(text).toContain(jwtKey);
    expect(browser.users.map((user) => user.apiKey)).toEqual(seed.users.map((user) => user.apiKey));
  });
});
