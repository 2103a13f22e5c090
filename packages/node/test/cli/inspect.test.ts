/**
 * `apisig inspect`: the header and claims of a token, when it expires, and the verdict of
 * the real verifier for the secret and key given. Each bad token (expired, forged, too long
 * lived, for another key, not a JWT) has its control: the same setup with a good token.
 */

import { forgeToken, HS256 } from '@apisig/test-support';
import { acme, alice, bob, mallory } from '@apisig/test-support/cast';
import { describe, expect, it } from 'vitest';
import { createSigner } from '../../src/index.js';
import { envFor, runCli, scratchDir, writeIn } from './run-cli.js';

const now = () => Math.floor(Date.now() / 1000);
const aliceToken = (exp: number, key: string = alice.apiKey, secret: string = alice.jwtKey) =>
  forgeToken(HS256, { key, exp }, secret);

const signed = () => createSigner(alice).headers()['x-signature'] as string;
const appToken = () =>
  createSigner({ ...bob, organization: acme }).headers()['x-app-signature'] as string;

const dir = scratchDir();

interface Report {
  header: Record<string, unknown> | null;
  claims: Record<string, unknown> | null;
  expires: { at: string; in: number } | null;
  verdict: null | {
    as: string;
    ok: boolean;
    reason?: string;
    status?: number;
    description?: string;
  };
}

async function inspectJson(token: string, env: Record<string, string>, args: string[] = []) {
  const run = await runCli(['inspect', token, '--json', ...args], { env });
  return { code: run.code, report: JSON.parse(run.stdout) as Report, stderr: run.stderr };
}

describe('apisig inspect: the verdict of the real verifier', () => {
  it('a good token: exit 0, ok, its claims, and when it expires', async () => {
    const run = await runCli(['inspect', signed()], { env: envFor(alice) });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('header   {"alg":"HS256","typ":"JWT"}');
    expect(run.stdout).toMatch(/claims {3}\{"key":"ak_alice","exp":\d+\}/);
    expect(run.stdout).toMatch(/exp {6}\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000Z \(expires in \d+ s\)/);
    expect(run.stdout).toContain('verdict  ok: a server accepts it as x-signature (max ttl 60 s)');
    expect(run.stderr).toBe('');
  });

  it('an expired token: exit 1, expired, "expired 3 min ago"', async () => {
    const run = await runCli(['inspect', aliceToken(now() - 200)], { env: envFor(alice) });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('(expired 3 min ago)');
    expect(run.stdout).toContain('verdict  refused as x-signature: expired (401)');
    expect(run.stdout).toContain('The token has expired (its exp is past, beyond the leeway).');
  });

  it('a forged token (another key signed it): exit 1, bad_signature', async () => {
    const forged = aliceToken(now() + 15, alice.apiKey, mallory.jwtKey);
    const { code, report } = await inspectJson(forged, envFor(alice));
    expect(code).toBe(1);
    expect(report.verdict).toStrictEqual({
      as: 'x-signature',
      ok: false,
      reason: 'bad_signature',
      header: 'x-signature',
      status: 401,
      description: 'The signature does not match: the token was signed with another key.',
    });
    // Control: the same claims signed with alice's key.
    const good = await inspectJson(aliceToken(now() + 15), envFor(alice));
    expect(good.code).toBe(0);
    expect(good.report.verdict).toStrictEqual({ as: 'x-signature', ok: true });
  });

  it('not a JWT: exit 1, malformed_signature, with or without a secret', async () => {
    for (const env of [envFor(alice), {}]) {
      const run = await runCli(['inspect', 'not-a-jwt'], { env });
      expect(run.code).toBe(1);
      expect(run.stdout).toContain('token    not a JWT');
      expect(run.stdout).toContain('refused as x-signature: malformed_signature (401)');
    }
    const { report } = await inspectJson('a.b', envFor(alice));
    expect(report).toMatchObject({ header: null, claims: null, expires: null });
    expect(report.verdict).toMatchObject({ ok: false, reason: 'malformed_signature' });
  });

  it('45 s of life: ok under the default max ttl (60), exp_too_far with --max-ttl 15', async () => {
    const token = aliceToken(now() + 45);
    expect((await inspectJson(token, envFor(alice))).report.verdict).toMatchObject({ ok: true });
    const strict = await inspectJson(token, envFor(alice), ['--max-ttl', '15']);
    expect(strict.code).toBe(1);
    expect(strict.report.verdict).toMatchObject({ reason: 'exp_too_far' });
  });

  it("a token for another user's key: key_mismatch", async () => {
    const { code, report } = await inspectJson(
      aliceToken(now() + 15, mallory.apiKey),
      envFor(alice),
    );
    expect(code).toBe(1);
    expect(report.verdict).toMatchObject({ reason: 'key_mismatch' });
  });

  it('an organization token, checked as x-app-signature with the App Secret', async () => {
    const env = { APISIG_APP_KEY: acme.appKey, APISIG_APP_SECRET: acme.appSecret };
    const good = await inspectJson(appToken(), env);
    expect(good.code).toBe(0);
    expect(good.report.verdict).toStrictEqual({ as: 'x-app-signature', ok: true });
    const forged = forgeToken(HS256, { key: acme.appKey, exp: now() + 60 }, mallory.jwtKey);
    const refused = await inspectJson(forged, env);
    expect(refused.code).toBe(1);
    expect(refused.report.verdict).toMatchObject({
      as: 'x-app-signature',
      reason: 'bad_signature',
    });
  });

  it('--header chooses which token check runs when both secrets are given', async () => {
    const env = envFor(alice, acme);
    const asApp = await inspectJson(appToken(), env, ['--header', 'x-app-signature']);
    expect(asApp.report.verdict).toStrictEqual({ as: 'x-app-signature', ok: true });
    // The same token as x-signature: alice's key did not sign it.
    const asUser = await inspectJson(appToken(), env);
    expect(asUser.report.verdict).toMatchObject({ as: 'x-signature', reason: 'bad_signature' });
  });

  it('secrets from files work like the variables', async () => {
    const file = writeIn(dir, 'jwt-key', `${alice.jwtKey}\n`);
    const run = await runCli(['inspect', signed(), '--jwt-key-file', file], {
      env: { APISIG_API_KEY: alice.apiKey },
    });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('verdict  ok');
  });
});

describe('apisig inspect: decoding alone', () => {
  it('without a secret: exit 0, the claims and expiry, "not checked"', async () => {
    const run = await runCli(['inspect', aliceToken(now() - 200)], {});
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('(expired 3 min ago)');
    expect(run.stdout).toContain('verdict  not checked: set APISIG_JWT_KEY and APISIG_API_KEY');
  });

  it('reads the token from stdin, without its final line break', async () => {
    const run = await runCli(['inspect', '--json'], { env: envFor(alice), input: `${signed()}\n` });
    expect(run.code).toBe(0);
    expect((JSON.parse(run.stdout) as Report).verdict).toMatchObject({ ok: true });
  });

  it('a JWT key without the API key it signs for: a usage error', async () => {
    const run = await runCli(['inspect', signed()], { env: { APISIG_JWT_KEY: alice.jwtKey } });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('set APISIG_API_KEY');
  });

  it('no token at all: a usage error', async () => {
    const run = await runCli(['inspect'], { env: envFor(alice), input: '' });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('give a token');
  });

  it('a --max-ttl core refuses, and an unknown --header, are usage errors', async () => {
    const tooLong = await runCli(['inspect', signed(), '--max-ttl', '301'], { env: envFor(alice) });
    expect(tooLong.code).toBe(2);
    expect(tooLong.stderr).toContain(
      'maxTtl.signature must be whole seconds within 1..300 (--max-ttl)',
    );
    const header = await runCli(['inspect', signed(), '--header', 'x-api-key'], {
      env: envFor(alice),
    });
    expect(header.code).toBe(2);
    expect(header.stderr).toContain('--header is x-signature or x-app-signature');
  });
});
