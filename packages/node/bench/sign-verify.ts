/**
 * `pnpm --filter @apisig/node bench`: what signing and verifying cost, next to what
 * jsonwebtoken costs used the usual ways and next to a raw node:crypto HMAC (the floor: no
 * library can build a token for less). All cases run in one process, one after the other,
 * so the ratios compare like with like on a noisy machine. Not a test: it prints figures.
 */
import { createHmac, createSecretKey } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { createSigner, createVerifier, type VerifyOptions, verifyHeaders } from '../src/index.js';

const API_KEY = 'ak_live_3f9a2c1e7b4d';
const JWT_KEY = 'jk_9b2e4c7a1f3d5e8b';
const START_MS = 1_764_300_000_000;
const DURATION_MS = Number(process.env.BENCH_MS ?? 1500);

interface Result {
  name: string;
  opsPerSecond: number;
}

/** Keeps results alive so the optimizer cannot drop the work being measured. */
let sink = 0;

/** Runs `run` in growing batches until DURATION_MS has passed; ops/s over the timed batches. */
function measure(name: string, run: () => unknown): Result {
  for (let i = 0; i < 2000; i++) sink ^= String(run()).length; // warm up: let the JIT settle
  let ops = 0;
  let batch = 64;
  const start = process.hrtime.bigint();
  let elapsedMs = 0;
  while (elapsedMs < DURATION_MS) {
    for (let i = 0; i < batch; i++) sink ^= String(run()).length;
    ops += batch;
    batch = Math.min(batch * 2, 65_536);
    elapsedMs = Number(process.hrtime.bigint() - start) / 1e6;
  }
  return { name, opsPerSecond: (ops / elapsedMs) * 1000 };
}

/** The same for a promise-returning operation, awaited one at a time. */
async function measureAsync(name: string, run: () => Promise<unknown>): Promise<Result> {
  for (let i = 0; i < 2000; i++) sink ^= JSON.stringify(await run()).length;
  let ops = 0;
  const start = process.hrtime.bigint();
  let elapsedMs = 0;
  while (elapsedMs < DURATION_MS) {
    for (let i = 0; i < 256; i++) sink ^= JSON.stringify(await run()).length;
    ops += 256;
    elapsedMs = Number(process.hrtime.bigint() - start) / 1e6;
  }
  return { name, opsPerSecond: (ops / elapsedMs) * 1000 };
}

// Signing.
const steadySigner = createSigner({ apiKey: API_KEY, jwtKey: JWT_KEY, clock: () => START_MS });
let freshNow = START_MS;
const freshSigner = createSigner({
  apiKey: API_KEY,
  jwtKey: JWT_KEY,
  clock: () => (freshNow += 1000), // a new second on every call: nothing to reuse
});
const keyObject = createSecretKey(Buffer.from(JWT_KEY, 'utf8'));
let exp = START_MS / 1000;
const jwtOptions = { algorithm: 'HS256', noTimestamp: true } as const;
const headerSegment = Buffer.from('{"alg":"HS256","typ":"JWT"}').toString('base64url');

function rawHmacToken(): string {
  const payload = Buffer.from(JSON.stringify({ key: API_KEY, exp: ++exp })).toString('base64url');
  const input = `${headerSegment}.${payload}`;
  return `${input}.${createHmac('sha256', keyObject).update(input).digest('base64url')}`;
}

const signing = [
  measure('headers(), steady state (token reused within the second)', () => steadySigner.headers()),
  measure('headers(), fresh token every call', () => freshSigner.headers()),
  measure('jsonwebtoken.sign, string key (per call, as the vendor SDK does)', () =>
    jwt.sign({ key: API_KEY, exp: ++exp }, JWT_KEY, jwtOptions),
  ),
  measure('jsonwebtoken.sign, KeyObject', () =>
    jwt.sign({ key: API_KEY, exp: ++exp }, keyObject, jwtOptions),
  ),
  measure('raw node:crypto HMAC token (floor)', rawHmacToken),
];

// Verifying: one valid token, a clock inside its lifetime.
const token = jwt.sign({ key: API_KEY, exp: START_MS / 1000 + 15 }, keyObject, jwtOptions);
const requestHeaders = { 'x-api-key': API_KEY, 'x-signature': token };
const user = { jwtKey: JWT_KEY };
const verifyOptions: VerifyOptions = { users: () => user, clock: () => START_MS };
const verifier = createVerifier(verifyOptions);
const checkOnce = await verifyHeaders(requestHeaders, verifyOptions);
if (!checkOnce.ok) throw new Error(`benchmark token does not verify: ${checkOnce.reason}`);

const verifying = [
  await measureAsync('verifyHeaders(headers, options)', () =>
    verifyHeaders(requestHeaders, verifyOptions),
  ),
  await measureAsync('createVerifier(options) once, then verifier(headers)', () =>
    verifier(requestHeaders),
  ),
  measure('jsonwebtoken.verify, KeyObject', () =>
    jwt.verify(token, keyObject, { algorithms: ['HS256'], clockTimestamp: START_MS / 1000 }),
  ),
];

const format = (n: number) => Math.round(n).toLocaleString('en-US').padStart(13);
console.log(`@apisig/node benchmark — node ${process.version}, ${DURATION_MS} ms per case\n`);
for (const { name, opsPerSecond } of [...signing, ...verifying]) {
  console.log(`${format(opsPerSecond)} ops/s  ${name}`);
}

const [steady, fresh, jwtString, , floor] = signing as [Result, Result, Result, Result, Result];
const [oneShot, reused, jwtVerify] = verifying as [Result, Result, Result];
const ratio = (a: Result, b: Result) => a.opsPerSecond / b.opsPerSecond;
const targets = [
  {
    what: 'steady headers() vs jsonwebtoken.sign with a string key',
    value: ratio(steady, jwtString),
    text: (r: number) => `${Math.round(r).toLocaleString('en-US')}x faster`,
    met: (r: number) => r >= 1000,
    goal: '≥ 1000x faster',
  },
  {
    what: 'fresh-token headers() vs the raw HMAC floor',
    value: ratio(floor, fresh),
    text: (r: number) => `${r.toFixed(2)}x the floor's time`,
    met: (r: number) => r <= 3,
    goal: '≤ 3x',
  },
  {
    what: 'verifyHeaders vs jsonwebtoken.verify (KeyObject)',
    value: ratio(jwtVerify, oneShot),
    text: (r: number) => `${r.toFixed(2)}x its time`,
    met: (r: number) => r <= 1.5,
    goal: '≤ 1.5x',
  },
  {
    what: 'reused verifier vs jsonwebtoken.verify (KeyObject)',
    value: ratio(jwtVerify, reused),
    text: (r: number) => `${r.toFixed(2)}x its time`,
    met: (r: number) => r <= 1.5,
    goal: '≤ 1.5x',
  },
];
console.log('\nratios');
for (const target of targets) {
  const verdict = target.met(target.value) ? 'met' : 'MISSED';
  console.log(`  ${target.what}: ${target.text(target.value)} (target ${target.goal}: ${verdict})`);
}
if (sink === 0.5) console.log(sink); // never true; reads the sink so it stays live
