/**
 * The `apisig` command: picks the command, runs it, and turns what stopped it into an exit
 * code and one line on stderr. tsup builds this file to dist/cli.js with a shebang.
 */
import { createRequire } from 'node:module';
import { isApiSigError } from '@apisig/node';
import { type CliContext, processContext } from './context.js';
import { CommandFailure, EXIT, UsageError } from './exit.js';
import { runHeaders } from './headers.js';
import { runInspect } from './inspect.js';
import { runKeygen } from './keygen.js';
import { runRequest } from './request.js';

type Run = (args: string[], context: CliContext) => Promise<number>;

const COMMANDS: ReadonlyMap<string, Run> = new Map([
  ['headers', runHeaders],
  ['inspect', runInspect],
  ['keygen', runKeygen],
  ['request', runRequest],
]);

const HELP = `Usage: apisig <command> [options]

Sign, send and check apisig requests (x-api-key, x-signature, x-app-key, x-app-signature).

Commands:
  headers   print signed headers, as JSON or as -H arguments for curl
  inspect   decode a token, and verify it as a server would
  keygen    make a new API key and secret
  request   send one signed request

Credentials come from APISIG_API_KEY, APISIG_JWT_KEY, APISIG_APP_KEY and APISIG_APP_SECRET,
or from files (--api-key-file, --jwt-key-file, --app-key-file, --app-secret-file); never from
an argument, which would show in ps and in shell history.

Exit codes:
  0  done
  1  refused: the server refused the request, or the token does not verify
  2  usage: unknown option, missing or malformed credential, bad value
  3  anything else: no answer (network, timeout), an HTTP error that is not a refusal

Run 'apisig <command> --help' for its options.
`;

function version(): string {
  const manifest = createRequire(import.meta.url)('@apisig/node/package.json') as {
    version: string;
  };
  return `${manifest.version}\n`;
}

/** What stopped a command, as one line on stderr and an exit code. */
function report(error: unknown, name: string, context: CliContext): number {
  if (error instanceof UsageError) {
    context.err(`apisig ${name}: ${error.message}\nRun 'apisig ${name} --help' for its options.\n`);
    return EXIT.usage;
  }
  // Core's errors name a field, never its value; ours quote nothing given.
  const message =
    error instanceof CommandFailure || isApiSigError(error)
      ? error.message
      : `unexpected error: ${error instanceof Error ? error.message : String(error)}`;
  context.err(`apisig ${name}: ${message}\n`);
  return EXIT.failed;
}

/** Runs the CLI for these arguments (after `apisig`); resolves with the exit code. */
export async function main(args: string[], context: CliContext): Promise<number> {
  const [first, ...rest] = args;
  if (first === undefined) {
    context.err(HELP);
    return EXIT.usage;
  }
  if (first === '--help' || first === '-h' || (first === 'help' && rest.length === 0)) {
    context.out(HELP);
    return EXIT.ok;
  }
  if (first === 'help') return main([rest[0] as string, '--help'], context);
  if (first === '--version' || first === '-v') {
    context.out(version());
    return EXIT.ok;
  }
  const run = COMMANDS.get(first);
  if (run === undefined) {
    context.err(`apisig: unknown command (commands: ${[...COMMANDS.keys()].join(', ')})\n`);
    return EXIT.usage;
  }
  try {
    return await run(rest, context);
  } catch (error) {
    return report(error, first, context);
  }
}

const context = processContext();
process.exitCode = await main(process.argv.slice(2), context);
