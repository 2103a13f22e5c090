/**
 * `apisig keygen`: a new API key and secret for an API provider to hand out, from
 * generateApiKey and generateSecret (node:crypto's CSPRNG). Printed once, kept nowhere.
 */
import { generateApiKey, generateSecret } from '@apisig/node';
import { parseCommand } from './args.js';
import type { CliContext } from './context.js';
import { usageError } from './credentials.js';
import { EXIT } from './exit.js';

const HELP = `Usage: apisig keygen [options]

Prints a new API key (192 random bits, base64url, after an optional prefix) and a new
secret (256 random bits, 43 characters of base64url) to give a user as their JWT key, or an
organization as its App Secret. They are printed once and stored nowhere.

Options:
  --prefix TEXT   text before the key's random part, e.g. ak_live_ (visible ASCII)
  --json          {"apiKey": "...", "secret": "..."} instead of two lines
  -h, --help      this help

Examples:
  apisig keygen --prefix ak_live_
  apisig keygen --json > new-user.json
`;

const OPTIONS = { prefix: { type: 'string' }, json: { type: 'boolean' } } as const;

/** Runs `apisig keygen`. */
export async function runKeygen(args: string[], context: CliContext): Promise<number> {
  const parsed = parseCommand(context, 'keygen', args, {
    options: OPTIONS,
    positionals: { max: 0, describe: 'no arguments' },
    help: HELP,
  });
  if (parsed === null) return EXIT.ok;
  const { prefix, json } = parsed.values;
  let apiKey: string;
  try {
    apiKey = generateApiKey(prefix === undefined ? undefined : { prefix });
  } catch (error) {
    return usageError(error, {}, { prefix: '--prefix' });
  }
  const secret = generateSecret();
  if (json === true) {
    context.out(`${JSON.stringify({ apiKey, secret })}\n`);
  } else {
    context.out(`api key  ${apiKey}\nsecret   ${secret}\n`);
    context.err('Store the secret now: it is printed once and kept nowhere.\n');
  }
  return EXIT.ok;
}
