/**
 * Command-line parsing on node:util's parseArgs, with messages of our own: parseArgs quotes
 * the arguments it refuses, and an argument may be a credential typed in the wrong place.
 * Flags that would carry a credential (`--jwt-key VALUE`) are refused outright.
 */
import { type ParseArgsConfig, parseArgs } from 'node:util';
import type { CliContext } from './context.js';
import { UsageError } from './exit.js';

/** What a command declares: its options, in parseArgs's shape. */
export type OptionsSpec = NonNullable<ParseArgsConfig['options']>;

/** `--help` / `-h`, which every command takes. */
export const HELP_OPTION = { help: { type: 'boolean', short: 'h' } } as const;

/** Flags that would put a credential in ps and shell history, and where it goes instead. */
const CREDENTIAL_FLAGS: Readonly<Record<string, string>> = {
  'api-key': 'APISIG_API_KEY',
  'jwt-key': 'APISIG_JWT_KEY',
  'app-key': 'APISIG_APP_KEY',
  'app-secret': 'APISIG_APP_SECRET',
};

/** What a command says about its positional arguments. */
export interface Positionals {
  /** How many it takes at most. */
  max: number;
  /** What it calls them in an error, e.g. "one URL". */
  describe: string;
}

/** Refuses credential flags, unknown options and misused values, naming only the option. */
function checkTokens(command: string, args: string[], options: OptionsSpec, max: Positionals) {
  const { tokens } = parseArgs({
    args,
    options,
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  let positionals = 0;
  for (const token of tokens) {
    if (token.kind === 'positional') positionals++;
    if (token.kind !== 'option') continue;
    // Own keys only: `--constructor` is an unknown option, not Object's.
    const variable = Object.hasOwn(CREDENTIAL_FLAGS, token.name)
      ? CREDENTIAL_FLAGS[token.name]
      : undefined;
    if (variable !== undefined) {
      throw new UsageError(
        `--${token.name} is refused: a credential on the command line shows in ps and in shell history. Set ${variable}, or give --${token.name}-file PATH.`,
      );
    }
    const spec = Object.hasOwn(options, token.name) ? options[token.name] : undefined;
    if (spec === undefined) throw new UsageError(`unknown option ${token.rawName}`);
    if (spec.type === 'boolean' && token.value !== undefined) {
      throw new UsageError(`${token.rawName} takes no value`);
    }
    if (spec.type === 'string' && token.value === undefined) {
      throw new UsageError(`${token.rawName} needs a value`);
    }
  }
  if (positionals > max.max) {
    throw new UsageError(
      max.max === 0 ? `${command} takes no arguments` : `${command} takes ${max.describe}`,
    );
  }
}

/**
 * The parsed arguments of one command, or null when `--help` was asked for (and printed).
 * Every problem is a UsageError that names options, never the values given.
 */
export function parseCommand<const O extends OptionsSpec>(
  context: CliContext,
  command: string,
  args: string[],
  spec: { options: O; positionals: Positionals; help: string },
) {
  const options = { ...spec.options, ...HELP_OPTION };
  checkTokens(command, args, options, spec.positionals);
  let parsed: ReturnType<
    typeof parseArgs<{ options: O & typeof HELP_OPTION; allowPositionals: true; strict: true }>
  >;
  try {
    parsed = parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch {
    // What checkTokens let through (`--ttl --json`: a value that looks like an option).
    throw new UsageError('an option is missing its value');
  }
  if ((parsed.values as { help?: boolean }).help === true) {
    context.out(spec.help);
    return null;
  }
  return parsed;
}
