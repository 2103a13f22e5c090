/**
 * Tests that run the BUILT package (bundle purity, Deno, Bun, workerd) need a dist/ at least
 * as new as src/. `pnpm test` through turbo builds first; a direct vitest run may not have.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const packageDir = fileURLToPath(new URL('../..', import.meta.url));
export const distDir = join(packageDir, 'dist');

function newest(dir: string): number {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

/** Throws with the command to run when dist/ is missing or older than src/. */
export function assertFreshBuild(): void {
  const stale = (() => {
    try {
      return statSync(join(distDir, 'index.js')).mtimeMs < newest(join(packageDir, 'src'));
    } catch {
      return true;
    }
  })();
  if (stale) {
    throw new Error(
      'packages/web/dist is missing or older than src: run `pnpm turbo run build --filter=@apisig/web...` (or `pnpm test` from the root, which builds first)',
    );
  }
}
