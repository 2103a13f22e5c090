/**
 * `pnpm --filter playground demo:node`: @apisig/node against the playground API in every mode,
 * and the ways a request goes wrong, one verdict per line. Uses API_URL, else a playground
 * already running on 127.0.0.1:8787, else starts one on a free loopback port. Exits 1 when a
 * verdict is not the expected one.
 */
import { createSignedFetch, createSigner, type FetchLike, type SyncSigner } from '@apisig/node';
import { createRemoteSigner, type RemoteSigner } from '@apisig/web';
import { demoRoles } from '../common/roles.ts';
import { type RunningApi, startApi } from '../server/listen.ts';
import { seed } from '../server/seed.ts';

interface Case {
  label: string;
  /** `200`, or the reason code the server must give. */
  expect: string;
  source(apiUrl: string): SyncSigner | RemoteSigner;
  /** Set on the signer before sending: a clock this many seconds off. */
  clockOffset?: number;
  /** Send the headers with a plain fetch: no Date correction, no retry. */
  noRetry?: boolean;
}

const { apiKeyUser, jwtUser, member, remoteUser, organization } = demoRoles(seed);
const jwtKey = jwtUser.jwtKey ?? '';
const acme = { appKey: organization.appKey, appSecret: organization.appSecret };
const grace = () => createSigner({ apiKey: jwtUser.apiKey, jwtKey });

const CASES: Case[] = [
  { label: 'API key', expect: '200', source: () => createSigner({ apiKey: apiKeyUser.apiKey }) },
  { label: 'API key + JWT', expect: '200', source: grace },
  {
    label: 'organization',
    expect: '200',
    source: () => createSigner({ apiKey: member.apiKey, organization: acme }),
  },
  {
    label: `remote signer (/sign, ${remoteUser.name})`,
    expect: '200',
    source: (apiUrl) => createRemoteSigner({ url: `${apiUrl}/sign` }),
  },
  {
    label: 'clock 120 s behind, retried',
    expect: '200',
    source: grace,
    clockOffset: -120,
  },
  {
    label: 'clock 120 s ahead, retried',
    expect: '200',
    source: grace,
    clockOffset: 120,
  },
  {
    label: 'wrong JWT key',
    expect: 'bad_signature',
    source: () => createSigner({ apiKey: jwtUser.apiKey, jwtKey: `not-${jwtKey}` }),
  },
  {
    label: 'no signature',
    expect: 'missing_signature',
    source: () => createSigner({ apiKey: jwtUser.apiKey }),
  },
  {
    label: 'expired token (no retry)',
    expect: 'expired',
    source: grace,
    clockOffset: -120,
    noRetry: true,
  },
  {
    label: 'unknown API key',
    expect: 'unknown_api_key',
    source: () => createSigner({ apiKey: 'demo-nobody-api-key' }),
  },
  {
    label: 'organization, not a member',
    expect: 'not_a_member',
    source: () => createSigner({ apiKey: apiKeyUser.apiKey, organization: acme }),
  },
];

async function isPlayground(url: string): Promise<boolean> {
  try {
    const response = await fetch(`${url}/v1/health`, { signal: AbortSignal.timeout(1000) });
    const body = (await response.json()) as { service?: string };
    return response.ok && body.service === 'apisig playground API';
  } catch {
    return false;
  }
}

async function findApi(): Promise<{ url: string; started?: RunningApi }> {
  if (process.env.API_URL) return { url: process.env.API_URL.replace(/\/+$/, '') };
  const usual = `http://127.0.0.1:${process.env.API_PORT || 8787}`;
  if (await isPlayground(usual)) return { url: usual };
  const started = await startApi({ log: () => undefined });
  return { url: started.url, started };
}

interface Outcome {
  status: number;
  /** The refusal's reason code; absent when accepted. */
  reason?: string;
  verdict: string;
  attempts: number;
  offset?: string;
}

async function run(testCase: Case, apiUrl: string): Promise<Outcome> {
  const source = testCase.source(apiUrl);
  const signer = 'setClockOffset' in source ? source : undefined;
  if (signer && testCase.clockOffset !== undefined) signer.setClockOffset(testCase.clockOffset);
  const before = signer?.clockOffset;
  let attempts = 0;
  const counting: FetchLike = (input, init) => {
    attempts++;
    return fetch(input, init);
  };
  const url = `${apiUrl}/v1/echo`;
  const init = {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ from: 'demo-node' }),
  };
  const response = testCase.noRetry
    ? await counting(url, { ...init, headers: { ...init.headers, ...(await source.headers()) } })
    : await createSignedFetch(source, { baseUrl: apiUrl, fetch: counting })(url, init);
  const body = (await response.json()) as {
    error?: string;
    header?: string;
    user?: { name: string };
    authenticatedWith?: string;
  };
  const verdict =
    response.status === 200
      ? `accepted: ${body.user?.name}, ${body.authenticatedWith}`
      : `refused: ${body.error} (${body.header})`;
  const moved = signer && before !== undefined && signer.clockOffset !== before;
  const offset = moved
    ? `clock offset ${before} s → ${signer.clockOffset.toFixed(2)} s`
    : undefined;
  return { status: response.status, reason: body.error, verdict, attempts, offset };
}

const { url, started } = await findApi();
console.log(`apisig node demo against ${url}${started ? ' (started for this run)' : ''}\n`);
let mismatches = 0;
try {
  for (const testCase of CASES) {
    const outcome = await run(testCase, url);
    const matched =
      testCase.expect === '200' ? outcome.status === 200 : outcome.reason === testCase.expect;
    if (!matched) mismatches++;
    const extra = [
      outcome.attempts > 1 ? `${outcome.attempts} attempts` : '',
      outcome.offset ?? '',
    ].filter(Boolean);
    console.log(
      `  ${matched ? '✓' : '✗'} ${testCase.label.padEnd(34)} ${outcome.status}  ${outcome.verdict}${
        extra.length ? `  [${extra.join(', ')}]` : ''
      }`,
    );
  }
} finally {
  await started?.close();
}
console.log(
  mismatches === 0
    ? `\nevery verdict as expected (${CASES.length} requests)`
    : `\n${mismatches} verdict(s) not as expected`,
);
process.exitCode = mismatches === 0 ? 0 : 1;
