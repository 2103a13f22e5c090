/**
 * `apisig keygen`: a new API key and secret, printed once, that sign requests a real server
 * accepts and tokens the verifier passes; the secret never comes back in what the other
 * commands print.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiServer, startApiServer } from '../servers.js';
import { assertNoSecret, runCli } from './run-cli.js';

interface NewUser {
  apiKey: string;
  secret: string;
}

async function keygen(args: string[] = []): Promise<NewUser> {
  const run = await runCli(['keygen', '--json', ...args]);
  expect(run.code).toBe(0);
  expect(run.stderr).toBe('');
  return JSON.parse(run.stdout) as NewUser;
}

const users = new Map<string, { jwtKey: string }>();
let server: ApiServer;
beforeAll(async () => {
  server = await startApiServer('node:http', (clock) => ({
    users: (key) => users.get(key),
    clock,
  }));
});
afterAll(() => server.close());

describe('apisig keygen', () => {
  it('prints an API key with the prefix and a 43-character secret, new every time', async () => {
    const run = await runCli(['keygen', '--prefix', 'ak_live_']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /^api key {2}ak_live_[A-Za-z0-9_-]{32}\nsecret {3}[A-Za-z0-9_-]{43}\n$/,
    );
    expect(run.stderr).toContain('printed once and kept nowhere');
    const first = await keygen();
    const second = await keygen();
    expect(first.apiKey).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(second.apiKey).not.toBe(first.apiKey);
    expect(second.secret).not.toBe(first.secret);
  });

  it('what it makes signs requests the server accepts, and tokens that verify', async () => {
    const user = await keygen(['--prefix', 'ak_test_']);
    users.set(user.apiKey, { jwtKey: user.secret });
    const env = { APISIG_API_KEY: user.apiKey, APISIG_JWT_KEY: user.secret };

    // headers: their output carries tokens, never the secret (the scan checks every run).
    const headers = await runCli(['headers'], { env });
    const signed = JSON.parse(headers.stdout) as Record<string, string>;
    const response = await fetch(`${server.url}/v1/me`, { headers: signed });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { apisig: unknown }).apisig).toMatchObject({
      apiKey: user.apiKey,
      mode: 'signed',
    });

    // inspect: the verifier passes the token with the new secret...
    const ok = await runCli(['inspect', signed['x-signature']!], { env });
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('verdict  ok');
    // ...and refuses it with another new secret (the control).
    const other = await keygen();
    const refused = await runCli(['inspect', signed['x-signature']!], {
      env: { ...env, APISIG_JWT_KEY: other.secret },
    });
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain('bad_signature');

    // request: a signed request with the new credentials.
    const request = await runCli(['request', `${server.url}/v1/me`], { env });
    expect(request.code).toBe(0);
    expect(request.stderr).toBe('200 OK\n');
  });

  it('a prefix core refuses is a usage error', async () => {
    const run = await runCli(['keygen', '--prefix', 'ak live ']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('prefix must be visible ASCII');
    expect(run.stdout).toBe('');
  });

  it("the scan would catch keygen's own secret in its output (the scan's control)", async () => {
    const run = await runCli(['keygen', '--json']);
    const { secret } = JSON.parse(run.stdout) as NewUser;
    expect(() => assertNoSecret(run, [secret])).toThrow('secret #0 (of 1) appeared in the CLI');
    expect(() => assertNoSecret({ ...run, stdout: '' }, [secret])).not.toThrow();
  });
});
