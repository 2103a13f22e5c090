#!/usr/bin/env node
/**
 * `pnpm api` / `pnpm api:check`: the API report of every entry of every published package,
 * so that a change to the public surface shows in review as a change to a committed file.
 *
 * The entries come from the package.json exports maps (scripts/entries.mjs); each report is
 * made from the BUILT declarations that the entry's `import` → `types` condition names
 * (dist/*.d.ts, so `pnpm build` first; the package.json scripts run it through turbo), read
 * with the TypeScript compiler API the way a consumer's compiler reads them (NodeNext, no
 * `@apisig/source` condition, so `@apisig/core` resolves to core's dist). Re-exports and
 * aliases are followed to the declarations they name: tsup's shared chunks have hashed file
 * names, and the report never names a file.
 *
 * One report per entry: packages/<dir>/api/<entry>.api.md (`index` for `.`, `verify` for
 * `./verify`). It lists, sorted:
 *   - every exported name, with its kind and its full declaration, printed again from the
 *     syntax tree without doc comments (and without `export`/`declare`), so only shapes show;
 *     a name declared in another package says which one;
 *   - the declarations those refer to that no entry exports (their shape is public too, and
 *     would be invisible otherwise), and the names they refer to that another entry exports;
 *   - module augmentations (`declare module 'http' { ... }`) the entry brings along.
 *
 *   node scripts/api-report.mjs           write the reports (and remove those of gone entries)
 *   node scripts/api-report.mjs --check   exit 1, with a diff, when a committed report differs
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import ts from 'typescript';
import { publishedPackages, root, workspaceDirs } from './entries.mjs';

const REPORT_DIR = 'api';
const REPORT_SUFFIX = '.api.md';

// ---------------------------------------------------------------------------------------------
// The program: every entry's declarations, as a consumer's compiler sees them.

const packages = publishedPackages();
const entries = packages.flatMap((pkg) => pkg.entries.map((entry) => ({ pkg, ...entry })));

const missing = entries.filter((entry) => !existsSync(entry.types));
if (missing.length > 0) {
  console.error(
    `api-report: no built declarations for ${missing.map((e) => e.specifier).join(', ')} ` +
      `(${missing.map((e) => relative(root, e.types)).join(', ')}): run \`pnpm build\` first.`,
  );
  process.exit(1);
}

const compilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  lib: ['lib.es2022.d.ts', 'lib.dom.d.ts', 'lib.dom.iterable.d.ts'],
  types: ['node'],
  strict: true,
  skipLibCheck: true,
  noEmit: true,
};
const program = ts.createProgram(
  entries.map((entry) => entry.types),
  compilerOptions,
);
const checker = program.getTypeChecker();
const printer = ts.createPrinter({ removeComments: true, newLine: ts.NewLineKind.LineFeed });

/** The published package a declaration file belongs to (its own files, not its node_modules). */
function packageOfFile(fileName) {
  for (const pkg of packages) {
    const rel = relative(pkg.dir, fileName);
    if (!rel.startsWith('..') && !rel.split(/[\\/]/).includes('node_modules')) return pkg;
  }
  return undefined;
}

function resolveAlias(symbol) {
  return symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
}

/** A statement at the top of a file (a VariableDeclaration counts by its statement). */
function isTopLevel(declaration) {
  const statement = ts.isVariableDeclaration(declaration)
    ? declaration.parent?.parent
    : declaration;
  return statement?.parent !== undefined && ts.isSourceFile(statement.parent);
}

/** The package that declares a symbol at the top of one of its files, or undefined. */
function declaringPackage(symbol) {
  const declaration = symbol.declarations?.[0];
  if (declaration === undefined || ts.isSourceFile(declaration) || !isTopLevel(declaration)) {
    return undefined;
  }
  return packageOfFile(declaration.getSourceFile().fileName);
}

/** The npm package (outside the workspace) that declares a symbol, by its node_modules path. */
function externalPackageOf(symbol) {
  const fileName = symbol.declarations?.[0]?.getSourceFile().fileName ?? '';
  const found = [...fileName.matchAll(/node_modules\/((?:@[^/]+\/)?[^/]+)\//g)].pop();
  return found?.[1];
}

/** True when some alias on the way from an export to its declaration is `type`-only. */
function isTypeOnlyExport(symbol) {
  for (let alias = symbol; alias && alias.flags & ts.SymbolFlags.Alias; ) {
    if (alias.declarations?.some((d) => ts.isTypeOnlyImportOrExportDeclaration(d))) return true;
    alias = checker.getImmediateAliasedSymbol(alias);
  }
  return false;
}

function compareNames(a, b) {
  const la = a.toLowerCase();
  const lb = b.toLowerCase();
  if (la !== lb) return la < lb ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

// ---------------------------------------------------------------------------------------------
// Every export of every entry, to name each declaration the way users import it.

/** @type {Map<ts.Symbol, { specifier: string, name: string }[]>} */
const exportedBy = new Map();
/** @type {Map<object, { name: string, alias: ts.Symbol, target: ts.Symbol }[]>} */
const entryExports = new Map();

for (const entry of entries) {
  const sourceFile = program.getSourceFile(entry.types);
  const moduleSymbol = sourceFile && checker.getSymbolAtLocation(sourceFile);
  const list = [];
  for (const alias of moduleSymbol ? checker.getExportsOfModule(moduleSymbol) : []) {
    const target = resolveAlias(alias);
    if (!target.declarations?.length) {
      throw new Error(
        `api-report: ${entry.specifier} exports "${alias.name}", which does not resolve to a ` +
          'declaration (an unresolved import in the built declarations?)',
      );
    }
    list.push({ name: alias.name, alias, target });
    const names = exportedBy.get(target) ?? [];
    names.push({ specifier: entry.specifier, name: alias.name });
    exportedBy.set(target, names);
  }
  list.sort((a, b) => compareNames(a.name, b.name));
  entryExports.set(entry, list);
}

// ---------------------------------------------------------------------------------------------
// Printing one declaration: no comments, no export/declare, public names for local ones.

function kindOf(declaration) {
  if (ts.isFunctionDeclaration(declaration)) return 'function';
  if (ts.isClassDeclaration(declaration)) return 'class';
  if (ts.isInterfaceDeclaration(declaration)) return 'interface';
  if (ts.isTypeAliasDeclaration(declaration)) return 'type';
  if (ts.isEnumDeclaration(declaration)) return 'enum';
  if (ts.isModuleDeclaration(declaration)) return 'namespace';
  if (ts.isVariableDeclaration(declaration)) return variableKeyword(declaration);
  if (ts.isSourceFile(declaration)) return 'namespace';
  return ts.SyntaxKind[declaration.kind];
}

function variableKeyword(declaration) {
  const flags = declaration.parent.flags;
  if (flags & ts.NodeFlags.Const) return 'const';
  if (flags & ts.NodeFlags.Let) return 'let';
  return 'var';
}

function kindsOf(symbol) {
  return [...new Set(symbol.declarations.map(kindOf))].join(' + ');
}

const DROPPED_MODIFIERS = new Set([
  ts.SyntaxKind.ExportKeyword,
  ts.SyntaxKind.DefaultKeyword,
  ts.SyntaxKind.DeclareKeyword,
]);

/**
 * Prints one declaration of `symbol` under `ownName`. `nameFor(target)` gives the name to
 * print for a reference to another top-level declaration of the workspace (and records it).
 */
function printDeclaration(declaration, ownName, nameFor, keep = new Set()) {
  const sourceFile = declaration.getSourceFile();
  const transformer = (context) => {
    const visit = (node) => {
      if (ts.isImportTypeNode(node) && isRelativeImportType(node)) {
        // `import("./verify-XXXX.js").Name`: a chunk by its hashed file name; name the type.
        const qualifier = node.qualifier;
        const right = qualifier && (ts.isQualifiedName(qualifier) ? qualifier.right : qualifier);
        const symbol = right && checker.getSymbolAtLocation(right);
        if (!symbol) {
          throw new Error(`api-report: cannot name ${node.getText()} in ${ownName}`);
        }
        const target = resolveAlias(symbol);
        const typeArguments = node.typeArguments?.map((t) => ts.visitNode(t, visit));
        return ts.factory.createTypeReferenceNode(
          nameFor(target) ?? target.name,
          typeArguments && ts.factory.createNodeArray(typeArguments),
        );
      }
      if (ts.isIdentifier(node) && node.pos >= 0) {
        const symbol = checker.getSymbolAtLocation(node);
        if (symbol) {
          const target = resolveAlias(symbol);
          if (target === ownSymbol && isDeclarationName(node)) {
            return ts.factory.createIdentifier(ownName);
          }
          if (declaringPackage(target)) {
            const name = nameFor(target);
            if (name !== undefined && name !== node.text) return ts.factory.createIdentifier(name);
          }
        }
        return node;
      }
      return ts.visitEachChild(node, visit, context);
    };
    return (node) => ts.visitNode(node, visit);
  };
  const ownSymbol = symbolOfDeclaration(declaration);
  const result = ts.transform(declaration, [transformer]);
  let node = result.transformed[0];
  if (ts.canHaveModifiers(node) && node.modifiers) {
    node = ts.factory.replaceModifiers(
      node,
      node.modifiers.filter(
        (modifier) => keep.has(modifier.kind) || !DROPPED_MODIFIERS.has(modifier.kind),
      ),
    );
  }
  let text = printer.printNode(ts.EmitHint.Unspecified, node, sourceFile);
  result.dispose();
  if (ts.isVariableDeclaration(declaration)) text = `${variableKeyword(declaration)} ${text};`;
  return text;
}

function symbolOfDeclaration(declaration) {
  const name = ts.getNameOfDeclaration(declaration);
  const symbol = name ? checker.getSymbolAtLocation(name) : undefined;
  return symbol && resolveAlias(symbol);
}

function isDeclarationName(identifier) {
  const parent = identifier.parent;
  return parent !== undefined && ts.getNameOfDeclaration(parent) === identifier;
}

function isRelativeImportType(node) {
  const argument = node.argument;
  return (
    ts.isLiteralTypeNode(argument) &&
    ts.isStringLiteral(argument.literal) &&
    argument.literal.text.startsWith('.')
  );
}

/** The declaration text of a symbol: each declaration (overloads, merges) on its own. */
function printSymbol(symbol, ownName, nameFor) {
  const declarations = symbol.declarations;
  if (declarations.length === 1 && ts.isSourceFile(declarations[0])) {
    // `export * as name from '...'`: the namespace's members, each declaration printed.
    const members = checker
      .getExportsOfModule(symbol)
      .sort((a, b) => compareNames(a.name, b.name))
      .map((member) => printSymbol(resolveAlias(member), member.name, nameFor))
      .join('\n')
      .replace(/^(?=.)/gm, '    ');
    return `namespace ${ownName} {\n${members}\n}`;
  }
  return declarations.map((d) => printDeclaration(d, ownName, nameFor)).join('\n');
}

// ---------------------------------------------------------------------------------------------
// Module augmentations a set of declaration files brings along.

function reachableWorkspaceFiles(entryFile) {
  const seen = new Set();
  const queue = [program.getSourceFile(entryFile)];
  while (queue.length > 0) {
    const file = queue.shift();
    if (!file || seen.has(file)) continue;
    seen.add(file);
    for (const statement of file.statements) {
      const specifier =
        (ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement)) &&
        statement.moduleSpecifier;
      if (!specifier) continue;
      const moduleSymbol = checker.getSymbolAtLocation(specifier);
      const target = moduleSymbol?.valueDeclaration ?? moduleSymbol?.declarations?.[0];
      if (target && ts.isSourceFile(target) && packageOfFile(target.fileName)) queue.push(target);
    }
  }
  return [...seen];
}

function augmentationsOf(entryFile, nameFor) {
  const found = [];
  for (const file of reachableWorkspaceFiles(entryFile)) {
    for (const statement of file.statements) {
      if (!ts.isModuleDeclaration(statement)) continue;
      const isGlobal = (statement.flags & ts.NodeFlags.GlobalAugmentation) !== 0;
      if (!isGlobal && !ts.isStringLiteral(statement.name)) continue;
      const keep = new Set([ts.SyntaxKind.DeclareKeyword]);
      const text = printDeclaration(statement, statement.name.text, nameFor, keep);
      found.push({ text, from: packageOfFile(file.fileName).name });
    }
  }
  return found.sort((a, b) => compareNames(a.text, b.text));
}

// ---------------------------------------------------------------------------------------------
// One entry's report.

function fence(text) {
  return `\`\`\`ts\n${text}\n\`\`\``;
}

function entryReport(entry) {
  const exports = entryExports.get(entry);
  /** The public name of each target this entry exports (the first, sorted, if several). */
  const localNames = new Map();
  for (const item of exports)
    if (!localNames.has(item.target)) localNames.set(item.target, item.name);

  /** Targets referenced by printed declarations that this entry does not export. */
  const referenced = new Map();
  const nameFor = (target) => {
    const local = localNames.get(target);
    if (local !== undefined) return local;
    const elsewhere = exportedBy.get(target);
    const name = elsewhere
      ? [...elsewhere].sort((a, b) => compareNames(a.name, b.name))[0].name
      : target.name;
    if (!referenced.has(target)) referenced.set(target, { name, elsewhere });
    return name;
  };

  const lines = [
    `# API report: \`${entry.specifier}\``,
    '',
    `The public surface of \`${entry.specifier}\` (\`exports["${entry.subpath}"]\` of ` +
      `\`${entry.pkg.relDir}/package.json\`), read from its built declarations. Generated by ` +
      '`pnpm api`, checked by `pnpm api:check`: do not edit. Doc comments are left out, so ' +
      'only changes of shape show.',
    '',
  ];

  const sections = [];
  for (const item of exports) {
    const kinds = kindsOf(item.target);
    const notes = [kinds];
    const home = declaringPackage(item.target);
    if (home && home !== entry.pkg) notes.push(`from ${home.name}`);
    const external = home ? undefined : externalPackageOf(item.target);
    if (external) notes.push(`from ${external}`);
    if (item.target.flags & ts.SymbolFlags.Value && isTypeOnlyExport(item.alias)) {
      notes.push('type-only export');
    }
    const text = printSymbol(item.target, item.name, nameFor);
    sections.push({ name: item.name, notes, text });
  }

  lines.push(`## Exports (${exports.length})`, '');
  for (const section of sections) lines.push(`- \`${section.name}\`: ${section.notes.join(', ')}`);
  lines.push('');
  const pushSection = (section) =>
    lines.push(
      `### \`${section.name}\``,
      '',
      section.notes.join(', '),
      '',
      fence(section.text),
      '',
    );
  for (const section of sections) pushSection(section);

  // Referenced but not exported by this entry: print those no entry exports (transitively),
  // name those another entry exports.
  const printedUnexported = new Map();
  for (let changed = true; changed; ) {
    changed = false;
    for (const [target, info] of [...referenced]) {
      if (info.elsewhere || printedUnexported.has(target)) continue;
      printedUnexported.set(target, printSymbol(target, info.name, nameFor));
      changed = true;
    }
  }
  const unexported = [...printedUnexported].map(([target, text]) => ({
    name: referenced.get(target).name,
    notes: [kindsOf(target), `declared in ${declaringPackage(target).name}`],
    text,
  }));
  unexported.sort((a, b) => compareNames(a.name, b.name) || compareNames(a.text, b.text));
  if (unexported.length > 0) {
    lines.push(
      `## Referenced, exported by no entry (${unexported.length})`,
      '',
      'Declarations that the exports above refer to but that no entry of any package exports: ' +
        'part of the surface all the same.',
      '',
    );
    for (const section of unexported) pushSection(section);
  }

  const elsewhere = [...referenced]
    .filter(([, info]) => info.elsewhere)
    .map(([target, info]) => {
      const where = [...new Set(info.elsewhere.map((e) => e.specifier))].sort(compareNames);
      return `- \`${info.name}\`: ${kindsOf(target)}, exported by ${where.map((s) => `\`${s}\``).join(', ')}`;
    })
    .sort(compareNames);
  if (elsewhere.length > 0) {
    lines.push(
      `## Referenced, exported by other entries (${elsewhere.length})`,
      '',
      ...elsewhere,
      '',
    );
  }

  const augmentations = augmentationsOf(entry.types, nameFor);
  if (augmentations.length > 0) {
    lines.push(`## Module augmentations (${augmentations.length})`, '');
    for (const augmentation of augmentations) {
      if (augmentation.from !== entry.pkg.name) lines.push(`From ${augmentation.from}:`, '');
      lines.push(fence(augmentation.text), '');
    }
  }

  return `${lines.join('\n').trimEnd()}\n`;
}

function reportPath(entry) {
  return join(entry.pkg.dir, REPORT_DIR, ...`${entry.slug}${REPORT_SUFFIX}`.split('/'));
}

// ---------------------------------------------------------------------------------------------
// Write or check.

const expected = new Map();
for (const entry of entries) {
  const path = reportPath(entry);
  if (expected.has(path)) {
    throw new Error(`api-report: two entries would write ${relative(root, path)}`);
  }
  expected.set(path, entryReport(entry));
}

/** Every *.api.md under a workspace's api/ folder, of every workspace (published or not). */
function existingReports() {
  const found = [];
  const walk = (dir) => {
    for (const item of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, item.name);
      if (item.isDirectory()) walk(path);
      else if (item.name.endsWith(REPORT_SUFFIX)) found.push(path);
    }
  };
  for (const dir of workspaceDirs()) {
    if (existsSync(join(dir, REPORT_DIR))) walk(join(dir, REPORT_DIR));
  }
  return found;
}

const stale = existingReports().filter((path) => !expected.has(path));
const check = process.argv.includes('--check');

if (!check) {
  let written = 0;
  for (const [path, text] of expected) {
    if (existsSync(path) && readFileSync(path, 'utf8') === text) continue;
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
    written += 1;
    console.log(`wrote   ${relative(root, path)}`);
  }
  for (const path of stale) {
    rmSync(path);
    console.log(`removed ${relative(root, path)} (no such entry)`);
    // And the folders it leaves empty, up to the api/ folder itself.
    for (let dir = dirname(path); readdirSync(dir).length === 0; dir = dirname(dir)) {
      rmSync(dir, { recursive: true });
      if (dir.endsWith(`${sep}${REPORT_DIR}`)) break;
    }
  }
  console.log(
    `api-report: ${expected.size} report(s) for ${entries.length} entries of ${packages.length} ` +
      `packages; ${written} written, ${stale.length} removed, ${expected.size - written} unchanged.`,
  );
} else {
  const problems = [];
  for (const [path, text] of expected) {
    const rel = relative(root, path);
    if (!existsSync(path)) {
      problems.push(`${rel}: missing (a new entry?)`);
      continue;
    }
    const committed = readFileSync(path, 'utf8');
    if (committed !== text)
      problems.push(`${rel}: differs from the built declarations\n${diff(committed, text)}`);
  }
  for (const path of stale) problems.push(`${relative(root, path)}: no such entry any more`);
  if (problems.length > 0) {
    console.error(`api:check: the API reports are not up to date.\n\n${problems.join('\n\n')}\n`);
    console.error(
      'If the change to the public surface is intended, run `pnpm api` and commit the reports.',
    );
    process.exit(1);
  }
  console.log(`api:check: ${expected.size} report(s) up to date (${entries.length} entries).`);
}

// ---------------------------------------------------------------------------------------------
// A unified diff (committed → built), 3 lines of context.

function diff(before, after) {
  const a = before.split('\n');
  const b = after.split('\n');
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start += 1;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA -= 1;
    endB -= 1;
  }
  // LCS over the differing middle.
  const n = endA - start;
  const m = endB - start;
  const table = new Uint32Array((n + 1) * (m + 1));
  for (let i = n - 1; i >= 0; i -= 1) {
    for (let j = m - 1; j >= 0; j -= 1) {
      table[i * (m + 1) + j] =
        a[start + i] === b[start + j]
          ? table[(i + 1) * (m + 1) + j + 1] + 1
          : Math.max(table[(i + 1) * (m + 1) + j], table[i * (m + 1) + j + 1]);
    }
  }
  const ops = [];
  for (let k = 0; k < start; k += 1) ops.push([' ', a[k]]);
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[start + i] === b[start + j]) {
      ops.push([' ', a[start + i]]);
      i += 1;
      j += 1;
    } else if (i < n && (j === m || table[(i + 1) * (m + 1) + j] >= table[i * (m + 1) + j + 1])) {
      ops.push(['-', a[start + i]]);
      i += 1;
    } else {
      ops.push(['+', b[start + j]]);
      j += 1;
    }
  }
  for (let k = endA; k < a.length; k += 1) ops.push([' ', a[k]]);

  // Hunks: changed lines with 3 lines of context, line numbers of both sides.
  const context = 3;
  const out = ['--- committed', '+++ built'];
  let k = 0;
  let lineA = 1;
  let lineB = 1;
  const positions = ops.map(([op]) => {
    const at = [lineA, lineB];
    if (op !== '+') lineA += 1;
    if (op !== '-') lineB += 1;
    return at;
  });
  while (k < ops.length) {
    if (ops[k][0] === ' ') {
      k += 1;
      continue;
    }
    const from = Math.max(0, k - context);
    let to = k;
    while (to < ops.length) {
      if (ops[to][0] !== ' ') {
        to += 1;
        continue;
      }
      let run = 0;
      while (to + run < ops.length && ops[to + run][0] === ' ') run += 1;
      if (to + run >= ops.length || run > context * 2) {
        to = Math.min(ops.length, to + context);
        break;
      }
      to += run;
    }
    const hunk = ops.slice(from, to);
    const countA = hunk.filter(([op]) => op !== '+').length;
    const countB = hunk.filter(([op]) => op !== '-').length;
    out.push(`@@ -${positions[from][0]},${countA} +${positions[from][1]},${countB} @@`);
    for (const [op, line] of hunk) out.push(`${op}${line}`);
    k = to;
  }
  return out.join('\n');
}
