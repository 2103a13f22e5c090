/**
 * What every published package's tsup.config.ts shares: ESM and CJS with declarations and
 * source maps for ES2022, compiled through tsconfig.build.json (without the @apisig/source
 * condition, so a package's dist imports its dependencies' dist). Each package names its
 * entries, its platform and, for React, a banner; `inline` names private workspace packages
 * (never published) whose code and declarations go into the package's own dist; node keeps
 * its CLI's files from the clean.
 */
import { defineConfig, type Options } from 'tsup';

export type LibraryOptions = Required<Pick<Options, 'entry' | 'platform'>> &
  Pick<Options, 'banner'> & {
    /** Private workspace packages bundled into this one's dist, code and declarations. */
    inline?: string[];
    /** Files in dist/ the clean leaves alone (globs): another config's output, e.g. a CLI. */
    keep?: string[];
  };

export function libraryConfig({ inline = [], keep = [], ...options }: LibraryOptions) {
  return defineConfig({
    format: ['esm', 'cjs'],
    dts: inline.length > 0 ? { resolve: inline } : true,
    noExternal: inline,
    clean: keep.length === 0 ? true : keep.map((pattern) => `!${pattern}`),
    sourcemap: true,
    target: 'es2022',
    tsconfig: 'tsconfig.build.json',
    ...options,
  });
}
