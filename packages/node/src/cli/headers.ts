/**
 * `apisig headers`: the signed headers for one request, as JSON or as curl `-H` arguments.
 * The signer (createSigner) decides which headers the credentials call for.
 */
import type { AuthHeaders } from '@apisig/node';
import { parseCommand } from './args.js';
import type { CliContext } from './context.js';
import {
  CREDENTIAL_FILE_OPTIONS,
  CREDENTIALS_HELP,
  readCredentials,
  signerFrom,
} from './credentials.js';
import { EXIT, UsageError } from './exit.js';

const HELP = `Usage: apisig headers [options]

Prints the signed headers for one request: x-api-key, and x-signature, x-app-key and
x-app-signature as the credentials call for. Tokens live 15 s (x-signature) and 60 s
(x-app-signature) unless --ttl / --app-ttl say otherwise.

Options:
  --format json|curl   json (default): one JSON object, name to value
                       curl: -H 'name: value' arguments, quoted for a POSIX shell
  --ttl SECONDS        lifetime of x-signature, 1..300 (default 15)
  --app-ttl SECONDS    lifetime of x-app-signature, 1..300 (default 60)
  -h, --help           this help

${CREDENTIALS_HELP}
Examples:
  apisig headers
  eval "curl -sS $(apisig headers --format curl) https://api.example.com/v1/me"
`;

const OPTIONS = {
  format: { type: 'string' },
  ttl: { type: 'string' },
  'app-ttl': { type: 'string' },
  ...CREDENTIAL_FILE_OPTIONS,
} as const;

/** A value in single quotes for a POSIX shell: `'` becomes `'\''`. */
function shellQuote(value: string): string {
  return `'${value.replaceAll("'", `'\\''`)}'`;
}

/** `-H 'name: value'` for each header, on one line. */
export function curlArguments(headers: AuthHeaders): string {
  return Object.entries(headers)
    .map(([name, value]) => `-H ${shellQuote(`${name}: ${value}`)}`)
    .join(' ');
}

/** Runs `apisig headers`. */
export async function runHeaders(args: string[], context: CliContext): Promise<number> {
  const parsed = parseCommand(context, 'headers', args, {
    options: OPTIONS,
    positionals: { max: 0, describe: 'no arguments' },
    help: HELP,
  });
  if (parsed === null) return EXIT.ok;
  const { values } = parsed;
  const format = values.format ?? 'json';
  if (format !== 'json' && format !== 'curl') throw new UsageError('--format is json or curl');
  const credentials = await readCredentials(context.env, values);
  const signer = signerFrom(credentials, {
    signature: values.ttl,
    appSignature: values['app-ttl'],
  });
  const headers = signer.headers();
  context.out(
    format === 'json' ? `${JSON.stringify(headers, null, 2)}\n` : `${curlArguments(headers)}\n`,
  );
  return EXIT.ok;
}
