import { defineConfig } from 'vitest/config';
import { sourceResolve, typecheck } from '../../vitest.shared.ts';

export default defineConfig({
  ...sourceResolve,
  test: {
    // test/: the API server. e2e/: the built SPA in headless Chromium against it.
    include: ['test/**/*.test.{ts,tsx}', 'e2e/**/*.test.ts'],
    environment: 'node',
    typecheck,
  },
});
