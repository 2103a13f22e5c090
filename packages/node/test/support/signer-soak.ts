/**
 * Run by signer-load.test.ts in a child process with --expose-gc: a long-running signer
 * (user + organization) called 1,000,000 times on a clock that moves a second every 1,000
 * calls, so it keeps signing. Prints heapUsed after a warm-up and after the run, as JSON.
 */
import { createSigner, createVerifier } from '@apisig/node';

const gc = globalThis.gc;
if (gc === undefined) throw new Error('run with --expose-gc');

const CALLS = Number(process.argv[2] ?? 1_000_000);
const WARM_UP = 100_000;
const CALLS_PER_SECOND = 1000;
const jwtKey = 'jk_soak_secret_4a1f';
const appSecret = 'as_soak_secret_9e2c';

let tick = 0;
const start = Date.now();
const clock = () => start + Math.floor(tick / CALLS_PER_SECOND) * 1000;
const signer = createSigner({
  apiKey: 'ak_soak',
  jwtKey,
  organization: { appKey: 'app_soak', appSecret },
  clock,
});

// Count fresh tokens without keeping them: the run's own bookkeeping must not grow either.
let lastToken = '';
let signings = 0;
function run(calls: number) {
  for (let i = 0; i < calls; i++) {
    tick++;
    const token = signer.headers()['x-signature'] ?? '';
    if (token !== lastToken) signings++;
    lastToken = token;
  }
}

function settledHeap(): number {
  for (let i = 0; i < 3; i++) gc?.();
  return process.memoryUsage().heapUsed;
}

run(WARM_UP);
const heapBefore = settledHeap();
signings = 0;
run(CALLS);
const heapAfter = settledHeap();

const verdict = await createVerifier({
  users: () => ({ jwtKey }),
  organizations: () => ({ appSecret, isMember: () => true }),
  clock,
})(signer.headers());

console.log(JSON.stringify({ calls: CALLS, signings, heapBefore, heapAfter, verdict }));
