/**
 * The BUILT SPA (vite build, served statically) in Debian's headless Chromium against the real
 * API server: every mode and scenario, the verdicts the page shows, a screenshot of each
 * (test-results/screenshots/, not committed).
 */
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumLaunchOptions } from '../../../vitest.shared.ts';
import { demoRoles } from '../common/roles.ts';
import { type RunningApi, startApi } from '../server/listen.ts';
import { seed } from '../server/seed.ts';
import { serveStatic } from './static-server.ts';

const appDir = fileURLToPath(new URL('..', import.meta.url));
const resultsDir = join(appDir, 'test-results');
const outDir = join(resultsDir, 'spa-build');
const shotsDir = join(resultsDir, 'screenshots');
const { apiKeyUser, jwtUser, member, remoteUser } = demoRoles(seed);

/** `vite build` through its CLI, as a deploy would run it (production mode). */
function buildSpa(): Promise<void> {
  const viteCli = join(appDir, 'node_modules/vite/bin/vite.js');
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [viteCli, 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'],
      { cwd: appDir, env: { ...process.env, NODE_ENV: 'production' }, stdio: 'inherit' },
    );
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`vite build: ${code}`))));
  });
}

let spa: { url: string; close(): Promise<void> };
let api: RunningApi;
let context: BrowserContext;
let page: Page;
let userDataDir: string;
const pageErrors: string[] = [];
let runs = 0;

beforeAll(async () => {
  await buildSpa();
  await mkdir(shotsDir, { recursive: true });
  spa = await serveStatic(outDir);
  api = await startApi({ allowedOrigins: [spa.url], log: () => undefined });
  userDataDir = await mkdtemp(join(tmpdir(), 'playground-e2e-'));
  context = await chromium.launchPersistentContext(userDataDir, {
    ...chromiumLaunchOptions,
    headless: true,
    viewport: { width: 1400, height: 1000 },
  });
  page = context.pages()[0] ?? (await context.newPage());
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(`${spa.url}/?api=${encodeURIComponent(api.url)}`);
}, 180_000);

afterAll(async () => {
  await context?.close();
  await Promise.all([spa?.close(), api?.close()]);
  if (userDataDir) await rm(userDataDir, { recursive: true, force: true });
});

/** Picks a mode and scenario, presses Send, and returns the verdicts the page shows, in order. */
async function send(
  mode: string,
  scenario: string,
  options: { post?: boolean } = {},
): Promise<{ verdicts: string[]; run: ReturnType<Page['locator']> }> {
  await page.click(`[data-testid="mode-${mode}"]`);
  await page.click(`[data-testid="scenario-${scenario}"]`);
  await page.click(`[data-testid="endpoint-${options.post ? 'POST' : 'GET'}"]`);
  runs += 1;
  await page.click('[data-testid="send"]');
  const selector = `[data-testid="run"][data-run-id="${runs}"]`;
  await page.waitForSelector(`${selector}:not([data-outcome="pending"])`, { timeout: 15_000 });
  const run = page.locator(selector);
  const verdicts = await run.locator('[data-testid="verdict"]').evaluateAll((elements) =>
    elements.map((element) => {
      const outcome = element.getAttribute('data-outcome');
      const detail =
        outcome === 'accepted'
          ? element.querySelector('strong')?.textContent
          : element.querySelector('[data-testid="reason"]')?.textContent;
      return `${outcome}:${detail}`;
    }),
  );
  return { verdicts, run };
}

function shot(name: string): Promise<Buffer> {
  return page.screenshot({ path: join(shotsDir, `${name}.png`), fullPage: true });
}

describe('the built SPA against the API server', () => {
  it('shows the API as reachable', async () => {
    await page.waitForSelector('[data-testid="api-status"][data-state="online"]');
  });

  it.each([
    ['api-key', 'valid', [`accepted:${apiKeyUser.name}`]],
    ['api-key', 'unknown-key', ['refused:unknown_api_key']],
    ['signed', 'valid', [`accepted:${jwtUser.name}`]],
    ['signed', 'wrong-key', ['refused:bad_signature']],
    ['signed', 'missing-signature', ['refused:missing_signature']],
    ['signed', 'expired', ['refused:expired']],
    ['organization', 'valid', [`accepted:${member.name}`]],
    ['organization', 'wrong-secret', ['refused:bad_signature']],
    ['organization', 'not-a-member', ['refused:not_a_member']],
    ['organization', 'expired', ['refused:expired']],
    ['remote', 'valid', [`accepted:${remoteUser.name}`]],
  ])('%s / %s', { timeout: 30_000 }, async (mode, scenario, expected) => {
    const { verdicts, run } = await send(mode, scenario);
    expect(verdicts).toEqual(expected);
    if (expected[0]?.startsWith('accepted') && mode !== 'api-key') {
      await expect(
        run.locator('.badge', { hasText: 'expires in' }).first().isVisible(),
      ).resolves.toBe(true);
    }
    if (scenario === 'expired') {
      await expect(run.locator('.badge', { hasText: 'expired' }).first().isVisible()).resolves.toBe(
        true,
      );
    }
    await shot(`${mode}-${scenario}`);
  });

  it.each([
    ['signed', 'clock-behind', 'refused:expired'],
    ['signed', 'clock-ahead', 'refused:exp_too_far'],
    ['organization', 'clock-behind', 'refused:expired'],
  ])(
    '%s / %s: the first 401, the learned offset, the retry’s 200',
    { timeout: 30_000 },
    async (mode, scenario, first) => {
      const { verdicts, run } = await send(mode, scenario);
      expect(verdicts).toEqual([first, expect.stringMatching(/^accepted:/)]);
      const learned = await run.locator('[data-testid="learned-offset"]').textContent();
      // Same machine: the server's clock is ours, so what is learned is about zero.
      expect(learned).toMatch(/^[+−±]0\.\d\d s$/);
      await shot(`${mode}-${scenario}`);
    },
  );

  it('the claims count down to exp, live', { timeout: 30_000 }, async () => {
    const { run } = await send('signed', 'valid');
    const badge = run.locator('.badge', { hasText: 'expires in' }).first();
    const seconds = async () => Number((await badge.textContent())?.match(/\d+/)?.[0]);
    const first = await seconds();
    await page.waitForTimeout(2100);
    expect(await seconds()).toBeLessThan(first);
  });

  it('POST /v1/echo is signed too, body and all', { timeout: 30_000 }, async () => {
    const { verdicts, run } = await send('signed', 'valid', { post: true });
    expect(verdicts).toEqual([`accepted:${jwtUser.name}`]);
    await run.locator('details.raw summary').click();
    await expect(run.locator('details.raw pre').textContent()).resolves.toContain(
      '"hello": "apisig"',
    );
  });

  it('the remote-signer page shows where its headers came from, never the JWT key', async () => {
    await send('remote', 'valid');
    const signAttempt = page.locator('[data-testid="sign-attempt"]');
    await expect(signAttempt.textContent()).resolves.toContain('x-signature');
    const html = await page.content();
    expect(html).not.toContain(remoteUser.jwtKey);
    await page.locator('[data-testid="attempt"] .link-button').first().click();
    await shot('remote-valid-expanded');
  });

  it('the bundle holds the browser-side demo keys but not the server-only JWT key', async () => {
    const assets = join(outDir, 'assets');
    const scripts = (await readdir(assets)).filter((name) => name.endsWith('.js'));
    const bundle = (
      await Promise.all(scripts.map((name) => readFile(join(assets, name), 'utf8')))
    ).join('\n');
    expect(bundle).toContain(jwtUser.jwtKey);
    expect(bundle).not.toContain(remoteUser.jwtKey);
  });

  it('raised no page error', () => {
    expect(pageErrors).toEqual([]);
  });
});
