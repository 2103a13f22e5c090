import { defineConfig } from 'vitest/config';
import { sourceResolve, typecheck } from '../../vitest.shared.ts';

export default defineConfig({
  ...sourceResolve,
  test: {
    include: ['test/**/*.test.{ts,tsx}'],
    environment: 'node',
    typecheck,
  },
});
