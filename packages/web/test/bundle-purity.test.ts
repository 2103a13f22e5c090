/**
 * Runtime purity of the build output: bundled for the browser, the package pulls in no Node
 * built-in and touches neither `Buffer` nor `process`. And an app that only signs does not
 * bundle the verifier.
 */
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { build, type Plugin } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { assertFreshBuild, distDir, packageDir } from './support/dist.js';

const nodeBuiltins = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));

/** Bundles `source` (an ES module importing from dist/) for the browser; unminified. */
async function bundleForBrowser(source: string) {
  const nodeImports: string[] = [];
  const recordNodeImports: Plugin = {
    name: 'record-node-imports',
    setup(plugin) {
      plugin.onResolve({ filter: /.*/ }, (args) => {
        if (!nodeBuiltins.has(args.path)) return undefined;
        nodeImports.push(`${args.path} (from ${args.importer})`);
        return { path: args.path, external: true };
      });
    },
  };
  const result = await build({
    stdin: { contents: source, resolveDir: packageDir, loader: 'js' },
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    logLevel: 'silent',
    plugins: [recordNodeImports],
  });
  return { code: result.outputFiles[0]?.text ?? '', nodeImports };
}

const ENTRIES = {
  'the main entry (ESM)': `export * from ${JSON.stringify(join(distDir, 'index.js'))};`,
  '/verify (ESM)': `export * from ${JSON.stringify(join(distDir, 'verify.js'))};`,
  'the main entry (CJS)': `export * from ${JSON.stringify(join(distDir, 'index.cjs'))};`,
  '/verify (CJS)': `export * from ${JSON.stringify(join(distDir, 'verify.cjs'))};`,
  // Hono runs on Workers, Deno and Bun; Next.js middleware in the Edge runtime.
  '/hono (ESM)': `export * from ${JSON.stringify(join(distDir, 'hono.js'))};`,
  '/hono (CJS)': `export * from ${JSON.stringify(join(distDir, 'hono.cjs'))};`,
  '/next (ESM)': `export * from ${JSON.stringify(join(distDir, 'next.js'))};`,
  '/next (CJS)': `export * from ${JSON.stringify(join(distDir, 'next.cjs'))};`,
};

beforeAll(() => assertFreshBuild());

describe('bundled for the browser', () => {
  for (const [name, source] of Object.entries(ENTRIES)) {
    it(`${name}: no node: import, no Buffer, no process`, async () => {
      const { code, nodeImports } = await bundleForBrowser(source);
      expect(code.length).toBeGreaterThan(1000); // it did bundle jose and core
      expect(nodeImports).toEqual([]);
      expect(code).not.toMatch(/\bnode:[a-z_/]+/);
      expect(code).not.toMatch(/\bBuffer\b/);
      expect(code).not.toMatch(/\bprocess\b/);
    });
  }

  it('the check is live: it catches a node: import and process', async () => {
    const { code, nodeImports } = await bundleForBrowser(
      "import { createHash } from 'node:crypto'; export const h = [createHash, process.env];",
    );
    expect(nodeImports).toEqual(['node:crypto (from <stdin>)']);
    expect(code).toMatch(/\bprocess\b/);
  });
});

describe('an app that only signs', () => {
  it('bundles no verifier: neither jose verification nor core verification', async () => {
    const index = JSON.stringify(join(distDir, 'index.js'));
    const { code } = await bundleForBrowser(
      `import { createSigner, createSignedFetch } from ${index}; export { createSigner, createSignedFetch };`,
    );
    expect(code).toMatch(/\bCompactSign\b/);
    expect(code).toMatch(/\bcreateAsyncSigner\b/);
    for (const verifier of [
      'compactVerify',
      'createVerifierEngine',
      'checkToken',
      'verifySignature',
    ]) {
      expect(code).not.toMatch(new RegExp(`\\b${verifier}\\b`));
    }
  });
});
