/**
 * The `apisig` entry: help for the whole and for each command, the exit codes, and the
 * refusal of credentials given as arguments (every command, every spelling), which never
 * echoes the value; each refusal with its control, the same credential from the environment.
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { acme, alice } from '@apisig/test-support/cast';
import { describe, expect, it } from 'vitest';
import { cliPath, envFor, runCli } from './run-cli.js';

const COMMANDS = ['headers', 'inspect', 'keygen', 'request'];
const manifest = JSON.parse(
  readFileSync(join(import.meta.dirname, '..', '..', 'package.json'), 'utf8'),
) as { version: string; bin: Record<string, string> };

describe('apisig: the package ships the command', () => {
  it('package.json bin names dist/cli.js, which starts with a node shebang and is executable', () => {
    expect(manifest.bin).toStrictEqual({ apisig: './dist/cli.js' });
    expect(readFileSync(cliPath, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
    expect(statSync(cliPath).mode & 0o111).not.toBe(0);
  });

  it('--version prints the package version', async () => {
    const run = await runCli(['--version']);
    expect(run).toStrictEqual({ code: 0, stdout: `${manifest.version}\n`, stderr: '' });
  });
});

describe('apisig: help', () => {
  it('--help lists the commands, where credentials come from and the exit codes', async () => {
    const run = await runCli(['--help']);
    expect(run.code).toBe(0);
    for (const command of COMMANDS) expect(run.stdout).toMatch(new RegExp(`^ {2}${command} `, 'm'));
    expect(run.stdout).toContain('APISIG_JWT_KEY');
    for (const code of ['0  done', '1  refused', '2  usage', '3  anything else']) {
      expect(run.stdout).toContain(code);
    }
  });

  it('no command: the help on stderr, exit 2', async () => {
    const run = await runCli([]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('Usage: apisig <command>');
  });

  for (const command of COMMANDS) {
    it(`${command} --help, -h and "help ${command}" print its usage, exit 0`, async () => {
      const long = await runCli([command, '--help']);
      expect(long.code).toBe(0);
      expect(long.stdout).toMatch(new RegExp(`^Usage: apisig ${command}`));
      expect(await runCli([command, '-h'])).toStrictEqual(long);
      expect(await runCli(['help', command])).toStrictEqual(long);
    });
  }

  it('help needs no credentials, and shows none it was given', async () => {
    const run = await runCli(['headers', '--help'], { env: envFor(alice, acme) });
    expect(run.code).toBe(0);
    // The scan (run-cli.ts) checks the secrets; the API key is not in it either.
    expect(run.stdout).not.toContain(alice.apiKey);
  });
});

describe('apisig: usage errors (exit 2) quote nothing they were given', () => {
  const typed = 'jk_typed_on_the_command_line_4a8f';

  it('an unknown command', async () => {
    const run = await runCli([typed], { secrets: [typed] });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      'apisig: unknown command (commands: headers, inspect, keygen, request)\n',
    );
  });

  it("names Object's prototype has are unknown too, not its methods", async () => {
    const command = await runCli(['toString']);
    expect(command.code).toBe(2);
    expect(command.stderr).toContain('apisig: unknown command');
    for (const name of ['constructor', 'toString', '__proto__']) {
      const option = await runCli(['headers', `--${name}`], { env: envFor(alice) });
      expect(option.code).toBe(2);
      expect(option.stderr).toContain(`apisig headers: unknown option --${name}\n`);
    }
  });

  it('an unknown option, with an inline value', async () => {
    const run = await runCli(['headers', `--jwt_key=${typed}`], {
      env: envFor(alice),
      secrets: [typed],
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('apisig headers: unknown option --jwt_key\n');
  });

  it('a stray argument', async () => {
    const run = await runCli(['headers', typed], { env: envFor(alice), secrets: [typed] });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('headers takes no arguments');
  });

  it('a value for a flag that takes none, and a missing value', async () => {
    const flag = await runCli(['keygen', `--json=${typed}`], { secrets: [typed] });
    expect(flag.code).toBe(2);
    expect(flag.stderr).toContain('--json takes no value');
    const missing = await runCli(['headers', '--ttl'], { env: envFor(alice) });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--ttl needs a value');
  });
});

describe('apisig: credentials given as arguments are refused', () => {
  const flags = [
    { flag: 'api-key', variable: 'APISIG_API_KEY', value: 'ak_typed_4c1e' },
    { flag: 'jwt-key', variable: 'APISIG_JWT_KEY', value: alice.jwtKey },
    { flag: 'app-key', variable: 'APISIG_APP_KEY', value: 'app_typed_9d2b' },
    { flag: 'app-secret', variable: 'APISIG_APP_SECRET', value: acme.appSecret },
  ];
  for (const command of COMMANDS) {
    for (const { flag, variable, value } of flags) {
      it(`${command} --${flag} VALUE and --${flag}=VALUE: exit 2, pointing at ${variable}`, async () => {
        for (const args of [[`--${flag}`, value], [`--${flag}=${value}`]]) {
          const run = await runCli([command, ...args, 'https://api.example.com/v1/me'], {
            secrets: [value],
          });
          expect(run.code).toBe(2);
          expect(run.stdout).toBe('');
          expect(run.stderr).toContain(
            `--${flag} is refused: a credential on the command line shows in ps and in shell history. Set ${variable}, or give --${flag}-file PATH.`,
          );
        }
      });
    }
  }

  it('the control: the same credentials from the environment are taken', async () => {
    const run = await runCli(['headers'], { env: envFor(alice, acme) });
    expect(run.code).toBe(0);
    expect(Object.keys(JSON.parse(run.stdout))).toStrictEqual([
      'x-api-key',
      'x-signature',
      'x-app-key',
      'x-app-signature',
    ]);
  });
});
