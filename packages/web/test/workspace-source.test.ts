import { expect, it } from 'vitest';

// Tooling guard: workspace packages resolve through the `@apisig/source` export condition to
// their TypeScript source, so tests never run against a stale (or missing) dist/.
it('resolves @apisig/core and its own subpaths to TypeScript source', () => {
  expect(import.meta.resolve('@apisig/core')).toMatch(/\/packages\/core\/src\/index\.ts$/);
  expect(import.meta.resolve('@apisig/web/verify')).toMatch(/\/packages\/web\/src\/verify\.ts$/);
});
