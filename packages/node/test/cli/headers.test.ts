/**
 * `apisig headers`: what it prints is accepted by a real server (node:http and Express on
 * 127.0.0.1), as JSON through fetch and as curl arguments through a real curl; credentials
 * come from the environment or files, and the file rule drops one line break, nothing else.
 */
import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { acme, alice, bob, carol, mallory } from '@apisig/test-support/cast';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeToken } from '../../src/index.js';
import { directory } from '../fixtures.js';
import { type ApiServer, startApiServer } from '../servers.js';
import { cliPath, envFor, runCli, scratchDir, writeIn } from './run-cli.js';

let nodeServer: ApiServer;
let expressServer: ApiServer;
beforeAll(async () => {
  nodeServer = await startApiServer('node:http', directory);
  expressServer = await startApiServer('express', directory);
});
afterAll(async () => {
  await Promise.all([nodeServer.close(), expressServer.close()]);
});

const dir = scratchDir();

/** The headers `apisig headers` prints as JSON, and the run itself. */
async function headersFrom(env: Record<string, string>, args: string[] = []) {
  const run = await runCli(['headers', ...args], { env });
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout) as Record<string, string>;
}

async function identityAt(server: ApiServer, headers: Record<string, string>) {
  const response = await fetch(`${server.url}/v1/me`, { headers });
  const body = (await response.json()) as { apisig?: unknown; error?: string };
  return { status: response.status, body: body.apisig ?? body };
}

const curl = spawnSync('curl', ['--version']).status === 0;

/** Runs a bash script without blocking the event loop: the servers live in this process. */
async function bash(script: string, env: Record<string, string | undefined>): Promise<string> {
  const { stdout } = await promisify(execFile)('bash', ['-c', script], { encoding: 'utf8', env });
  return stdout;
}

describe('apisig headers: JSON a server accepts', () => {
  const modes = [
    { mode: 'api-key', env: envFor(bob), names: ['x-api-key'], apiKey: bob.apiKey },
    {
      mode: 'signed',
      env: envFor(alice),
      names: ['x-api-key', 'x-signature'],
      apiKey: alice.apiKey,
    },
    {
      mode: 'organization',
      env: envFor(bob, acme),
      names: ['x-api-key', 'x-app-key', 'x-app-signature'],
      apiKey: bob.apiKey,
    },
    {
      mode: 'signed-organization',
      env: envFor(alice, acme),
      names: ['x-api-key', 'x-signature', 'x-app-key', 'x-app-signature'],
      apiKey: alice.apiKey,
    },
  ];
  for (const { mode, env, names, apiKey } of modes) {
    for (const server of ['node:http', 'express'] as const) {
      it(`${mode}: the headers for the credentials, accepted by ${server}`, async () => {
        const headers = await headersFrom(env);
        expect(Object.keys(headers)).toStrictEqual(names);
        const target = server === 'node:http' ? nodeServer : expressServer;
        expect(await identityAt(target, headers)).toMatchObject({
          status: 200,
          body: { apiKey, mode },
        });
      });
    }
  }

  it('signed with another JWT key: the server refuses them (bad_signature)', async () => {
    const headers = await headersFrom({ ...envFor(alice), APISIG_JWT_KEY: mallory.jwtKey });
    expect(await identityAt(nodeServer, headers)).toStrictEqual({
      status: 401,
      body: { error: 'bad_signature', header: 'x-signature' },
    });
  });

  it('an organization that may not act for the user: 403 not_a_member', async () => {
    const headers = await headersFrom(envFor(carol, acme));
    expect(await identityAt(nodeServer, headers)).toMatchObject({
      status: 403,
      body: { error: 'not_a_member' },
    });
  });

  it('--ttl and --app-ttl set the lifetimes the tokens claim', async () => {
    const before = Math.floor(Date.now() / 1000);
    const headers = await headersFrom(envFor(alice, acme), ['--ttl', '30', '--app-ttl', '300']);
    const after = Math.floor(Date.now() / 1000);
    const exp = (name: string) => decodeToken(headers[name]!)?.payload.exp as number;
    expect(exp('x-signature')).toBeGreaterThanOrEqual(before + 30);
    expect(exp('x-signature')).toBeLessThanOrEqual(after + 30);
    expect(exp('x-app-signature')).toBeGreaterThanOrEqual(before + 300);
    expect(exp('x-app-signature')).toBeLessThanOrEqual(after + 300);
  });
});

describe('apisig headers --format curl', () => {
  it('prints one -H argument per header, single-quoted for a POSIX shell', async () => {
    const env = { APISIG_API_KEY: "ak_it's_$HOME_`id`" };
    const run = await runCli(['headers', '--format', 'curl'], { env });
    expect(run.code).toBe(0);
    // What a shell makes of it: exactly two words, the key as it is.
    const words = await bash(`printf '%s\\n' ${run.stdout}`, { PATH: process.env.PATH });
    expect(words).toBe(`-H\nx-api-key: ak_it's_$HOME_\`id\`\n`);
  });

  for (const server of ['node:http', 'express'] as const) {
    it(`real curl sends them and ${server} accepts them`, async ({ skip }) => {
      if (!curl) skip('curl is not installed on this machine');
      const target = server === 'node:http' ? nodeServer : expressServer;
      const script = `eval "curl -sS $(node "$CLI" headers --format curl) \\"$URL/v1/me\\""`;
      const output = await bash(script, {
        PATH: process.env.PATH,
        CLI: cliPath,
        URL: target.url,
        ...envFor(alice, acme),
      });
      expect(output).not.toContain(alice.jwtKey);
      expect(output).not.toContain(acme.appSecret);
      expect(JSON.parse(output).apisig).toStrictEqual({
        apiKey: alice.apiKey,
        appKey: acme.appKey,
        signed: true,
        mode: 'signed-organization',
      });
    });
  }

  it('real curl with headers signed by the wrong key: the server refuses (control)', async ({
    skip,
  }) => {
    if (!curl) skip('curl is not installed on this machine');
    const script = `eval "curl -sS $(node "$CLI" headers --format curl) \\"$URL/v1/me\\""`;
    const output = await bash(script, {
      PATH: process.env.PATH,
      CLI: cliPath,
      URL: nodeServer.url,
      ...envFor({ apiKey: alice.apiKey, jwtKey: mallory.jwtKey }),
    });
    expect(JSON.parse(output)).toStrictEqual({ error: 'bad_signature', header: 'x-signature' });
  });

  it('an unknown --format is a usage error', async () => {
    const run = await runCli(['headers', '--format', 'xml'], { env: envFor(alice) });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--format is json or curl');
  });
});

describe('apisig headers: credentials from files', () => {
  it('--jwt-key-file with a final line break signs like the variable', async () => {
    const file = writeIn(dir, 'alice-jwt-key', `${alice.jwtKey}\n`);
    const headers = await headersFrom({ APISIG_API_KEY: alice.apiKey }, ['--jwt-key-file', file]);
    expect(await identityAt(nodeServer, headers)).toMatchObject({
      status: 200,
      body: { mode: 'signed' },
    });
  });

  it('every credential from a file (CRLF line breaks too)', async () => {
    const files = {
      '--api-key-file': writeIn(dir, 'api-key', `${alice.apiKey}\r\n`),
      '--jwt-key-file': writeIn(dir, 'jwt-key', `${alice.jwtKey}\r\n`),
      '--app-key-file': writeIn(dir, 'app-key', acme.appKey),
      '--app-secret-file': writeIn(dir, 'app-secret', `${acme.appSecret}\n`),
    };
    const headers = await headersFrom({}, Object.entries(files).flat());
    expect(await identityAt(expressServer, headers)).toMatchObject({
      status: 200,
      body: { apiKey: alice.apiKey, mode: 'signed-organization' },
    });
  });

  it('nothing else is trimmed: a trailing space is part of the key (the server refuses)', async () => {
    const file = writeIn(dir, 'spaced-jwt-key', `${alice.jwtKey} \n`);
    const headers = await headersFrom({ APISIG_API_KEY: alice.apiKey }, ['--jwt-key-file', file]);
    expect(await identityAt(nodeServer, headers)).toMatchObject({
      status: 401,
      body: { error: 'bad_signature' },
    });
  });

  it('a variable and its file both set: a usage error, not a choice', async () => {
    const file = writeIn(dir, 'other-jwt-key', mallory.jwtKey);
    const run = await runCli(['headers', '--jwt-key-file', file], { env: envFor(alice) });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('APISIG_JWT_KEY and --jwt-key-file are both set');
    expect(run.stdout).toBe('');
  });

  it('a file that cannot be read: a usage error that does not quote the path', async () => {
    // A secret typed where the path goes must not come back in the error.
    const path = 'jk_typed_in_place_of_a_path_7c1d';
    const run = await runCli(['headers', '--jwt-key-file', path], {
      env: { APISIG_API_KEY: alice.apiKey },
      cwd: dir,
      secrets: [path],
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('cannot read the file given to --jwt-key-file (ENOENT)');
  });
});

describe('apisig headers: credentials core refuses are usage errors', () => {
  it('no API key: exit 2, and how to give one', async () => {
    const run = await runCli(['headers'], {});
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('apiKey');
    expect(run.stderr).toContain('set APISIG_API_KEY or give --api-key-file PATH');
    expect(run.stdout).toBe('');
  });

  it('an empty APISIG_JWT_KEY is refused, never taken for "no JWT key"', async () => {
    const run = await runCli(['headers'], { env: { ...envFor(alice), APISIG_JWT_KEY: '' } });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('jwtKey must be');
    expect(run.stdout).toBe('');
    // Control: unset, it is API-key mode.
    expect(Object.keys(await headersFrom({ APISIG_API_KEY: alice.apiKey }))).toStrictEqual([
      'x-api-key',
    ]);
  });

  it('an App Key without its App Secret is refused', async () => {
    const run = await runCli(['headers'], { env: { ...envFor(bob), APISIG_APP_KEY: acme.appKey } });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('appSecret');
    expect(run.stderr).toContain('set APISIG_APP_SECRET or give --app-secret-file PATH');
  });

  it('an API key no signer could send (a space) is refused', async () => {
    const run = await runCli(['headers'], { env: { APISIG_API_KEY: 'ak alice' } });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('apiKey must be 1..1024 visible ASCII characters');
  });

  it('a ttl out of range names --ttl', async () => {
    const run = await runCli(['headers', '--ttl', '301'], { env: envFor(alice) });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('ttl.signature must be whole seconds within 1..300 (--ttl)');
  });
});
