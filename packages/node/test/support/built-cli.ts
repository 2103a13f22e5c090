/**
 * The CLI tests run the BUILT command (node dist/cli.js), which imports dist/index.js and
 * @apisig/core's dist. This global setup builds them when they are missing or older than
 * their sources; `pnpm test` through turbo has built them already, and then it does nothing.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const packageDir = join(import.meta.dirname, '..', '..');
const root = join(packageDir, '..', '..');

function newest(dir: string): number {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

function builtAt(file: string): number {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return 0;
  }
}

/** True when a package's dist files are at least as new as its src/. */
function fresh(dir: string, outputs: string[]): boolean {
  const source = newest(join(dir, 'src'));
  return outputs.every((file) => builtAt(join(dir, 'dist', file)) >= source);
}

export default function buildCliWhenStale(): void {
  const core = join(root, 'packages', 'core');
  if (fresh(packageDir, ['cli.js', 'index.js']) && fresh(core, ['index.js', 'adapter.js'])) return;
  const build = spawnSync(
    'pnpm',
    ['exec', 'turbo', 'run', 'build', '--filter=@apisig/node', '--output-logs=errors-only'],
    { cwd: root, stdio: 'inherit', env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1' } },
  );
  if (build.status !== 0) throw new Error('building @apisig/node for the CLI tests failed');
}
