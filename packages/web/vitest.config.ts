import { playwright } from '@vitest/browser-playwright';
import { defineConfig } from 'vitest/config';
import { chromiumLaunchOptions, sourceResolve, typecheck } from '../../vitest.shared.ts';

/** Debian's Chromium, headless, with nothing phoning home. */
const chromium = {
  ...chromiumLaunchOptions,
  args: [
    ...new Set([
      ...chromiumLaunchOptions.args,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ]),
  ],
};

// Both projects start their own API server and get the vectors through provide/inject.
const globalSetup = ['./test/support/global-setup.ts'];
// test/universal runs in Node and in Chromium; *.browser.test.ts in Chromium only.
const universal = 'test/universal/**/*.test.ts';

export default defineConfig({
  ...sourceResolve,
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          include: ['test/**/*.test.ts'],
          exclude: ['test/**/*.browser.test.ts'],
          environment: 'node',
          globalSetup,
          typecheck,
          benchmark: { include: ['bench/**/*.bench.ts'] },
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          include: [universal, 'test/**/*.browser.test.ts'],
          globalSetup,
          browser: {
            enabled: true,
            headless: true,
            screenshotFailures: false,
            provider: playwright({ launchOptions: chromium }),
            instances: [{ browser: 'chromium' }],
          },
        },
      },
    ],
  },
});
