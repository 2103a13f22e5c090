/**
 * The runtimes the package claims, for real: the same smoke suite (every vector byte-exact,
 * verification, hostile tokens refused, signed fetch against a server on 127.0.0.1) run on
 * the BUILT package in Deno, Bun and workerd. Each runtime is an npm devDependency of this
 * package; nothing is fetched from the network.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rejectionVectors, signatureVectors } from '@apisig/test-support';
import { build } from 'esbuild';
import { Miniflare } from 'miniflare';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { plannedChecks, type SmokeInput, type SmokeResult } from './runtimes/smoke-suite.js';
import { startApiServer, type TestServers } from './support/api-server.js';
import { AHEAD_PREFIX, alice } from './support/credentials.js';
import { assertFreshBuild, packageDir } from './support/dist.js';
import { hostileTokens } from './support/forged-tokens.js';

const bin = (name: string) => join(packageDir, 'node_modules', '.bin', name);
const cliEntry = join(packageDir, 'test', 'runtimes', 'cli-entry.ts');
const TIMEOUT = 90_000;
/** Where `@apisig/web` and `@apisig/core` must resolve: dist/, never src/. */
const builtEntries = [
  `file://${join(packageDir, 'dist', 'index.js')}`,
  `file://${join(packageDir, '..', 'core', 'dist', 'index.js')}`,
];

let server: TestServers;
let input: SmokeInput;
let scratch: string;

beforeAll(async () => {
  assertFreshBuild();
  server = await startApiServer();
  scratch = mkdtempSync(join(tmpdir(), 'apisig-runtimes-'));
  input = {
    signatureVectors,
    hostileTokens: [
      ...rejectionVectors.map((v) => ({ ...v, name: `vector ${v.name}` })),
      ...hostileTokens(),
    ],
    apiUrl: server.url,
    trapUrl: server.trapUrl,
    alice,
    aheadPrefix: AHEAD_PREFIX,
  };
});

afterAll(async () => {
  await server?.close();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

/** Runs a CLI runtime asynchronously: the API server lives in this very process. */
function run(file: string, args: string[], env: Record<string, string>): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      file,
      args,
      {
        cwd: packageDir,
        timeout: TIMEOUT - 5_000,
        maxBuffer: 16 * 1024 * 1024,
        env: { PATH: process.env.PATH ?? '', HOME: scratch, NO_COLOR: '1', ...env },
      },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`${file} failed: ${error.message}\n${stderr}`));
        else resolve(stdout);
      },
    );
  });
}

function expectAllPassed(results: SmokeResult[]) {
  expect(results.filter((r) => !r.ok)).toEqual([]);
  expect(results.map((r) => r.name)).toEqual(plannedChecks(input));
}

describe('the built package in other runtimes', () => {
  it(
    'Deno',
    async () => {
      const stdout = await run(
        bin('deno'),
        [
          'run',
          '--no-prompt',
          '--no-lock',
          '--allow-env=APISIG_SMOKE_INPUT',
          '--allow-net=127.0.0.1',
          cliEntry,
        ],
        {
          APISIG_SMOKE_INPUT: JSON.stringify(input),
          DENO_NO_UPDATE_CHECK: '1',
          DENO_DIR: join(scratch, 'deno'),
        },
      );
      const report = JSON.parse(stdout) as { resolved: string[]; results: SmokeResult[] };
      expect(report.resolved).toEqual(builtEntries);
      expectAllPassed(report.results);
    },
    TIMEOUT,
  );

  it(
    'Bun',
    async () => {
      const stdout = await run(bin('bun'), ['run', cliEntry], {
        APISIG_SMOKE_INPUT: JSON.stringify(input),
        DO_NOT_TRACK: '1',
        BUN_INSTALL_CACHE_DIR: join(scratch, 'bun'),
      });
      const report = JSON.parse(stdout) as { resolved: string[]; results: SmokeResult[] };
      expect(report.resolved).toEqual(builtEntries);
      expectAllPassed(report.results);
    },
    TIMEOUT,
  );

  it(
    'workerd (Cloudflare Workers, through miniflare)',
    async () => {
      const bundle = await build({
        entryPoints: [join(packageDir, 'test', 'runtimes', 'worker-entry.ts')],
        absWorkingDir: packageDir,
        bundle: true,
        write: false,
        format: 'esm',
        platform: 'neutral',
        conditions: ['workerd', 'worker', 'browser'],
        mainFields: ['module', 'main'],
        metafile: true,
        logLevel: 'silent',
      });
      // The Worker runs the built package, not its TypeScript source.
      const inputs = Object.keys(bundle.metafile.inputs);
      expect(inputs).toEqual(
        expect.arrayContaining(['dist/index.js', 'dist/verify.js', '../core/dist/index.js']),
      );
      expect(inputs.filter((file) => file.includes('/src/'))).toEqual([]);

      const worker = new Miniflare({
        modules: true,
        script: bundle.outputFiles[0]?.text ?? '',
        compatibilityDate: '2025-09-01',
      });
      try {
        const response = await worker.dispatchFetch('http://worker.test/', {
          method: 'POST',
          body: JSON.stringify(input),
        });
        const report = (await response.json()) as { results: SmokeResult[] };
        expectAllPassed(report.results);
      } finally {
        await worker.dispose();
      }
    },
    TIMEOUT,
  );
});
