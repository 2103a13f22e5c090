import { expect, it } from 'vitest';

// Placeholder until the playground's own tests land: keeps `pnpm test` counting this app.
it('adds', () => {
  expect(1 + 1).toBe(2);
});
