/**
 * The README's command-line examples (examples/cli/*.sh) run here as written, by bash, with
 * `apisig` on the PATH as an installed package puts it (a shim to dist/cli.js), against a
 * real server on 127.0.0.1 that knows the examples' user; every output is scanned for the
 * examples' secrets.
 */
import { execFile, spawnSync } from 'node:child_process';
import { chmodSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { castSecrets } from '@apisig/test-support/cast';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeToken, type VerifyOptions } from '../../src/index.js';
import { type ApiServer, startApiServer } from '../servers.js';
import { assertNoSecret, cliPath, scratchDir, writeIn } from './run-cli.js';

const examplesDir = join(import.meta.dirname, '..', '..', 'examples', 'cli');
const CLI_EXAMPLES = ['headers.sh', 'request.sh', 'inspect.sh', 'keygen.sh'];

// The user the examples sign as (the README's example credentials), and a key they no longer have.
const user = { apiKey: 'ak_live_3f9a2c1e7b4d', jwtKey: 'jk_9b2e4c7a1f3d5e8b' };
const oldJwtKey = 'jk_1d4f7a2c9e5b8a3f';
const secrets = [...castSecrets, user.jwtKey, oldJwtKey];

let server: ApiServer;
beforeAll(async () => {
  const users: VerifyOptions['users'] = (apiKey) =>
    apiKey === user.apiKey ? { jwtKey: user.jwtKey } : null;
  server = await startApiServer('express', (clock) => ({ users, clock }));
});
afterAll(() => server.close());

// A working folder with the files the examples read, and `apisig` on the PATH.
const cwd = scratchDir();
writeIn(cwd, 'jwt-key.txt', `${user.jwtKey}\n`);
writeIn(cwd, 'old-jwt-key.txt', `${oldJwtKey}\n`);
writeIn(cwd, 'order.json', '{"sku":"apisig-mug","quantity":2}');
const bin = scratchDir();
chmodSync(
  writeIn(bin, 'apisig', `#!/bin/sh\nexec "${process.execPath}" "${cliPath}" "$@"\n`),
  0o755,
);

const has = (tool: string) => spawnSync(tool, ['--version']).status === 0;

/** Runs one example with bash (-e: a failing line fails it), without blocking the servers. */
function runExample(file: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      'bash',
      ['-eo', 'pipefail', join(examplesDir, file)],
      {
        cwd,
        encoding: 'utf8',
        env: { PATH: `${bin}:${process.env.PATH}`, HOME: cwd, API_URL: server.url },
      },
      (error, stdout, stderr) => {
        const run = { code: error ? Number(error.code ?? 1) : 0, stdout, stderr };
        assertNoSecret(run, secrets);
        resolve(run);
      },
    );
  });
}

/** The JSON objects in a stream of output, back to back or on lines of their own. */
function jsonDocuments(text: string): unknown[] {
  const documents: unknown[] = [];
  let depth = 0;
  let start = -1;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (inString) {
      if (char === '\\') i++;
      else if (char === '"') inString = false;
    } else if (char === '"') inString = depth > 0;
    else if (char === '{' && depth++ === 0) start = i;
    else if (char === '}' && --depth === 0) documents.push(JSON.parse(text.slice(start, i + 1)));
  }
  return documents;
}

describe('README command-line examples', () => {
  it('every example is a file with a test here, shown verbatim in README.md', () => {
    const readme = readFileSync(join(import.meta.dirname, '..', '..', 'README.md'), 'utf8');
    for (const file of CLI_EXAMPLES) {
      const source = readFileSync(join(examplesDir, file), 'utf8');
      expect(source).not.toBe('');
      expect(readme).toContain(`\`\`\`sh\n${source}\`\`\``);
    }
  });

  it('headers.sh: the JSON headers, and curl with them gets 200 from the server', async ({
    skip,
  }) => {
    if (!has('curl')) skip('curl is not installed on this machine');
    const run = await runExample('headers.sh');
    expect(run.code).toBe(0);
    const [headers, answer] = jsonDocuments(run.stdout) as [
      Record<string, string>,
      { apisig: unknown },
    ];
    expect(headers['x-api-key']).toBe(user.apiKey);
    expect(decodeToken(headers['x-signature']!)?.payload.key).toBe(user.apiKey);
    expect(answer.apisig).toStrictEqual({ apiKey: user.apiKey, signed: true, mode: 'signed' });
  });

  it('request.sh: a GET and a POST pass, the old key is refused with exit 1', async () => {
    const before = server.statuses.length;
    const run = await runExample('request.sh');
    expect(run.code).toBe(0);
    expect(server.statuses.slice(before)).toStrictEqual([200, 200, 401]);
    const [me, order] = jsonDocuments(run.stdout) as [{ apisig: unknown }, { body: string }];
    expect(me.apisig).toMatchObject({ apiKey: user.apiKey, mode: 'signed' });
    expect(order.body).toBe('{"sku":"apisig-mug","quantity":2}');
    expect(run.stdout).toContain('{"error":"bad_signature","header":"x-signature"}exit 1\n');
    expect(run.stderr).toBe(
      '200 OK\n200 OK\n401 Unauthorized\nrefused: bad_signature (x-signature): The signature does not match: the token was signed with another key.\n',
    );
  });

  it('inspect.sh: ok, ok under a 15 s max ttl, and "not checked" without the secret', async ({
    skip,
  }) => {
    if (!has('jq')) skip('jq is not installed on this machine');
    const run = await runExample('inspect.sh');
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    const verdicts = run.stdout.split('\n').filter((line) => line.startsWith('verdict'));
    expect(verdicts).toStrictEqual([
      'verdict  ok: a server accepts it as x-signature (max ttl 60 s)',
      'verdict  ok: a server accepts it as x-signature (max ttl 15 s)',
      'verdict  not checked: set APISIG_JWT_KEY and APISIG_API_KEY (or their --…-file options) to verify it',
    ]);
  });

  it('keygen.sh: a key and secret printed, and the same as JSON in new-user.json', async () => {
    const run = await runExample('keygen.sh');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /^api key {2}ak_live_[A-Za-z0-9_-]{32}\nsecret {3}[A-Za-z0-9_-]{43}\n$/,
    );
    const stored = JSON.parse(readFileSync(join(cwd, 'new-user.json'), 'utf8'));
    expect(Object.keys(stored)).toStrictEqual(['apiKey', 'secret']);
  });
});
