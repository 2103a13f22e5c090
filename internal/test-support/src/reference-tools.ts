/**
 * The reference JWT libraries the vectors come from, where this machine has them: PyJWT
 * (Debian's python3-jwt) and golang-jwt's `jwt` command (Debian's jwt). Tests that need
 * them skip with `REFERENCE_TOOLS_MISSING` when they are absent; `.ci/run` installs both.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** A pyenv or venv python3 earlier on PATH may lack PyJWT while Debian's has it. */
const PYTHON_CANDIDATES = ['/usr/bin/python3', 'python3'];

const runs = (command: string, args: string[]) =>
  spawnSync(command, args, { stdio: 'ignore' }).status === 0;

/** The first python3 that can `import jwt`, or undefined. */
export const pyjwtPython: string | undefined = PYTHON_CANDIDATES.find((candidate) =>
  runs(candidate, ['-c', 'import jwt']),
);

/** True when golang-jwt's CLI is on PATH (npm's jwt-cli also installs a `jwt`: check usage). */
export const hasGolangJwt: boolean = (() => {
  const usage = spawnSync('jwt', ['-h'], { encoding: 'utf8' });
  return `${usage.stdout}${usage.stderr}`.includes('-sign string');
})();

export const REFERENCE_TOOLS_MISSING =
  'PyJWT or golang-jwt is not installed (apt-get install python3-jwt jwt)';

export const VECTOR_FILES = ['signatures.json', 'rejections.json', 'lifetimes.json'] as const;

/** The vectors' folder in this repository. */
export const vectorsFolder = fileURLToPath(new URL('../vectors/', import.meta.url));

/** Runs vectors/generate.py into `outDir` (default: the committed folder). Throws on failure. */
export function generateVectors(outDir: string = vectorsFolder): void {
  if (pyjwtPython === undefined || !hasGolangJwt) throw new Error(REFERENCE_TOOLS_MISSING);
  const run = spawnSync(pyjwtPython, [`${vectorsFolder}generate.py`, '--out', outDir], {
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(`vectors/generate.py failed:\n${run.stderr}`);
}
