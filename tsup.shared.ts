/**
 * What every published package's tsup.config.ts shares: ESM and CJS with declarations and
 * source maps for ES2022, compiled through tsconfig.build.json (without the @apisig/source
 * condition, so a package's dist imports its dependencies' dist). Each package names its
 * entries, its platform and, for React, a banner; `inline` names private workspace packages
 * (never published) whose code and declarations go into the package's own dist.
 */
import { defineConfig, type Options } from 'tsup';

export type LibraryOptions = Required<Pick<Options, 'entry' | 'platform'>> &
  Pick<Options, 'banner'> & { inline?: string[] };

export function libraryConfig({ inline = [], ...options }: LibraryOptions) {
  return defineConfig({
    format: ['esm', 'cjs'],
    dts: inline.length > 0 ? { resolve: inline } : true,
    noExternal: inline,
    clean: true,
    sourcemap: true,
    target: 'es2022',
    tsconfig: 'tsconfig.build.json',
    ...options,
  });
}
