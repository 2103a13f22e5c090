/**
 * What every package's vitest.config.ts shares: resolve workspace packages from their `.ts`
 * source (the `@apisig/source` export condition) so tests never need a build, and write the
 * JSON report that scripts/test.mjs counts.
 */
import type { ViteUserConfig } from 'vitest/config';
import { findChromium } from './scripts/chromium.mjs';

export const SOURCE_CONDITION = '@apisig/source';

/** Vite's defaults (defaultClientConditions / defaultServerConditions), with ours first. */
export const clientConditions = [SOURCE_CONDITION, 'module', 'browser', 'development|production'];
export const serverConditions = [SOURCE_CONDITION, 'module', 'node', 'development|production'];

/** `resolve` for browser-like environments (happy-dom, browser mode), `ssr` for node. */
export const sourceResolve = {
  resolve: { conditions: clientConditions },
  ssr: { resolve: { conditions: serverConditions } },
} satisfies ViteUserConfig;

/** `*.test-d.ts` files are type tests: vitest runs tsc over them as part of `vitest run`. */
export const typecheck = {
  enabled: true,
  include: ['test/**/*.test-d.ts'],
  tsconfig: './tsconfig.json',
};

/**
 * Chromium for browser mode and the playground's e2e: CHROMIUM_PATH, or the one
 * scripts/chromium.mjs finds (`pnpm test` provides one first when there is none), run
 * headless-friendly (no sandbox, /tmp instead of /dev/shm) and phoning nowhere.
 */
export const chromiumLaunchOptions = {
  executablePath: findChromium() ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-dev-shm-usage',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-quic',
  ],
};
