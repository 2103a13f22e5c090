/**
 * `pnpm --filter @apisig/node bench:server`: what the apisig() middleware costs a real
 * server. The same node:http handler runs bare and guarded (bench/servers.ts, in a child
 * process); autocannon loads each in turn, round after round in one run, with requests signed
 * by one client that reuses its per-second token. Prints, per round, req/s and the server's
 * CPU per request, then the medians of the rounds' ratios: the guarded server's share of the
 * bare one's throughput, and the same share measured in server CPU per request (the steadier
 * figure when other work shares the machine). Not a test: figures only.
 * BENCH_ROUNDS, BENCH_SECONDS and BENCH_CONNECTIONS tune it.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { createSigner } from '../src/index.js';
import { API_KEY, JWT_KEY } from './servers.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 6);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16);

const child = spawn(
  process.execPath,
  [
    '--conditions=@apisig/source',
    '--import',
    'tsx',
    fileURLToPath(new URL('./servers.ts', import.meta.url)),
    '--serve',
  ],
  { stdio: ['ignore', 'pipe', 'inherit', 'ipc'] },
);
if (!child.stdout) throw new Error('the servers process has no stdout');
const [line] = (await once(child.stdout, 'data')) as [Buffer];
const urls = JSON.parse(line.toString()) as { bare: string; guarded: string };

const signer = createSigner({ apiKey: API_KEY, jwtKey: JWT_KEY });

interface Load {
  /** Requests per second the server answered. */
  rate: number;
  /** The server process's CPU time (user + system) per request, in µs. */
  cpu: number;
}

async function serverCpu(): Promise<number> {
  child.send('cpu');
  const [usage] = (await once(child, 'message')) as [NodeJS.CpuUsage];
  return usage.user + usage.system;
}

async function load(url: string): Promise<Load> {
  const before = await serverCpu();
  const result = await autocannon({
    url: `${url}/v1/me`,
    connections: CONNECTIONS,
    duration: SECONDS,
    // Each request signed as a client would: the second's token, reused within the second.
    requests: [{ setupRequest: (request) => ({ ...request, headers: { ...signer.headers() } }) }],
  });
  const cpu = (await serverCpu()) - before;
  if (result.non2xx > 0 || result.errors > 0) {
    throw new Error(`${url}: ${result.non2xx} non-2xx answers, ${result.errors} errors`);
  }
  return { rate: result.requests.average, cpu: cpu / result.requests.total };
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
const rateRatios: number[] = [];
const cpuRatios: number[] = [];
try {
  await load(urls.bare); // warm both before measuring
  await load(urls.guarded);
  for (let round = 1; round <= ROUNDS; round++) {
    // Alternate which goes first, so a machine slowing down or speeding up mid-round
    // does not always favour the same server.
    const guardedFirst = round % 2 === 0;
    const first = await load(guardedFirst ? urls.guarded : urls.bare);
    const second = await load(guardedFirst ? urls.bare : urls.guarded);
    const [bare, guarded] = guardedFirst ? [second, first] : [first, second];
    rateRatios.push(guarded.rate / bare.rate);
    cpuRatios.push(bare.cpu / guarded.cpu);
    console.log(
      `round ${round}: bare ${Math.round(bare.rate)} req/s at ${bare.cpu.toFixed(1)} µs CPU each, ` +
        `guarded ${Math.round(guarded.rate)} req/s at ${guarded.cpu.toFixed(1)} µs CPU each`,
    );
  }
} finally {
  child.kill();
}
console.log(
  `\n${CONNECTIONS} connections, ${ROUNDS} rounds of ${SECONDS} s per server, medians of the rounds (target >= 0.85):`,
);
console.log(`  throughput, guarded / bare:         ${median(rateRatios).toFixed(2)}`);
console.log(`  server CPU per request, bare / guarded: ${median(cpuRatios).toFixed(2)}`);
