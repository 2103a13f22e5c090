/**
 * `apisig inspect`: a token's header and claims (decodeToken), when it expires, and, given
 * the secret and the key it signs for, the verdict of the real verifier (verifyHeaders with a
 * one-user directory): the reason code a server would answer.
 */
import {
  DEFAULT_MAX_TTL,
  decodeToken,
  describeReason,
  generateSecret,
  HEADERS,
  type VerifyOptions,
  type VerifyResult,
  verifyHeaders,
} from '@apisig/node';
import { parseCommand } from './args.js';
import { type CliContext, readAll, withoutFinalLineBreak } from './context.js';
import {
  CREDENTIAL_FILE_OPTIONS,
  CREDENTIALS_HELP,
  type Credentials,
  readCredentials,
  usageError,
} from './credentials.js';
import { EXIT, UsageError } from './exit.js';

const HELP = `Usage: apisig inspect [TOKEN] [options]

Shows a token's header and claims and when it expires. Given the secret and the key the
token signs for, runs the real verifier and prints its verdict: ok, or the reason code a
server would answer (expired, bad_signature, ...). Without a TOKEN, reads it from stdin.

  as x-signature:      APISIG_JWT_KEY and APISIG_API_KEY (or their --…-file options)
  as x-app-signature:  APISIG_APP_SECRET and APISIG_APP_KEY (organization membership is
                       not checked: only the token)

Options:
  --header x-signature|x-app-signature
                     which header the token is for (default: x-signature when a JWT key
                     is given, x-app-signature when only an App Secret is)
  --max-ttl SECONDS  the longest lifetime the server accepts, 1..300 (default 60; a server
                     whose callers all use apisig may set 15)
  --json             one JSON object instead of text
  -h, --help         this help

${CREDENTIALS_HELP}
Exit codes: 0 the token verifies, or (without a secret) decodes; 1 it does not verify,
or is not a JWT (malformed_signature); 2 usage.

Examples:
  apisig inspect "$TOKEN"
  APISIG_JWT_KEY="$(cat jwt-key)" apisig inspect --max-ttl 15 < token.txt
`;

const OPTIONS = {
  header: { type: 'string' },
  'max-ttl': { type: 'string' },
  json: { type: 'boolean' },
  ...CREDENTIAL_FILE_OPTIONS,
} as const;

type TokenHeader = typeof HEADERS.signature | typeof HEADERS.appSignature;
type DecodedToken = NonNullable<ReturnType<typeof decodeToken>>;

/** Stands in for a key that is not checked: the user's, when only an organization's token is. */
const STAND_IN_KEY = 'apisig-inspect';

/** The check to run: the headers a server would see and a directory that knows one key. */
interface Check {
  as: TokenHeader;
  headers: Record<string, string>;
  options: VerifyOptions;
}

function chooseHeader(given: string | undefined, credentials: Credentials): TokenHeader {
  if (given === HEADERS.signature || given === HEADERS.appSignature) return given;
  if (given !== undefined) throw new UsageError('--header is x-signature or x-app-signature');
  if (credentials.jwtKey === undefined && credentials.appSecret !== undefined) {
    return HEADERS.appSignature;
  }
  return HEADERS.signature;
}

/** The verifier's check for the credentials given, or null when there is no secret to check with. */
function checkFor(
  token: string,
  as: TokenHeader,
  credentials: Credentials,
  maxTtl?: number,
): Check | null {
  if (as === HEADERS.signature) {
    const { apiKey, jwtKey } = credentials;
    if (jwtKey === undefined) return null;
    if (apiKey === undefined) {
      throw new UsageError(
        'to verify, give the key the token signs for too: set APISIG_API_KEY or give --api-key-file PATH',
      );
    }
    return {
      as,
      headers: { [HEADERS.apiKey]: apiKey, [HEADERS.signature]: token },
      options: {
        users: (key) => (key === apiKey ? { jwtKey } : null),
        ...(maxTtl === undefined ? {} : { maxTtl: { signature: maxTtl } }),
      },
    };
  }
  const { appKey, appSecret } = credentials;
  if (appSecret === undefined) return null;
  if (appKey === undefined) {
    throw new UsageError(
      'to verify, give the App Key the token signs for too: set APISIG_APP_KEY or give --app-key-file PATH',
    );
  }
  const user = credentials.apiKey ?? STAND_IN_KEY;
  return {
    as,
    headers: { [HEADERS.apiKey]: user, [HEADERS.appKey]: appKey, [HEADERS.appSignature]: token },
    options: {
      users: (key) => (key === user ? {} : null),
      organizations: (key) => (key === appKey ? { appSecret, isMember: () => true } : null),
      ...(maxTtl === undefined ? {} : { maxTtl: { appSignature: maxTtl } }),
    },
  };
}

/**
 * For a token that does not decode, the verifier's verdict with a throwaway secret: it refuses
 * such a token before any HMAC, so the secret it would have been checked with cannot matter.
 */
function structureCheck(token: string, as: TokenHeader): Check | null {
  const secret = generateSecret();
  const standIn = { apiKey: STAND_IN_KEY, jwtKey: secret, appKey: STAND_IN_KEY, appSecret: secret };
  return checkFor(token, as, standIn);
}

/** "12 s", "3 min", "5 h", "2 d". */
function duration(seconds: number): string {
  const s = Math.abs(seconds);
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min`;
  if (s < 86_400) return `${Math.floor(s / 3600)} h`;
  return `${Math.floor(s / 86_400)} d`;
}

interface Expiry {
  at: string;
  /** Seconds from now; negative when past. */
  in: number;
}

function expiryOf(decoded: DecodedToken | null, now: number): Expiry | null {
  const exp = decoded?.payload.exp;
  if (typeof exp !== 'number' || !Number.isFinite(exp)) return null;
  const date = new Date(exp * 1000);
  if (Number.isNaN(date.getTime())) return null;
  return { at: date.toISOString(), in: Math.floor(exp - now) };
}

function expiryText(decoded: DecodedToken, expiry: Expiry | null): string {
  if (expiry === null) {
    return Object.hasOwn(decoded.payload, 'exp') ? 'exp is not a date' : 'no exp claim';
  }
  const when =
    expiry.in >= 0 ? `expires in ${duration(expiry.in)}` : `expired ${duration(expiry.in)} ago`;
  return `${expiry.at} (${when})`;
}

function verdictText(as: TokenHeader, result: VerifyResult | null, maxTtl: number): string[] {
  if (result === null) {
    const needs =
      as === HEADERS.signature
        ? 'APISIG_JWT_KEY and APISIG_API_KEY'
        : 'APISIG_APP_SECRET and APISIG_APP_KEY';
    return [`not checked: set ${needs} (or their --…-file options) to verify it`];
  }
  if (result.ok) return [`ok: a server accepts it as ${as} (max ttl ${maxTtl} s)`];
  return [
    `refused as ${as}: ${result.reason} (${result.status})`,
    describeReason(result.reason) ?? '',
  ];
}

/** What `--json` prints: the decoded parts, the expiry and the verdict, null where there is none. */
function jsonReport(
  decoded: DecodedToken | null,
  expiry: Expiry | null,
  as: TokenHeader,
  result: VerifyResult | null,
): string {
  const failure =
    result === null || result.ok
      ? {}
      : {
          reason: result.reason,
          header: result.header,
          status: result.status,
          description: describeReason(result.reason),
        };
  const report = {
    header: decoded?.header ?? null,
    claims: decoded?.payload ?? null,
    expires: expiry,
    verdict: result === null ? null : { as, ok: result.ok, ...failure },
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}

/** The text report: one labelled line each; JSON.stringify escapes any control character. */
function textReport(
  decoded: DecodedToken | null,
  expiry: Expiry | null,
  verdict: string[],
): string {
  const lines =
    decoded === null
      ? ['token    not a JWT: no header or claims to show']
      : [
          `header   ${JSON.stringify(decoded.header)}`,
          `claims   ${JSON.stringify(decoded.payload)}`,
          `exp      ${expiryText(decoded, expiry)}`,
        ];
  const [first, ...more] = verdict;
  lines.push(`verdict  ${first}`, ...more.map((line) => `         ${line}`));
  return `${lines.join('\n')}\n`;
}

async function readToken(positional: string | undefined, context: CliContext): Promise<string> {
  if (positional !== undefined) return positional;
  if (context.stdin.isTTY === true) {
    throw new UsageError('give a token: as an argument, or on stdin');
  }
  const token = withoutFinalLineBreak((await readAll(context.stdin)).toString('utf8'));
  if (token === '') throw new UsageError('give a token: as an argument, or on stdin');
  return token;
}

/** Runs `apisig inspect`. */
export async function runInspect(args: string[], context: CliContext): Promise<number> {
  const parsed = parseCommand(context, 'inspect', args, {
    options: OPTIONS,
    positionals: { max: 1, describe: 'one token at most' },
    help: HELP,
  });
  if (parsed === null) return EXIT.ok;
  const { values, positionals } = parsed;
  const credentials = await readCredentials(context.env, values);
  const token = await readToken(positionals[0], context);
  const as = chooseHeader(values.header, credentials);
  const maxTtl = values['max-ttl'] === undefined ? undefined : Number(values['max-ttl']);

  const decoded = decodeToken(token);
  const check =
    checkFor(token, as, credentials, maxTtl) ??
    (decoded === null ? structureCheck(token, as) : null);
  let result: VerifyResult | null = null;
  if (check !== null) {
    try {
      result = await verifyHeaders(check.headers, check.options);
    } catch (error) {
      return usageError(error, credentials, {
        'maxTtl.signature': '--max-ttl',
        'maxTtl.appSignature': '--max-ttl',
      });
    }
  }
  const expiry = expiryOf(decoded, Math.floor(Date.now() / 1000));
  const shownMaxTtl =
    maxTtl ?? (as === HEADERS.signature ? DEFAULT_MAX_TTL.signature : DEFAULT_MAX_TTL.appSignature);

  context.out(
    values.json === true
      ? jsonReport(decoded, expiry, as, result)
      : textReport(decoded, expiry, verdictText(as, result, shownMaxTtl)),
  );
  if (result === null || result.ok) return EXIT.ok;
  return EXIT.refused;
}
