#!/usr/bin/env node
// `pnpm check:consumer`: the four packages as a user gets them. Packs each one (what npm
// would publish), installs the tarballs with npm into a scratch project outside the
// repository, and checks there that:
//   - the declarations type-check in a Node-only TypeScript project (lib ES2022, @types/node,
//     no DOM, skipLibCheck off) under every moduleResolution a user may have: node16 from ESM
//     and from CommonJS, node10, bundler; undici's fetch is accepted where a fetch is;
//   - every entry loads at run time through import and through require;
//   - the `apisig` command of @apisig/node runs through npx;
//   - `engines` tells the truth: a package whose CommonJS build requires an ESM-only
//     dependency (jose) needs require(esm), so it must say node >= 20.19.
// Needs the packages built (`pnpm build`) and the npm registry for TypeScript and friends.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const PACKAGES = ['core', 'node', 'web', 'react'];
/** Tools of the consumer project, at the versions the workspace uses (and the clients it binds). */
const TOOLS = {
  typescript: '5.9.3',
  '@types/node': '^20.19.43',
  '@types/react': '^19.3.3',
  react: '19.3.1',
  // The peer of @apisig/web/hono (optional: only apps that import that entry install it).
  hono: '4.13.19',
  undici: '^7.16.0',
  // The frameworks of @apisig/node/fastify and /koa (optional peers: their users have them).
  fastify: '^5.12.8',
  koa: '^3.3.0',
  '@types/koa': '^3.0.3',
  axios: '1.21.1',
  got: '14.6.6',
};

/** Every import specifier the packages export: `@apisig/web`, `@apisig/web/verify`... */
function entriesOf(all) {
  return PACKAGES.flatMap((name) =>
    Object.keys(all[name].exports)
      .filter((subpath) => subpath !== './package.json')
      .map((subpath) => all[name].name + subpath.slice(1)),
  );
}

const scratch = mkdtempSync(join(tmpdir(), 'apisig-consumer-'));
const run = (command, args, cwd = scratch) =>
  execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
const failures = [];
const check = (name, body) => {
  try {
    body();
    console.log(`ok    ${name}`);
  } catch (error) {
    failures.push(name);
    console.log(
      `FAIL  ${name}\n${error.stdout ?? ''}${error.stderr ?? ''}${error.stdout ? '' : error.message}`,
    );
  }
};

// Pack and install.
const manifests = {};
const dependencies = {};
for (const name of PACKAGES) {
  const dir = join(root, 'packages', name);
  manifests[name] = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  const packed = run('pnpm', ['pack', '--pack-destination', scratch], dir)
    .trim()
    .split('\n')
    .at(-1);
  dependencies[manifests[name].name] = `file:./${packed.split('/').at(-1)}`;
}
writeFileSync(
  join(scratch, 'package.json'),
  JSON.stringify({
    name: 'apisig-consumer',
    private: true,
    type: 'module',
    dependencies: { ...dependencies, ...TOOLS },
    // The tarballs depend on each other by version; point those edges at the tarballs too.
    overrides: Object.fromEntries(Object.keys(dependencies).map((name) => [name, `$${name}`])),
  }),
);
console.log(`consumer project: ${scratch}`);
run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error']);

// Every entry resolves under node10 too: TypeScript finds a subpath there only through
// typesVersions, which must therefore name each one the exports map has.
for (const name of PACKAGES) {
  const { exports, typesVersions } = manifests[name];
  const subpaths = Object.keys(exports).filter((key) => key !== '.' && key !== './package.json');
  check(
    `typesVersions of ${manifests[name].name} names every subpath (${subpaths.join(', ') || 'none'})`,
    () => {
      const missing = subpaths.filter((key) => typesVersions?.['*']?.[key.slice(2)] === undefined);
      if (missing.length > 0) throw new Error(`missing: ${missing.join(', ')}`);
    },
  );
}

// Types, in a Node-only project: a user's code, and one import of every entry.
const usage = readFileSync(join(root, 'scripts', 'consumer', 'usage.ts'), 'utf8');
mkdirSync(join(scratch, 'src'));
writeFileSync(join(scratch, 'src', 'usage.ts'), usage);
writeFileSync(join(scratch, 'src', 'usage.cts'), usage);
const everyEntry = entriesOf(manifests)
  .map((entry, index) => `export * as entry${index} from '${entry}';`)
  .join('\n');
writeFileSync(join(scratch, 'src', 'entries.ts'), everyEntry);
writeFileSync(join(scratch, 'src', 'entries.cts'), everyEntry);
const base = {
  lib: ['ES2022'],
  types: ['node'],
  strict: true,
  skipLibCheck: false,
  noEmit: true,
  esModuleInterop: true,
};
const ESM_FILES = ['src/usage.ts', 'src/entries.ts'];
const CJS_FILES = ['src/usage.cts', 'src/entries.cts'];
const projects = {
  'node16, from ESM': { module: 'node16', moduleResolution: 'node16', files: ESM_FILES },
  'node16, from CommonJS': { module: 'node16', moduleResolution: 'node16', files: CJS_FILES },
  node10: { module: 'commonjs', moduleResolution: 'node10', files: ESM_FILES },
  bundler: { module: 'esnext', moduleResolution: 'bundler', files: ESM_FILES },
};
for (const [name, { files, ...options }] of Object.entries(projects)) {
  const config = `tsconfig.${name.replace(/\W+/g, '-')}.json`;
  writeFileSync(
    join(scratch, config),
    JSON.stringify({ compilerOptions: { ...base, ...options }, files }),
  );
  check(`types: ${name} (lib ES2022 + @types/node, skipLibCheck false)`, () =>
    run(join(scratch, 'node_modules', '.bin', 'tsc'), ['-p', config]),
  );
}

// Every entry, at run time, both ways.
const entries = entriesOf(manifests);
const list = JSON.stringify(entries);
writeFileSync(
  join(scratch, 'load.mjs'),
  `for (const entry of ${list}) { const m = await import(entry); if (Object.keys(m).length === 0) throw new Error(entry + ' is empty'); }`,
);
writeFileSync(
  join(scratch, 'load.cjs'),
  `for (const entry of ${list}) { const m = require(entry); if (Object.keys(m).length === 0) throw new Error(entry + ' is empty'); }`,
);
check(`import() of ${entries.join(', ')}`, () => run(process.execPath, ['load.mjs']));
check(`require() of every entry (Node ${process.versions.node})`, () =>
  run(process.execPath, ['load.cjs']),
);

// The `apisig` command, as npm installs a package's bin: on the project's PATH (npx finds it
// without downloading anything), running on the installed dist.
check('npx apisig: --help and keygen --json run from node_modules/.bin', () => {
  const npx = (args) => run('npx', ['--no-install', 'apisig', ...args]);
  if (!npx(['--help']).startsWith('Usage: apisig <command>')) throw new Error('no usage text');
  const { apiKey, secret } = JSON.parse(npx(['keygen', '--json']));
  if (typeof apiKey !== 'string' || typeof secret !== 'string') throw new Error('no new key');
});

// engines against what the CommonJS builds require.
const esmOnly = (name) => {
  const manifest = JSON.parse(
    readFileSync(join(scratch, 'node_modules', name, 'package.json'), 'utf8'),
  );
  const conditions = JSON.stringify(manifest.exports?.['.'] ?? manifest.exports ?? {});
  return manifest.type === 'module' && !conditions.includes('"require"');
};
const requiresEsm = new Set();
for (const name of PACKAGES) {
  const manifest = manifests[name];
  const dist = join(scratch, 'node_modules', manifest.name, 'dist');
  const required = new Set();
  for (const file of readdirSync(dist).filter((f) => f.endsWith('.cjs'))) {
    for (const match of readFileSync(join(dist, file), 'utf8').matchAll(
      /require\("([^".][^"]*)"\)/g,
    )) {
      const pkg = match[1].startsWith('@')
        ? match[1].split('/').slice(0, 2).join('/')
        : match[1].split('/')[0];
      if (!isBuiltin(pkg)) required.add(pkg);
    }
  }
  // Directly (jose), or through another apisig package that does.
  const needsRequireEsm = [...required].filter((dep) => esmOnly(dep) || requiresEsm.has(dep));
  if (needsRequireEsm.length > 0) requiresEsm.add(manifest.name);
  check(
    `engines of ${manifest.name} (${manifest.engines.node}) hold for its CommonJS build`,
    () => {
      const [major, minor] = manifest.engines.node.replace('>=', '').split('.').map(Number);
      const floor = major * 100 + (minor ?? 0);
      if (needsRequireEsm.length > 0 && floor < 2019) {
        throw new Error(
          `its CommonJS build requires ESM-only ${needsRequireEsm.join(', ')}: that needs require(esm), Node >= 20.19`,
        );
      }
    },
  );
}

rmSync(scratch, { recursive: true, force: true });
if (failures.length > 0) {
  console.log(`\n${failures.length} consumer check(s) failed`);
  process.exit(1);
}
console.log('\nall consumer checks passed');
