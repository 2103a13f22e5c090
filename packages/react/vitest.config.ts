import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { playwright } from '@vitest/browser-playwright';
import { defineConfig } from 'vitest/config';
import { chromiumLaunchOptions, sourceResolve, typecheck } from '../../vitest.shared.ts';

// Absolute directories, so the alias also works from inside node_modules/.pnpm, where
// `react-18` is not resolvable by name.
const require = createRequire(import.meta.url);
const packageDir = (name: string) => dirname(require.resolve(`${name}/package.json`));
const react18 = packageDir('react-18');
const reactDom18 = packageDir('react-dom-18');
// @testing-library/react's CommonJS main would `require('react-dom')` natively (React 19);
// its ESM build, processed by vitest, goes through the aliases below.
const testingLibraryEsm = `${packageDir('@testing-library/react')}/dist/@testing-library`;

const unitTests = ['test/**/*.test.{ts,tsx}'];
const browserTests = ['test/**/*.browser.test.{ts,tsx}'];

export default defineConfig({
  ...sourceResolve,
  test: {
    projects: [
      {
        // The unit suite under React 19 (the devDependency `react`), in happy-dom.
        extends: true,
        test: {
          name: 'react19',
          include: unitTests,
          exclude: browserTests,
          environment: 'happy-dom',
          env: { APISIG_REACT_MAJOR: '19' },
          typecheck,
        },
      },
      {
        // The same suite again under React 18: `react` / `react-dom` (and their subpaths)
        // are aliased to the `react-18` / `react-dom-18` devDependencies, and
        // @testing-library/react's ESM build (and TanStack Query, for the README's example) is
        // inlined so its own imports are aliased too.
        extends: true,
        resolve: {
          alias: [
            { find: /^@testing-library\/react$/, replacement: `${testingLibraryEsm}/react.esm.js` },
            {
              find: /^@testing-library\/react\/pure$/,
              replacement: `${testingLibraryEsm}/react.pure.esm.js`,
            },
            { find: /^react-dom(\/.*)?$/, replacement: `${reactDom18}$1` },
            { find: /^react(\/.*)?$/, replacement: `${react18}$1` },
          ],
        },
        test: {
          name: 'react18',
          include: unitTests,
          exclude: browserTests,
          environment: 'happy-dom',
          env: { APISIG_REACT_MAJOR: '18' },
          server: { deps: { inline: ['@testing-library/react', '@tanstack/react-query'] } },
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          include: browserTests,
          // The test API on 127.0.0.1, started in Node; its URL comes through provide/inject.
          globalSetup: ['./test/browser/global-setup.ts'],
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
