/**
 * `pnpm docs`: the API reference (docs/api/, not committed) of every entry of every published
 * package, from the TSDoc in the sources. The entries come from the package.json exports maps
 * (scripts/entries.mjs: each entry's `@apisig/source` file), so a new subpath is documented
 * without a change here. tsconfig.docs.json compiles all packages as one program, with the
 * `@apisig/source` condition, so workspace imports resolve to src.
 *
 * The run fails on any TypeDoc warning, on an exported function, class, interface, type
 * alias, variable or enum without documentation, and (scripts/typedoc-plugin.mjs) on one
 * without a summary or, for a factory function, class, interface or type alias, without an
 * `@example`.
 */
import { publishedPackages } from './scripts/entries.mjs';

const packages = publishedPackages();

/** @type {Partial<import('typedoc').TypeDocOptions> & Record<string, unknown>} */
const config = {
  name: 'apisig',
  entryPoints: packages.flatMap((pkg) => pkg.entries.map((entry) => entry.source)),
  entryPointStrategy: 'resolve',
  tsconfig: './tsconfig.docs.json',
  out: 'docs/api',
  readme: 'none',
  // Source links to the repository, without asking git for a remote (a fresh clone or a CI copy
  // may have none).
  sourceLinkTemplate: 'https://github.com/apisig/apisig/blob/main/{path}#L{line}',
  plugin: ['./scripts/typedoc-plugin.mjs'],
  treatWarningsAsErrors: true,
  treatValidationWarningsAsErrors: true,
  validation: { notExported: true, invalidLink: true, invalidPath: true, notDocumented: true },
  requiredToBeDocumented: ['Enum', 'Variable', 'Function', 'Class', 'Interface', 'TypeAlias'],
  // TypeDoc checks only the root package.json's package by default.
  packagesRequiringDocumentation: packages.map((pkg) => pkg.name),
  // Factory functions that need an @example besides create*: the middleware and wrappers.
  apisigFactories: ['apisig', 'withApiSig', 'apisigMiddleware'],
};

export default config;
