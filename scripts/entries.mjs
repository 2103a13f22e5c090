/**
 * The published packages of the workspace and their public entries, read from each
 * package.json "exports" map: the one list `pnpm docs` (typedoc.config.mjs) and `pnpm api`
 * (scripts/api-report.mjs) work from, so a new subpath (say `@apisig/web/hono`) is picked up
 * by both without touching them.
 *
 * A published package is a workspace (pnpm-workspace.yaml) whose package.json is not
 * `private` and has an "exports" map. Each of its subpaths is an entry, except `./package.json`
 * and other non-code subpaths (`*.json`); an entry must name its source (the `@apisig/source`
 * condition) and its ESM declarations (`import` → `types`), or this throws and says which.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The workspace condition that maps every entry to its TypeScript source. */
export const SOURCE_CONDITION = '@apisig/source';

/** The `packages:` globs of pnpm-workspace.yaml; only `dir/*` and `dir` forms are supported. */
function workspaceGlobs() {
  const text = readFileSync(join(root, 'pnpm-workspace.yaml'), 'utf8');
  const globs = [];
  let inPackages = false;
  for (const line of text.split('\n')) {
    if (/^packages:\s*$/.test(line)) {
      inPackages = true;
      continue;
    }
    if (!inPackages) continue;
    const item = /^\s+-\s+['"]?([^'"#\s]+)['"]?\s*(#.*)?$/.exec(line);
    if (item) globs.push(item[1]);
    else if (/^\S/.test(line)) break;
  }
  return globs;
}

/** Every workspace folder (with a package.json) that pnpm-workspace.yaml names. */
export function workspaceDirs() {
  const dirs = [];
  for (const glob of workspaceGlobs()) {
    if (glob.startsWith('!')) continue;
    if (glob.endsWith('/*')) {
      const base = join(root, glob.slice(0, -2));
      if (!existsSync(base)) continue;
      for (const entry of readdirSync(base, { withFileTypes: true })) {
        if (entry.isDirectory()) dirs.push(join(base, entry.name));
      }
    } else if (!glob.includes('*')) {
      dirs.push(join(root, glob));
    } else {
      throw new Error(`scripts/entries.mjs: unsupported workspace glob "${glob}"`);
    }
  }
  return dirs.filter((dir) => existsSync(join(dir, 'package.json'))).sort();
}

/**
 * The target an exports-map value gives under a set of conditions, the way Node and
 * TypeScript pick it: the first key (in order) that is one of the conditions or `default`.
 */
export function pickTarget(value, conditions) {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) {
    for (const item of value) {
      const found = pickTarget(item, conditions);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (value === null || typeof value !== 'object') return undefined;
  for (const [key, inner] of Object.entries(value)) {
    if (key === 'default' || conditions.includes(key)) {
      const found = pickTarget(inner, conditions);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

/** Only the named condition, no `default`: where the exports map names the source. */
function pickCondition(value, condition) {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  for (const [key, inner] of Object.entries(value)) {
    if (key === condition) return typeof inner === 'string' ? inner : undefined;
  }
  return undefined;
}

/**
 * @returns {{ name: string, dir: string, relDir: string, entries: {
 *   subpath: string, specifier: string, slug: string, source: string, types: string }[] }[]}
 *   every published package, each after those it depends on; `source` and `types` are absolute paths;
 *   `slug` names the entry in file names: `index` for `.`, `verify` for `./verify`,
 *   `a/b` for `./a/b`.
 */
export function publishedPackages() {
  const packages = [];
  for (const dir of workspaceDirs()) {
    const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    if (manifest.private === true || manifest.exports === undefined) continue;
    const where = `${relative(root, dir)}/package.json`;
    let exportsMap = manifest.exports;
    if (typeof exportsMap === 'string' || Array.isArray(exportsMap))
      exportsMap = { '.': exportsMap };
    const keys = Object.keys(exportsMap);
    if (!keys.every((key) => key.startsWith('.'))) exportsMap = { '.': exportsMap };
    const entries = [];
    for (const [subpath, value] of Object.entries(exportsMap)) {
      if (subpath.endsWith('.json')) continue;
      if (subpath.includes('*')) {
        throw new Error(`${where}: exports pattern "${subpath}" cannot be listed entry by entry`);
      }
      if (value === null) continue;
      const source = pickCondition(value, SOURCE_CONDITION);
      const types = pickTarget(value, ['import', 'types']);
      if (source === undefined) {
        throw new Error(`${where}: exports["${subpath}"] has no "${SOURCE_CONDITION}" condition`);
      }
      if (types === undefined || !/\.d\.[cm]?ts$/.test(types)) {
        throw new Error(
          `${where}: exports["${subpath}"] names no declaration file under "import" → "types"`,
        );
      }
      const slug = subpath === '.' ? 'index' : subpath.slice(2);
      entries.push({
        subpath,
        specifier: subpath === '.' ? manifest.name : `${manifest.name}${subpath.slice(1)}`,
        slug,
        source: resolve(dir, source),
        types: resolve(dir, types),
      });
    }
    if (entries.length === 0) continue;
    const needs = Object.keys({ ...manifest.dependencies, ...manifest.peerDependencies });
    packages.push({ name: manifest.name, dir, relDir: relative(root, dir), entries, needs });
  }
  return dependenciesFirst(packages);
}

/**
 * The packages with each one after the published packages it depends on (ties by
 * directory): TypeDoc documents a re-exported symbol under the first entry that exports it,
 * so `@apisig/web`'s RemoteSigner must be converted before `@apisig/react` re-exports it.
 */
function dependenciesFirst(packages) {
  const byName = new Map(packages.map((pkg) => [pkg.name, pkg]));
  const ordered = [];
  const state = new Map();
  const visit = (pkg, chain) => {
    if (state.get(pkg) === 'done') return;
    if (state.get(pkg) === 'visiting') {
      throw new Error(`scripts/entries.mjs: dependency cycle ${[...chain, pkg.name].join(' → ')}`);
    }
    state.set(pkg, 'visiting');
    for (const name of pkg.needs) {
      const dependency = byName.get(name);
      if (dependency) visit(dependency, [...chain, pkg.name]);
    }
    state.set(pkg, 'done');
    ordered.push(pkg);
  };
  for (const pkg of packages) visit(pkg, []);
  return ordered.map(({ needs: _needs, ...pkg }) => pkg);
}
