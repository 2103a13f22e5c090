#!/usr/bin/env node
// The Chromium the browser suites run in (vitest browser mode in web and react, the
// playground's e2e). `findChromium()` only looks; `node scripts/chromium.mjs` (what `pnpm test`
// and `.ci/run` call) also provides one when none is found:
//   1. CHROMIUM_PATH, when set (an error if it is not an executable);
//   2. a system Chromium or Chrome;
//   3. Playwright's managed Chromium, already downloaded, or downloaded now where that works;
//   4. Debian's `apt-get install chromium`, when running as root on a machine with apt-get;
// and otherwise stops with one line saying what to install. It prints the path it settled on.
import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SYSTEM_PATHS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/snap/bin/chromium',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
];
const PATH_NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];

export const INSTALL_HINT =
  'No Chromium for the browser tests: install one (Debian/Ubuntu: apt-get install chromium; macOS: brew install --cask chromium) or set CHROMIUM_PATH to a Chromium or Chrome binary.';

function executable(path) {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function onPath(name) {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir && executable(join(dir, name))) return join(dir, name);
  }
  return undefined;
}

/** Playwright's own Chromium path (where `playwright install chromium` puts it). */
function playwrightChromium() {
  try {
    const require = createRequire(import.meta.url);
    return require('playwright-core').chromium.executablePath();
  } catch {
    return undefined;
  }
}

/** The first Chromium this machine already has, or undefined. Throws for a bad CHROMIUM_PATH. */
export function findChromium() {
  const configured = process.env.CHROMIUM_PATH;
  if (configured) {
    if (executable(configured)) return configured;
    throw new Error(`CHROMIUM_PATH=${configured} is not an executable file.`);
  }
  const system = SYSTEM_PATHS.find(executable) ?? PATH_NAMES.map(onPath).find(Boolean);
  if (system) return system;
  const managed = playwrightChromium();
  return managed && executable(managed) ? managed : undefined;
}

/** Runs a provider, saying what it does; on failure, one line of why (its last error line). */
function quietly(what, command, args) {
  console.error(`chromium: ${what}...`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const run = spawnSync(command, args, { encoding: 'utf8', env, timeout: 600_000 });
  if (run.status === 0) return true;
  const output = `${run.stdout ?? ''}\n${run.stderr ?? ''}`.split('\n').map((line) => line.trim());
  const why = output.filter((line) => /error|fail|unable/i.test(line)).at(-1) ?? run.error?.message;
  console.error(`chromium: ${what} failed${why ? `: ${why}` : ''}`);
  return false;
}

/** Finds a Chromium, or provides one; returns its path, or undefined with the hint printed. */
export function ensureChromium() {
  const found = findChromium();
  if (found) return found;
  const require = createRequire(import.meta.url);
  let cli;
  try {
    cli = join(require.resolve('playwright-core/package.json'), '..', 'cli.js');
  } catch {
    cli = undefined;
  }
  if (cli) {
    quietly("downloading Playwright's Chromium", process.execPath, [cli, 'install', 'chromium']);
    const managed = findChromium();
    if (managed) return managed;
  }
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  if (root && onPath('apt-get')) {
    const install = ['install', '-y', '--no-install-recommends', 'chromium'];
    if (
      quietly('apt-get update', 'apt-get', ['update']) &&
      quietly('apt-get install chromium', 'apt-get', install)
    ) {
      const installed = findChromium();
      if (installed) return installed;
    }
  }
  console.error(INSTALL_HINT);
  return undefined;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  let path;
  try {
    path = ensureChromium();
  } catch (error) {
    console.error(error.message);
    process.exit(1);
  }
  if (path === undefined) process.exit(1);
  console.log(path);
}
