/**
 * The TypeDoc plugin of `pnpm docs` (loaded by typedoc.config.mjs). Two jobs:
 *
 * 1. Names each entry's module by its import specifier (`@apisig/core/adapter`), from the
 *    exports maps (scripts/entries.mjs), instead of TypeDoc's path-derived `core/src/adapter`.
 *
 * 2. The docs check, run with TypeDoc's validation: every exported function, class,
 *    interface, type alias, variable and enum has a summary (not only block tags), and every
 *    factory function (a name matching `apisigFactoryPattern`, default `^create[A-Z]`, or
 *    listed in `apisigFactories`), class, interface and type alias has an `@example` block.
 *    One validation warning lists every symbol that falls short, so
 *    `treatValidationWarningsAsErrors` makes the run exit non-zero.
 *
 * 3. TypeDoc's `validation.notExported`, for the workspace's packages: TypeDoc only checks
 *    types of the root package.json's package (`apisig-monorepo`, which has none), so this
 *    lists the types the documented declarations refer to that no entry exports (same walk
 *    as TypeDoc's: parameters, return and property types, not `extends`, whose members are
 *    shown inherited), minus the names in `apisigIntentionallyNotExported` (TypeDoc's own
 *    `intentionallyNotExported` would call them unused, as its check never sees them).
 *
 * A symbol re-exported by several entries is checked once, where TypeDoc documents it (the
 * first entry, in dependency order, that exports it).
 */
import { normalize } from 'node:path';
import {
  Application,
  ContainerReflection,
  Converter,
  DeclarationReflection,
  makeRecursiveVisitor,
  ParameterReflection,
  ParameterType,
  ReflectionKind,
  SignatureReflection,
  TypeParameterReflection,
} from 'typedoc';
import { publishedPackages } from './entries.mjs';

const SUMMARY_KINDS =
  ReflectionKind.Function |
  ReflectionKind.Class |
  ReflectionKind.Interface |
  ReflectionKind.TypeAlias |
  ReflectionKind.Variable |
  ReflectionKind.Enum;
const EXAMPLE_KINDS = ReflectionKind.Class | ReflectionKind.Interface | ReflectionKind.TypeAlias;

/** A summary with some text in it (TypeDoc's own check also accepts a comment of tags only). */
function hasSummary(comment) {
  return comment?.summary.some((part) => part.kind !== 'text' || part.text.trim() !== '') ?? false;
}

/** The comments that document a reflection: its own, and its signatures' (functions). */
function commentsOf(reflection) {
  const comments = [reflection.comment];
  for (const signature of reflection.signatures ?? []) comments.push(signature.comment);
  if (reflection.type?.type === 'reflection') {
    const declaration = reflection.type.declaration;
    for (const signature of declaration.signatures ?? []) comments.push(signature.comment);
  }
  return comments.filter((comment) => comment !== undefined);
}

/** Where a reflection is documented: `@apisig/core/adapter.createSyncSigner`. */
function qualifiedName(reflection) {
  const parts = [];
  for (let r = reflection; r && !r.isProject(); r = r.parent) parts.unshift(r.name);
  return parts.length > 1 ? `${parts[0]}.${parts.slice(1).join('.')}` : parts.join('');
}

/**
 * Every reference type the documented reflections use, with the reflection that uses it:
 * TypeDoc's own walk for `validation.notExported` (discoverAllReferenceTypes, not public).
 */
function referenceTypes(project) {
  const result = [];
  const queue = [];
  let current = project;
  const visitor = makeRecursiveVisitor({
    reference(type) {
      result.push({ type, owner: current });
    },
    reflection(type) {
      queue.push(type.declaration);
    },
  });
  const add = (item) => {
    if (Array.isArray(item)) queue.push(...item);
    else if (item) queue.push(item);
  };
  do {
    if (current instanceof ContainerReflection) add(current.children);
    if (current instanceof DeclarationReflection) {
      current.type?.visit(visitor);
      add(current.typeParameters);
      add(current.signatures);
      add(current.indexSignatures);
      add(current.getSignature);
      add(current.setSignature);
      current.overwrites?.visit(visitor);
      for (const type of current.implementedTypes ?? []) type.visit(visitor);
    }
    if (current instanceof SignatureReflection) {
      add(current.parameters);
      add(current.typeParameters);
      current.type?.visit(visitor);
      current.overwrites?.visit(visitor);
    }
    if (current instanceof ParameterReflection) current.type?.visit(visitor);
    if (current instanceof TypeParameterReflection) {
      current.type?.visit(visitor);
      current.default?.visit(visitor);
    }
    current = queue.shift();
  } while (current);
  return result;
}

function notExportedMessage(app, project, packageNames) {
  const intentional = new Set(app.options.getValue('apisigIntentionallyNotExported'));
  const missing = new Map();
  for (const { type, owner } of referenceTypes(project)) {
    if (type.reflection || type.externalUrl || type.isIntentionallyBroken()) continue;
    if (!type.symbolId || !packageNames.has(type.package)) continue;
    if (project.symbolIdHasBeenRemoved(type.symbolId) || intentional.has(type.qualifiedName)) {
      continue;
    }
    const key = type.symbolId.getStableKey();
    const item = missing.get(key) ?? {
      name: type.qualifiedName,
      where: `${type.symbolId.packageName}/${type.symbolId.packagePath}`,
      owners: new Set(),
    };
    item.owners.add(owner.getFriendlyFullName());
    missing.set(key, item);
  }
  if (missing.size === 0) return undefined;
  const lines = [...missing.values()]
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map(
      (item) =>
        `  ${item.name.padEnd(32)} ${item.where}, referenced by ${[...item.owners].sort().join(', ')}`,
    );
  return (
    `docs check: ${missing.size} type(s) referenced by the documented API but exported by no ` +
    `entry (export them, or list them in apisigIntentionallyNotExported):\n${lines.join('\n')}`
  );
}

export function load(app) {
  app.options.addDeclaration({
    name: 'apisigFactoryPattern',
    help: 'apisig docs check: the names of the factory functions that need an @example (a RegExp).',
    type: ParameterType.String,
    defaultValue: '^create[A-Z]',
  });
  app.options.addDeclaration({
    name: 'apisigFactories',
    help: 'apisig docs check: more factory functions that need an @example, by name.',
    type: ParameterType.Array,
    defaultValue: [],
  });
  app.options.addDeclaration({
    name: 'apisigIntentionallyNotExported',
    help: 'apisig docs check: types that may be referenced without being exported, by name.',
    type: ParameterType.Array,
    defaultValue: [],
  });

  const moduleNames = new Map();
  for (const pkg of publishedPackages()) {
    for (const entry of pkg.entries) moduleNames.set(normalize(entry.source), entry.specifier);
  }

  app.converter.on(Converter.EVENT_CREATE_DECLARATION, (context, reflection) => {
    if (!reflection.kindOf(ReflectionKind.Module) || reflection.parent !== context.project) return;
    const symbol = context.getSymbolFromReflection(reflection);
    const file = symbol?.declarations?.[0]?.getSourceFile().fileName;
    const name = file === undefined ? undefined : moduleNames.get(normalize(file));
    if (name !== undefined) reflection.name = name;
  });

  app.on(Application.EVENT_VALIDATE_PROJECT, (project) => {
    if (app.options.getValue('validation').notExported) {
      const names = new Set(app.options.getValue('packagesRequiringDocumentation'));
      const message = notExportedMessage(app, project, names);
      if (message) app.logger.validationWarning(message);
    }
    const factoryPattern = new RegExp(app.options.getValue('apisigFactoryPattern'));
    const factories = new Set(app.options.getValue('apisigFactories'));
    const isFactory = (reflection) =>
      reflection.kindOf(ReflectionKind.Function) &&
      (factoryPattern.test(reflection.name) || factories.has(reflection.name));

    const failures = [];
    for (const reflection of project.getReflectionsByKind(SUMMARY_KINDS)) {
      // Exports only: members of a module (or of a namespace in one), not nested literals.
      if (!reflection.parent?.kindOf(ReflectionKind.SomeModule)) continue;
      const comments = commentsOf(reflection);
      const problems = [];
      if (!comments.some(hasSummary)) problems.push('no summary');
      const needsExample = reflection.kindOf(EXAMPLE_KINDS) || isFactory(reflection);
      if (needsExample && !comments.some((comment) => comment.getTag('@example'))) {
        problems.push('no @example');
      }
      if (problems.length === 0) continue;
      const kind = ReflectionKind.singularString(reflection.kind).toLowerCase();
      const symbolId = project.getSymbolIdFromReflection(reflection);
      const where = symbolId ? ` (${symbolId.packageName}/${symbolId.packagePath})` : '';
      failures.push({ name: qualifiedName(reflection), kind, problems, where });
    }
    if (failures.length === 0) return;
    failures.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const lines = failures.map(
      (failure) =>
        `  ${failure.name.padEnd(56)} ${failure.kind.padEnd(10)} ${failure.problems.join(', ')}${failure.where}`,
    );
    app.logger.validationWarning(
      `docs check: ${failures.length} exported symbol(s) lack a summary or an @example:\n${lines.join('\n')}`,
    );
  });
}
