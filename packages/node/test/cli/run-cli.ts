/**
 * Runs the built CLI (node dist/cli.js) as a user would, with only the environment a test
 * gives it, and scans every run's stdout and stderr for secrets: the cast's, and every
 * secret the run was given (APISIG_JWT_KEY, APISIG_APP_SECRET, secret files, values typed
 * where a credential flag was refused). A secret in any output fails the test that ran it.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { castSecrets } from '@apisig/test-support/cast';
import { afterAll } from 'vitest';

export const cliPath = join(import.meta.dirname, '..', '..', 'dist', 'cli.js');

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  /** The whole environment besides PATH and HOME: nothing is inherited. */
  env?: Record<string, string>;
  /** What stdin holds (closed at once when absent). */
  input?: string | Buffer;
  cwd?: string;
  /** More values that must appear in no output (secret files, refused values...). */
  secrets?: readonly string[];
}

/** Runs so far in this test file, and the secrets each was scanned for: the scan's own record. */
export const scans = { runs: 0, secretsChecked: 0 };

/** Throws, naming which secret and stream (never printing the secret), if one shows up. */
export function assertNoSecret(run: CliRun, secrets: readonly string[]): void {
  secrets.forEach((secret, index) => {
    for (const stream of ['stdout', 'stderr'] as const) {
      if (run[stream].includes(secret)) {
        throw new Error(`secret #${index} (of ${secrets.length}) appeared in the CLI's ${stream}`);
      }
    }
  });
}

/** The secrets one run must not print: the cast's, and those its environment carries. */
function secretsOf(options: RunOptions): string[] {
  const env = options.env ?? {};
  const given = [env.APISIG_JWT_KEY, env.APISIG_APP_SECRET].filter(
    (value): value is string => value !== undefined && value !== '',
  );
  return [...castSecrets, ...given, ...(options.secrets ?? [])];
}

/** Spawns `node dist/cli.js ...args`, waits for it to exit, and scans what it printed. */
export async function runCli(args: readonly string[], options: RunOptions = {}): Promise<CliRun> {
  const child = spawn(process.execPath, [cliPath, ...args], {
    cwd: options.cwd,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...options.env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  child.stdin.end(options.input);
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', resolve);
  });
  const run = { code, stdout, stderr };
  const secrets = secretsOf(options);
  assertNoSecret(run, secrets);
  scans.runs++;
  scans.secretsChecked += secrets.length;
  return run;
}

/** A scratch folder for key files and bodies, removed after the test file. */
export function scratchDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'apisig-cli-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Writes a file in `dir` and returns its path. */
export function writeIn(dir: string, name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

/** The environment for one of the cast (and, optionally, acme). */
export function envFor(
  user: { apiKey: string; jwtKey?: string },
  organization?: { appKey: string; appSecret: string },
): Record<string, string> {
  return {
    APISIG_API_KEY: user.apiKey,
    ...(user.jwtKey === undefined ? {} : { APISIG_JWT_KEY: user.jwtKey }),
    ...(organization === undefined
      ? {}
      : { APISIG_APP_KEY: organization.appKey, APISIG_APP_SECRET: organization.appSecret }),
  };
}
