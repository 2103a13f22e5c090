import { defineConfig } from 'vitest/config';
import { sourceResolve, typecheck } from '../../vitest.shared.ts';

export default defineConfig({
  ...sourceResolve,
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    // The CLI tests spawn dist/cli.js: build it first when src/ is newer.
    globalSetup: ['test/support/built-cli.ts'],
    typecheck,
  },
});
