/**
 * Where the CLI's credentials come from: an environment variable or a file, never an
 * argument. Whether they are valid is core's to say (createSigner refuses them by field); this
 * file only says, in the refusal, where that field came from.
 */
import { readFile } from 'node:fs/promises';
import {
  type ApiSigError,
  createSigner,
  isApiSigError,
  type SignerOptions,
  type SyncSigner,
} from '@apisig/node';
import { withoutFinalLineBreak } from './context.js';
import { UsageError } from './exit.js';

/** The four credentials, each from a variable or a file. */
const SOURCES = {
  apiKey: { variable: 'APISIG_API_KEY', option: 'api-key-file' },
  jwtKey: { variable: 'APISIG_JWT_KEY', option: 'jwt-key-file' },
  appKey: { variable: 'APISIG_APP_KEY', option: 'app-key-file' },
  appSecret: { variable: 'APISIG_APP_SECRET', option: 'app-secret-file' },
} as const;

type CredentialName = keyof typeof SOURCES;

/** The credentials given, each as it was read (a file's final line break dropped). */
export type Credentials = Partial<Record<CredentialName, string>>;

/** The `--…-file PATH` options of every command that signs or verifies. */
export const CREDENTIAL_FILE_OPTIONS = {
  'api-key-file': { type: 'string' },
  'jwt-key-file': { type: 'string' },
  'app-key-file': { type: 'string' },
  'app-secret-file': { type: 'string' },
} as const;

/** The help lines that say where credentials come from (every command that signs shows them). */
export const CREDENTIALS_HELP = `Credentials (from the environment or a file, never from an argument):
  APISIG_API_KEY     or --api-key-file PATH     the user's API key
  APISIG_JWT_KEY     or --jwt-key-file PATH     the user's JWT key (signs x-signature)
  APISIG_APP_KEY     or --app-key-file PATH     the organization's App Key
  APISIG_APP_SECRET  or --app-secret-file PATH  the App Secret (signs x-app-signature)
A file's one final line break is dropped; nothing else is trimmed.
`;

type FileOptions = Partial<Record<(typeof SOURCES)[CredentialName]['option'], string>>;

async function readSecretFile(option: string, path: string): Promise<string> {
  try {
    return withoutFinalLineBreak(await readFile(path, 'utf8'));
  } catch (error) {
    // The path is not quoted: a secret given in its place must not be echoed.
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new UsageError(`cannot read the file given to --${option} (${code})`);
  }
}

/** Reads each credential from its variable or its file; both at once is a usage error. */
export async function readCredentials(
  env: Readonly<Record<string, string | undefined>>,
  files: FileOptions,
): Promise<Credentials> {
  const credentials: Credentials = {};
  for (const [name, { variable, option }] of Object.entries(SOURCES)) {
    const fromEnv = env[variable];
    const path = files[option];
    if (fromEnv !== undefined && path !== undefined) {
      throw new UsageError(`${variable} and --${option} are both set: give one`);
    }
    const value = path === undefined ? fromEnv : await readSecretFile(option, path);
    if (value !== undefined) credentials[name as CredentialName] = value;
  }
  return credentials;
}

/** Where a field came from, for a refusal: "APISIG_JWT_KEY", or how to give it when it is not set. */
function sourceOf(field: string, credentials: Credentials): string | undefined {
  if (!Object.hasOwn(SOURCES, field)) return undefined;
  const { variable, option } = SOURCES[field as CredentialName];
  return credentials[field as CredentialName] === undefined
    ? `not set: set ${variable} or give --${option} PATH`
    : `from ${variable} or --${option}`;
}

/**
 * A usage error for core's refusal of an option or credential (its message names the field,
 * never the value), with where that field came from; anything else is rethrown.
 */
export function usageError(
  error: unknown,
  credentials: Credentials,
  options: Readonly<Record<string, string>> = {},
): never {
  if (
    isApiSigError(error, 'invalid_credentials') ||
    isApiSigError(error, 'invalid_option') ||
    isApiSigError(error, 'origin_refused')
  ) {
    const field = (error as ApiSigError).field ?? '';
    const source = Object.hasOwn(options, field) ? options[field] : sourceOf(field, credentials);
    throw new UsageError(source === undefined ? error.message : `${error.message} (${source})`);
  }
  throw error;
}

/** The signer for the credentials given, its ttl options from `--ttl` and `--app-ttl`. */
export function signerFrom(
  credentials: Credentials,
  ttl: { signature?: string; appSignature?: string },
): SyncSigner {
  const organization =
    credentials.appKey === undefined && credentials.appSecret === undefined
      ? {}
      : {
          organization: {
            appKey: credentials.appKey ?? '',
            appSecret: credentials.appSecret ?? '',
          },
        };
  const ttls = {
    ...(ttl.signature === undefined ? {} : { signature: Number(ttl.signature) }),
    ...(ttl.appSignature === undefined ? {} : { appSignature: Number(ttl.appSignature) }),
  };
  const options: SignerOptions = {
    // Absent is refused by core like any other bad key; the refusal says how to set it.
    apiKey: credentials.apiKey ?? '',
    ...(credentials.jwtKey === undefined ? {} : { jwtKey: credentials.jwtKey }),
    ...organization,
    ...(Object.keys(ttls).length === 0 ? {} : { ttl: ttls }),
  };
  try {
    return createSigner(options);
  } catch (error) {
    return usageError(error, credentials, {
      'ttl.signature': '--ttl',
      'ttl.appSignature': '--app-ttl',
    });
  }
}
