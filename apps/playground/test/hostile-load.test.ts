/**
 * The playground API under a bounded loopback load (autocannon, 8 s, 16 connections): a mix
 * of genuine requests in every mode, refusals and hostile tokens, each checked against the
 * verdict it must get. Asserts 0 wrong verdicts and a server still up; the figures
 * (requests, req/s) are printed, never asserted.
 */
import { createRequire } from 'node:module';
import { createSigner } from '@apisig/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoRoles } from '../common/roles.ts';
import { type RunningApi, startApi } from '../server/listen.ts';
import { seed } from '../server/seed.ts';

/** The part of autocannon's API used here (it ships no types). */
interface LoadRequest {
  method?: string;
  path: string;
  setupRequest?: (request: LoadRequest) => LoadRequest;
  onResponse?: (status: number, body: string) => void;
  headers?: Record<string, string>;
}
interface LoadResult {
  requests: { total: number; average: number };
  duration: number;
  errors: number;
  timeouts: number;
  non2xx: number;
}
type Autocannon = (options: {
  url: string;
  connections: number;
  duration: number;
  requests: LoadRequest[];
}) => Promise<LoadResult>;
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

const DURATION_SECONDS = 8;
const CONNECTIONS = 16;

const { apiKeyUser, jwtUser, member, remoteUser, organization } = demoRoles(seed);
const jwtKey = jwtUser.jwtKey as string;
const acme = { appKey: organization.appKey, appSecret: organization.appSecret };

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const now = () => Math.floor(Date.now() / 1000);

type Expected =
  | { status: 200; authenticatedWith: string; apiKey: string }
  | { status: 401 | 403; error: string; header: string };

interface Scenario {
  name: string;
  method?: 'GET' | 'POST';
  path?: string;
  headers: () => Record<string, string>;
  expected: Expected | { status: 200; signsFor: string };
}

const signers = {
  grace: createSigner({ apiKey: jwtUser.apiKey, jwtKey }),
  linus: createSigner({ apiKey: member.apiKey, organization: acme }),
  outsider: createSigner({ apiKey: apiKeyUser.apiKey, organization: acme }),
  wrongKey: createSigner({ apiKey: jwtUser.apiKey, jwtKey: 'not-graces-jwt-key' }),
  slow: createSigner({ apiKey: jwtUser.apiKey, jwtKey, clockOffset: -60 }),
};
const refused = (status: 401 | 403, error: string, header: string) => ({ status, error, header });

const scenarios: Scenario[] = [
  {
    name: 'API key',
    headers: () => ({ 'x-api-key': apiKeyUser.apiKey }),
    expected: { status: 200, authenticatedWith: 'api-key', apiKey: apiKeyUser.apiKey },
  },
  {
    name: 'API key + JWT',
    headers: () => ({ ...signers.grace.headers() }),
    expected: { status: 200, authenticatedWith: 'signed', apiKey: jwtUser.apiKey },
  },
  {
    name: 'organization',
    headers: () => ({ ...signers.linus.headers() }),
    expected: { status: 200, authenticatedWith: 'organization', apiKey: member.apiKey },
  },
  {
    name: 'remote signer endpoint',
    method: 'POST',
    path: '/sign',
    headers: () => ({}),
    expected: { status: 200, signsFor: remoteUser.apiKey },
  },
  {
    name: 'missing signature',
    headers: () => ({ 'x-api-key': jwtUser.apiKey }),
    expected: refused(401, 'missing_signature', 'x-signature'),
  },
  {
    name: 'wrong JWT key',
    headers: () => ({ ...signers.wrongKey.headers() }),
    expected: refused(401, 'bad_signature', 'x-signature'),
  },
  {
    name: 'expired (clock 60 s slow)',
    headers: () => ({ ...signers.slow.headers() }),
    expected: refused(401, 'expired', 'x-signature'),
  },
  {
    name: 'unknown API key',
    headers: () => ({ 'x-api-key': 'demo-nobody-api-key' }),
    expected: refused(401, 'unknown_api_key', 'x-api-key'),
  },
  {
    name: 'not a member',
    headers: () => ({ ...signers.outsider.headers() }),
    expected: refused(403, 'not_a_member', 'x-app-key'),
  },
  {
    name: 'alg none',
    headers: () => ({
      'x-api-key': jwtUser.apiKey,
      'x-signature': `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ key: jwtUser.apiKey, exp: now() + 10 })}.`,
    }),
    expected: refused(401, 'unsupported_algorithm', 'x-signature'),
  },
  {
    name: 'a 9000-character token',
    headers: () => {
      const token = signers.grace.headers()['x-signature'] as string;
      return { 'x-api-key': jwtUser.apiKey, 'x-signature': token + 'A'.repeat(9000) };
    },
    expected: refused(401, 'malformed_signature', 'x-signature'),
  },
];

/** Why a response is not the verdict its scenario must get, or null when it is. */
function wrongness(expected: Scenario['expected'], status: number, text: string): string | null {
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(text);
  } catch {
    return `status ${status}, body not JSON`;
  }
  if (status !== expected.status) return `status ${status}, body ${text.slice(0, 80)}`;
  if ('signsFor' in expected) {
    const headers = body.headers as Record<string, string> | undefined;
    return headers?.['x-api-key'] === expected.signsFor && headers['x-signature'] ? null : 'sign';
  }
  if ('error' in expected) {
    return body.error === expected.error && body.header === expected.header ? null : text;
  }
  const user = body.user as { apiKey?: string } | undefined;
  return body.verdict === 'accepted' &&
    body.authenticatedWith === expected.authenticatedWith &&
    user?.apiKey === expected.apiKey
    ? null
    : text;
}

let api: RunningApi;
beforeAll(async () => {
  api = await startApi({ log: () => undefined });
});
afterAll(() => api.close());

describe('the playground API under load', () => {
  it(`gives every request its verdict for ${DURATION_SECONDS} s and stays up`, async () => {
    const tally = scenarios.map(() => ({ answered: 0, wrongCount: 0, wrong: [] as string[] }));
    const requests: LoadRequest[] = scenarios.map((scenario, index) => ({
      method: scenario.method ?? 'GET',
      path: scenario.path ?? '/v1/whoami',
      setupRequest: (request) => ({ ...request, headers: scenario.headers() }),
      onResponse: (status, body) => {
        const entry = tally[index] as (typeof tally)[number];
        entry.answered++;
        const why = wrongness(scenario.expected, status, body);
        if (why === null) return;
        entry.wrongCount++;
        if (entry.wrong.length < 5) entry.wrong.push(why);
      },
    }));

    const result = await autocannon({
      url: api.url,
      connections: CONNECTIONS,
      duration: DURATION_SECONDS,
      requests,
    });
    const answered = tally.reduce((sum, entry) => sum + entry.answered, 0);
    const wrongVerdicts = tally.reduce((sum, entry) => sum + entry.wrongCount, 0);
    const wrong = Object.fromEntries(
      scenarios.flatMap((scenario, index) => {
        const entry = tally[index] as (typeof tally)[number];
        return entry.wrong.length === 0 ? [] : [[scenario.name, entry.wrong]];
      }),
    );
    console.info(
      `playground load: ${result.requests.total} requests in ${result.duration} s, ` +
        `${result.requests.average} req/s average, ${answered} checked, ` +
        `${wrongVerdicts} wrong verdicts, ` +
        `${result.errors} errors, ${result.timeouts} timeouts`,
    );

    expect(wrong).toEqual({});
    expect(wrongVerdicts).toBe(0);
    expect(result.errors).toBe(0);
    expect(result.timeouts).toBe(0);
    expect(answered).toBeGreaterThan(scenarios.length * CONNECTIONS);
    for (const entry of tally) expect(entry.answered).toBeGreaterThan(0);

    // Still up, and still right: a genuine request and a refusal after the load.
    const health = await fetch(`${api.url}/v1/health`);
    expect(health.status).toBe(200);
    const after = await fetch(`${api.url}/v1/whoami`, { headers: signers.grace.headers() });
    expect(await after.json()).toMatchObject({ verdict: 'accepted', authenticatedWith: 'signed' });
    const refusal = await fetch(`${api.url}/v1/whoami`, {
      headers: { 'x-api-key': jwtUser.apiKey },
    });
    expect(refusal.status).toBe(401);
  }, 60_000);
});
