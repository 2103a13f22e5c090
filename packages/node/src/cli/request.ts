/**
 * `apisig request`: one signed request through createSignedFetch, so the origin rule, the
 * hand-followed redirects and the clock correction (one retry of a 401 after the server's
 * Date moved the clock) are the library's. A refusal is read with parseRefusal and put in
 * words with describeReason.
 */
import { readFile } from 'node:fs/promises';
import {
  createSignedFetch,
  describeReason,
  type FetchLike,
  HEADERS,
  isApiSigError,
  parseRefusal,
} from '@apisig/node';
import { parseCommand } from './args.js';
import { type CliContext, readAll } from './context.js';
import {
  CREDENTIAL_FILE_OPTIONS,
  CREDENTIALS_HELP,
  readCredentials,
  signerFrom,
  usageError,
} from './credentials.js';
import { CommandFailure, EXIT, UsageError } from './exit.js';

const HELP = `Usage: apisig request URL [options]

Sends one signed request and prints the response body on stdout; the status, and on a
refusal its reason and what it means, on stderr. When the server's Date shows our clock is
off, the signer's clock is corrected and a refused request is sent once more.

Options:
  -X, --method METHOD  the method (default GET, or POST with --data)
  -d, --data DATA      the body: @FILE for a file's bytes, - for stdin, else the text itself
  -H, --header 'NAME: VALUE'
                       another header (repeatable); apisig's own four are refused: the
                       signer sets them
  --base-url URL       the API: requests for any other origin are refused before anything is
                       sent (default: the URL's origin); URL may then be a path
  --timeout SECONDS    give up after this long (default 30)
  --ttl SECONDS        lifetime of x-signature, 1..300 (default 15)
  --app-ttl SECONDS    lifetime of x-app-signature, 1..300 (default 60)
  -h, --help           this help

${CREDENTIALS_HELP}
Exit codes: 0 a status below 400; 1 the server refused (an apisig 401 or 403); 2 usage;
3 no answer (network, timeout) or any other status of 400 or more.

Examples:
  apisig request https://api.example.com/v1/me
  apisig request /v1/orders --base-url https://api.example.com -d @order.json -H 'content-type: application/json'
`;

const OPTIONS = {
  method: { type: 'string', short: 'X' },
  data: { type: 'string', short: 'd' },
  header: { type: 'string', short: 'H', multiple: true },
  'base-url': { type: 'string' },
  timeout: { type: 'string' },
  ttl: { type: 'string' },
  'app-ttl': { type: 'string' },
  ...CREDENTIAL_FILE_OPTIONS,
} as const;

const DEFAULT_TIMEOUT_SECONDS = 30;
const SIGNED_HEADERS: readonly string[] = Object.values(HEADERS);

/** The extra headers, each `name: value`; a header the signer sets is refused, not overridden. */
function extraHeaders(lines: readonly string[]): Headers {
  const headers = new Headers();
  for (const line of lines) {
    const colon = line.indexOf(':');
    const name = colon > 0 ? line.slice(0, colon).trim() : '';
    if (name === '') throw new UsageError("-H takes 'NAME: VALUE'");
    if (SIGNED_HEADERS.includes(name.toLowerCase())) {
      throw new UsageError(
        `-H ${name.toLowerCase()} is refused: apisig sets it from the credentials (and a credential on the command line shows in ps and shell history)`,
      );
    }
    try {
      headers.append(name, line.slice(colon + 1).trim());
    } catch {
      throw new UsageError('a -H header has a name or value HTTP does not allow');
    }
  }
  return headers;
}

async function body(data: string | undefined, context: CliContext): Promise<Buffer | undefined> {
  if (data === undefined) return undefined;
  if (data === '-') return readAll(context.stdin);
  if (!data.startsWith('@')) return Buffer.from(data);
  try {
    return await readFile(data.slice(1));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new UsageError(`cannot read the file given to --data (${code})`);
  }
}

function timeoutSeconds(value: string | undefined): number {
  if (value === undefined) return DEFAULT_TIMEOUT_SECONDS;
  const seconds = Number(value);
  if (!(seconds > 0 && seconds <= 86_400))
    throw new UsageError('--timeout is seconds, more than 0 and at most 86400');
  return seconds;
}

/** The API's origin: --base-url, or the URL's own origin. */
function baseUrlOf(url: string, baseUrl: string | undefined): string {
  if (baseUrl !== undefined) return baseUrl;
  try {
    return new URL(url).origin;
  } catch {
    throw new UsageError('the URL must be absolute (https://...), or a path with --base-url');
  }
}

/** Why a request got no answer, in words that quote neither the URL nor a header. */
function noAnswer(error: unknown, timeout: number): CommandFailure {
  if (error instanceof Error && error.name === 'TimeoutError') {
    return new CommandFailure(`no answer within ${timeout} s`);
  }
  const cause =
    error instanceof Error ? (error.cause as NodeJS.ErrnoException | undefined) : undefined;
  const detail = cause?.code ?? (error instanceof Error ? error.message : 'unknown error');
  return new CommandFailure(`the request failed (${detail})`);
}

/** Runs `apisig request`. */
export async function runRequest(args: string[], context: CliContext): Promise<number> {
  const parsed = parseCommand(context, 'request', args, {
    options: OPTIONS,
    positionals: { max: 1, describe: 'one URL' },
    help: HELP,
  });
  if (parsed === null) return EXIT.ok;
  const { values, positionals } = parsed;
  const url = positionals[0];
  if (url === undefined) throw new UsageError('give the URL to request');
  const headers = extraHeaders(values.header ?? []);
  const timeout = timeoutSeconds(values.timeout);
  const baseUrl = baseUrlOf(url, values['base-url']);
  const credentials = await readCredentials(context.env, values);
  const signer = signerFrom(credentials, {
    signature: values.ttl,
    appSignature: values['app-ttl'],
  });
  const payload = await body(values.data, context);
  const method = values.method ?? (payload === undefined ? 'GET' : 'POST');
  if (payload !== undefined && ['GET', 'HEAD'].includes(method.toUpperCase())) {
    throw new UsageError(`--data needs a method that takes a body, not ${method.toUpperCase()}`);
  }

  let api: FetchLike;
  let response: Response;
  try {
    api = createSignedFetch(signer, { baseUrl });
  } catch (error) {
    return usageError(error, credentials, { baseUrl: '--base-url' });
  }
  try {
    const signal = AbortSignal.timeout(timeout * 1000);
    response = await api(url, {
      method,
      headers,
      signal,
      ...(payload ? { body: new Uint8Array(payload) } : {}),
    });
  } catch (error) {
    if (isApiSigError(error, 'origin_refused')) {
      return usageError(error, credentials, { url: 'the URL is not on --base-url' });
    }
    if (isApiSigError(error)) throw error;
    throw noAnswer(error, timeout);
  }

  const refusal = await parseRefusal(response);
  context.err(`${response.status} ${response.statusText}`.trimEnd().concat('\n'));
  if (signer.clockOffset !== 0) {
    const offset = Math.round(signer.clockOffset);
    const side = offset >= 0 ? 'ahead of' : 'behind';
    context.err(
      `clock: the server's clock is ${Math.abs(offset)} s ${side} ours; signed on its time\n`,
    );
  }
  if (refusal !== null) {
    context.err(
      `refused: ${refusal.reason} (${refusal.header}): ${describeReason(refusal.reason)}\n`,
    );
  }
  let bytes: Buffer;
  try {
    bytes = Buffer.from(await response.arrayBuffer());
  } catch (error) {
    throw noAnswer(error, timeout);
  }
  context.out(bytes);
  // The body as it came; on a terminal, a line break after it, so the prompt starts a line.
  if (context.stdoutIsTerminal && bytes.length > 0 && bytes.at(-1) !== 0x0a) context.out('\n');
  if (refusal !== null) return EXIT.refused;
  return response.status < 400 ? EXIT.ok : EXIT.failed;
}
