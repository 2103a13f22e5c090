#!/usr/bin/env node
// `pnpm test`: every workspace's vitest suite through turbo, then one total from the JSON
// reports (packages/*/reports/vitest.json, apps/*/reports/vitest.json). Turbo's cache replays
// restore reports/**, so the totals are right on cache hits too. The last line printed is
// always `N passed, N failed`.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureChromium } from './chromium.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const groups = ['packages', 'apps'];

/** Workspaces (under packages/ and apps/) whose package.json has a `test` script. */
function testedWorkspaces() {
  const found = [];
  for (const group of groups) {
    const base = join(root, group);
    if (!existsSync(base)) continue;
    for (const entry of readdirSync(base, { withFileTypes: true })) {
      if (!entry.isDirectory()) continue;
      const dir = join(base, entry.name);
      const manifest = join(dir, 'package.json');
      if (!existsSync(manifest)) continue;
      const pkg = JSON.parse(readFileSync(manifest, 'utf8'));
      if (pkg.scripts?.test) found.push({ name: pkg.name ?? entry.name, dir });
    }
  }
  return found;
}

/**
 * Counts from one vitest JSON report. A test file that failed to load (syntax error, bad
 * import, failing hook) has no failed test in it, only a failed file: each counts as one
 * failure. So does a report that ran no test at all, or that says it did not succeed.
 */
function countReport(file) {
  const report = JSON.parse(readFileSync(file, 'utf8'));
  const passed = report.numPassedTests ?? 0;
  let failed = report.numFailedTests ?? 0;
  for (const result of report.testResults ?? []) {
    const hasFailedTest = (result.assertionResults ?? []).some((t) => t.status === 'failed');
    if (result.status === 'failed' && !hasFailedTest) failed += 1;
  }
  if ((report.numTotalTests ?? 0) === 0) failed += 1;
  if (report.success === false && failed === 0) failed += 1;
  return { passed, failed };
}

// The browser suites need a Chromium: find one, or provide one, before any suite starts.
let chromium;
try {
  chromium = ensureChromium();
} catch (error) {
  console.error(error.message);
}
if (chromium === undefined) {
  console.log('0 passed, 1 failed');
  process.exit(1);
}
process.env.CHROMIUM_PATH = chromium;

const workspaces = testedWorkspaces();
for (const group of groups) {
  const base = join(root, group);
  if (!existsSync(base)) continue;
  for (const entry of readdirSync(base)) {
    rmSync(join(base, entry, 'reports'), { recursive: true, force: true });
  }
}

const turbo = spawnSync('pnpm', ['exec', 'turbo', 'run', 'test', '--continue'], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1', DO_NOT_TRACK: '1' },
});
const turboFailed = turbo.status !== 0;

let passed = 0;
let failed = 0;
const rows = [];
for (const { name, dir } of workspaces) {
  const file = join(dir, 'reports', 'vitest.json');
  if (!existsSync(file)) {
    failed += 1;
    rows.push([name, '-', '-', `no report (${relative(root, file)})`]);
    continue;
  }
  try {
    const counts = countReport(file);
    passed += counts.passed;
    failed += counts.failed;
    rows.push([name, counts.passed, counts.failed, counts.failed ? 'FAILED' : 'ok']);
  } catch (error) {
    failed += 1;
    rows.push([name, '-', '-', `unreadable report: ${error.message}`]);
  }
}

const header = ['package', 'passed', 'failed', 'status'];
const widths = header.map((title, i) =>
  Math.max(title.length, ...rows.map((row) => String(row[i]).length)),
);
const line = (row) =>
  row
    .map((cell, i) => String(cell).padEnd(widths[i]))
    .join('  ')
    .trimEnd();
console.log('');
console.log(line(header));
for (const row of rows) console.log(line(row));
if (turboFailed) console.log(`turbo run test exited with ${turbo.status ?? turbo.signal}`);
// A turbo failure that left no failed test behind (a crashed runner) still fails the run.
if (turboFailed && failed === 0) failed = 1;
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 || turboFailed ? 1 : 0);
