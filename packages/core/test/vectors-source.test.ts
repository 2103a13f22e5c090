/**
 * The committed vectors are what their source makes: internal/test-support/vectors/generate.py
 * run with PyJWT and golang-jwt into a scratch folder must give the committed files byte for
 * byte. A hand edit, or an input changed without regenerating, fails here. Skipped, saying
 * why, on a machine without the two tools (`.ci/run` installs them).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  generateVectors,
  hasGolangJwt,
  pyjwtPython,
  REFERENCE_TOOLS_MISSING,
  VECTOR_FILES,
  vectorsFolder,
} from '@apisig/test-support';
import { afterAll, describe, expect, it } from 'vitest';

const missing = pyjwtPython === undefined || !hasGolangJwt;
const scratch = mkdtempSync(join(tmpdir(), 'apisig-vectors-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('the committed vectors', () => {
  it('equal what generate.py emits now', (context) => {
    context.skip(missing, REFERENCE_TOOLS_MISSING);
    generateVectors(scratch);
    for (const file of VECTOR_FILES) {
      const fresh = readFileSync(join(scratch, file), 'utf8');
      const committed = readFileSync(join(vectorsFolder, file), 'utf8');
      expect(committed, `${file} differs from generate.py's output: regenerate it`).toBe(fresh);
    }
  });
});
