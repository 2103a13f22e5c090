/**
 * `pnpm --filter @apisig/node bench`: what signing and verifying cost, next to what
 * jsonwebtoken costs used the usual ways and next to a raw node:crypto HMAC (the floor: no
 * library can build a token for less). All cases run in one process, interleaved round by
 * round, so the ratios compare like with like on a noisy machine. Not a test: it prints
 * figures (`BENCH_ROUNDS`, `BENCH_ROUND_MS` tune the run).
 */
import { createHmac, createSecretKey } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { createSigner, createVerifier, type VerifyOptions, verifyHeaders } from '../src/index.js';

const API_KEY = 'ak_live_3f9a2c1e7b4d';
const JWT_KEY = 'jk_9b2e4c7a1f3d5e8b';
const START_MS = 1_764_300_000_000;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const ROUND_MS = Number(process.env.BENCH_ROUND_MS ?? 300);

interface Case {
  name: string;
  run: () => unknown;
  /** Awaited one call at a time (the verifier answers with a promise). */
  async?: boolean;
}

interface Result {
  name: string;
  opsPerSecond: number;
}

/** Keeps results alive so the optimizer cannot drop the work being measured. */
let sink = 0;
const consume = (value: unknown) => {
  sink ^= value === undefined ? 1 : 2;
};

/** Ops/s of one case over one round: batches of calls until ROUND_MS has passed. */
async function round(bench: Case): Promise<number> {
  let ops = 0;
  let batch = 16;
  const start = process.hrtime.bigint();
  let elapsedMs = 0;
  while (elapsedMs < ROUND_MS) {
    if (bench.async) for (let i = 0; i < batch; i++) consume(await bench.run());
    else for (let i = 0; i < batch; i++) consume(bench.run());
    ops += batch;
    batch = Math.min(batch * 2, 4096);
    elapsedMs = Number(process.hrtime.bigint() - start) / 1e6;
  }
  return (ops / elapsedMs) * 1000;
}

/**
 * Every case once per round, round after round, each keeping its best round: the machine is
 * shared, and interleaving plus best-of keeps a burst of load from skewing one case only.
 */
async function measure(cases: Case[]): Promise<Result[]> {
  for (const bench of cases) for (let i = 0; i < 3000; i++) consume(await bench.run()); // JIT warm-up
  const best = cases.map(() => 0);
  for (let r = 0; r < ROUNDS; r++) {
    for (const [index, bench] of cases.entries()) {
      best[index] = Math.max(best[index] as number, await round(bench));
    }
  }
  return cases.map((bench, index) => ({ name: bench.name, opsPerSecond: best[index] as number }));
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

function rawHmacToken(expiry = ++exp): string {
  const payload = Buffer.from(JSON.stringify({ key: API_KEY, exp: expiry })).toString('base64url');
  const input = `${headerSegment}.${payload}`;
  return `${input}.${createHmac('sha256', keyObject).update(input).digest('base64url')}`;
}

const signingCases: Case[] = [
  {
    name: 'headers(), steady state (token reused within the second)',
    run: () => steadySigner.headers(),
  },
  { name: 'headers(), fresh token every call', run: () => freshSigner.headers() },
  {
    name: 'jsonwebtoken.sign, string key (per call, as the vendor SDK does)',
    run: () => jwt.sign({ key: API_KEY, exp: ++exp }, JWT_KEY, jwtOptions),
  },
  {
    name: 'jsonwebtoken.sign, KeyObject',
    run: () => jwt.sign({ key: API_KEY, exp: ++exp }, keyObject, jwtOptions),
  },
  { name: 'raw node:crypto HMAC token (floor)', run: () => rawHmacToken() },
];

// Verifying: one valid token, a clock inside its lifetime.
const token = jwt.sign({ key: API_KEY, exp: START_MS / 1000 + 15 }, keyObject, jwtOptions);
const requestHeaders = { 'x-api-key': API_KEY, 'x-signature': token };
const user = { jwtKey: JWT_KEY };
const verifyOptions: VerifyOptions = { users: () => user, clock: () => START_MS };
const verifier = createVerifier(verifyOptions);
const checkOnce = await verifyHeaders(requestHeaders, verifyOptions);
if (!checkOnce.ok) throw new Error(`benchmark token does not verify: ${checkOnce.reason}`);

// A fresh token on every call, as from many clients or a new second: each call moves the
// clock to its token's second, so no verified token is there to reuse.
const FRESH_POOL = 65_536;
const freshTokens = Array.from({ length: FRESH_POOL }, (_, index) => ({
  'x-api-key': API_KEY,
  'x-signature': rawHmacToken(START_MS / 1000 + index + 15),
}));
let freshIndex = 0;
let freshClock = START_MS;
const freshVerifyOptions: VerifyOptions = { users: () => user, clock: () => freshClock };

const verifyingCases: Case[] = [
  {
    name: 'verifyHeaders(headers, options), a fresh token every call',
    run: () => {
      const index = freshIndex++ % FRESH_POOL;
      freshClock = START_MS + index * 1000;
      return verifyHeaders(freshTokens[index] as Record<string, string>, freshVerifyOptions);
    },
    async: true,
  },
  {
    name: 'verifyHeaders(headers, options), the same token repeated',
    run: () => verifyHeaders(requestHeaders, verifyOptions),
    async: true,
  },
  {
    name: 'createVerifier(options) once, then verifier(headers)',
    run: () => verifier(requestHeaders),
    async: true,
  },
  {
    name: 'jsonwebtoken.verify, KeyObject',
    run: () =>
      jwt.verify(token, keyObject, { algorithms: ['HS256'], clockTimestamp: START_MS / 1000 }),
  },
];

const results = await measure([...signingCases, ...verifyingCases]);
const signing = results.slice(0, signingCases.length);
const verifying = results.slice(signingCases.length);

const format = (n: number) => Math.round(n).toLocaleString('en-US').padStart(13);
console.log(
  `@apisig/node benchmark — node ${process.version}; best of ${ROUNDS} interleaved rounds of ${ROUND_MS} ms per case\n`,
);
for (const { name, opsPerSecond } of [...signing, ...verifying]) {
  console.log(`${format(opsPerSecond)} ops/s  ${name}`);
}

const [steady, fresh, jwtString, , floor] = signing as [Result, Result, Result, Result, Result];
const [freshVerify, oneShot, reused, jwtVerify] = verifying as [Result, Result, Result, Result];
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
    what: 'verifyHeaders, fresh token, vs jsonwebtoken.verify (KeyObject)',
    value: ratio(jwtVerify, freshVerify),
    text: (r: number) => `${r.toFixed(2)}x its time`,
    met: (r: number) => r <= 1.5,
    goal: '≤ 1.5x',
  },
  {
    what: 'verifyHeaders, repeated token, vs jsonwebtoken.verify (KeyObject)',
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
const micros = (result: Result) => `${(1e6 / result.opsPerSecond).toFixed(2)} µs`;
console.log(
  `\nverifyHeaders per request: ${micros(freshVerify)} with a fresh token, ${micros(oneShot)} with a repeated one`,
);
if (sink === 0.5) console.log(sink); // never true; reads the sink so it stays live
