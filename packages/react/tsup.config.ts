import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { index: 'src/index.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'es2022',
  platform: 'browser',
  tsconfig: 'tsconfig.build.json',
  // React Server Components: the built entries are client modules. esbuild keeps the banner
  // as the first statement of every output file (ESM and CJS).
  banner: { js: "'use client';" },
});
