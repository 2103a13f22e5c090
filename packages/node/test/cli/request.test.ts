/**
 * `apisig request`: one signed request to a real server on 127.0.0.1, through the signed
 * fetch: the body on stdout, the status (and a refusal's reason and sentence) on stderr, the
 * clock corrected from a server 120 s ahead with one retry, exit codes by outcome.
 */
import { type LoopbackServer, listenOnLoopback } from '@apisig/test-support';
import { acme, alice, bob, carol, mallory } from '@apisig/test-support/cast';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { directory } from '../fixtures.js';
import { type ApiServer, startApiServer } from '../servers.js';
import { envFor, runCli, scratchDir, writeIn } from './run-cli.js';

interface Echo {
  apisig: { apiKey: string; mode: string };
  headers: Record<string, string>;
  body: string;
}

const servers: { close(): Promise<void> }[] = [];
let onTime: ApiServer;
let ahead: ApiServer;
let notFound: LoopbackServer;
beforeAll(async () => {
  onTime = await startApiServer('express', directory);
  ahead = await startApiServer('node:http', directory, { clockAheadSeconds: 120 });
  notFound = await listenOnLoopback((_request, response) => {
    response.statusCode = 404;
    response.end('no such route');
  });
  servers.push(onTime, ahead, notFound);
});
afterAll(() => Promise.all(servers.map((server) => server.close())));

const dir = scratchDir();

describe('apisig request', () => {
  it('a signed GET: exit 0, the body on stdout, the status on stderr', async () => {
    const before = onTime.statuses.length;
    const run = await runCli(['request', `${onTime.url}/v1/me`], { env: envFor(alice) });
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('200 OK\n');
    const echo = JSON.parse(run.stdout) as Echo;
    expect(echo.apisig).toMatchObject({ apiKey: alice.apiKey, mode: 'signed' });
    expect(onTime.statuses.slice(before)).toStrictEqual([200]);
  });

  it('a server 120 s ahead: one 401, the clock corrected from its Date, one retry, 200', async () => {
    const before = ahead.statuses.length;
    const run = await runCli(['request', `${ahead.url}/v1/me`], { env: envFor(alice, acme) });
    expect(run.code).toBe(0);
    expect(ahead.statuses.slice(before)).toStrictEqual([401, 200]);
    expect(run.stderr).toMatch(/^200 OK\nclock: the server's clock is 1(19|20|21) s ahead of ours/);
    expect((JSON.parse(run.stdout) as Echo).apisig).toMatchObject({ mode: 'signed-organization' });
  });

  it('a body from a file survives the retry after the clock moved', async () => {
    const file = writeIn(dir, 'order.json', '{"sku":"apisig-mug","quantity":2}');
    const before = ahead.statuses.length;
    const run = await runCli(
      [
        'request',
        `${ahead.url}/v1/orders`,
        '-d',
        `@${file}`,
        '-H',
        'content-type: application/json',
      ],
      { env: envFor(alice) },
    );
    expect(run.code).toBe(0);
    expect(ahead.statuses.slice(before)).toStrictEqual([401, 200]);
    const echo = JSON.parse(run.stdout) as Echo;
    expect(echo.body).toBe('{"sku":"apisig-mug","quantity":2}');
    expect(echo.headers['content-type']).toBe('application/json');
  });

  it('a refusal: exit 1, its reason and sentence on stderr, the refusal body on stdout', async () => {
    const before = onTime.statuses.length;
    const env = envFor({ apiKey: alice.apiKey, jwtKey: mallory.jwtKey });
    const run = await runCli(['request', `${onTime.url}/v1/me`], { env });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      '401 Unauthorized\nrefused: bad_signature (x-signature): The signature does not match: the token was signed with another key.\n',
    );
    expect(JSON.parse(run.stdout)).toStrictEqual({ error: 'bad_signature', header: 'x-signature' });
    // Our clock was right: nothing to correct, so no second try.
    expect(onTime.statuses.slice(before)).toStrictEqual([401]);
  });

  it('403 not_a_member is a refusal too (exit 1)', async () => {
    const run = await runCli(['request', `${onTime.url}/v1/me`], { env: envFor(carol, acme) });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('403 Forbidden\nrefused: not_a_member (x-app-key): ');
    // Control: bob is a member.
    const member = await runCli(['request', `${onTime.url}/v1/me`], { env: envFor(bob, acme) });
    expect(member.code).toBe(0);
  });

  it('--data - sends stdin; --method sets the method', async () => {
    const run = await runCli(['request', `${onTime.url}/v1/notes`, '-X', 'PUT', '--data', '-'], {
      env: envFor(alice),
      input: 'from stdin',
    });
    expect(run.code).toBe(0);
    expect((JSON.parse(run.stdout) as Echo).body).toBe('from stdin');
  });

  it('a path with --base-url resolves against it', async () => {
    const run = await runCli(['request', '/v1/me', '--base-url', onTime.url], { env: envFor(bob) });
    expect(run.code).toBe(0);
    expect((JSON.parse(run.stdout) as Echo).apisig).toMatchObject({ apiKey: bob.apiKey });
  });

  it('a URL on another origin than --base-url: exit 2, nothing sent', async () => {
    const before = ahead.requests;
    const run = await runCli(['request', `${ahead.url}/v1/me`, '--base-url', onTime.url], {
      env: envFor(alice),
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('(the URL is not on --base-url)');
    expect(ahead.requests).toBe(before);
  });

  it("-H with one of apisig's headers is refused; another header is sent", async () => {
    for (const name of ['x-api-key', 'X-Signature', 'x-app-key', 'x-app-signature']) {
      const value = 'jk_typed_into_a_header_3e9b';
      const run = await runCli(['request', `${onTime.url}/v1/me`, '-H', `${name}: ${value}`], {
        env: envFor(alice),
        secrets: [value],
      });
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(`-H ${name.toLowerCase()} is refused`);
    }
    const run = await runCli(['request', `${onTime.url}/v1/me`, '-H', 'x-request-id: 42'], {
      env: envFor(alice),
    });
    expect((JSON.parse(run.stdout) as Echo).headers['x-request-id']).toBe('42');
  });

  it('an HTTP error that is not a refusal: exit 3, the body still printed', async () => {
    const run = await runCli(['request', `${notFound.url}/v1/me`], { env: envFor(alice) });
    expect(run.code).toBe(3);
    expect(run.stderr).toBe('404 Not Found\n');
    expect(run.stdout).toBe('no such route');
  });

  it('no answer (nothing listens): exit 3', async () => {
    const closed = await listenOnLoopback(() => {});
    await closed.close();
    const run = await runCli(['request', `${closed.url}/v1/me`], { env: envFor(alice) });
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('the request failed (ECONNREFUSED)');
  });

  it('usage errors: no URL, a relative URL without --base-url, --data with GET', async () => {
    const env = envFor(alice);
    const cases = [
      { args: [], message: 'give the URL to request' },
      { args: ['/v1/me'], message: 'the URL must be absolute' },
      { args: [`${onTime.url}/v1/me`, '-X', 'GET', '-d', 'x'], message: '--data needs a method' },
      { args: [`${onTime.url}/v1/me`, '-H', 'no colon'], message: "-H takes 'NAME: VALUE'" },
      { args: [`${onTime.url}/v1/me`, '--timeout', '0'], message: '--timeout is seconds' },
    ];
    for (const { args, message } of cases) {
      const run = await runCli(['request', ...args], { env });
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(message);
    }
  });
});
