import { playwright } from '@vitest/browser-playwright';
import { defineConfig } from 'vitest/config';
import { chromiumLaunchOptions, sourceResolve, typecheck } from '../../vitest.shared.ts';

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
            provider: playwright({ launchOptions: chromiumLaunchOptions }),
            instances: [{ browser: 'chromium' }],
          },
        },
      },
    ],
  },
});
