import { libraryConfig } from '../../tsup.shared.ts';

export default libraryConfig({
  entry: { index: 'src/index.ts' },
  platform: 'browser',
  // React Server Components: the built entries are client modules. esbuild keeps the banner
  // as the first statement of every output file (ESM and CJS).
  banner: { js: "'use client';" },
});
