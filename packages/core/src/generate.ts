/**
 * Credentials an API provider hands out, from random bytes the runtime's CSPRNG gives
 * (`@apisig/node`'s and `@apisig/web`'s generateApiKey and generateSecret): each within the
 * contract's rules, as text a config file or an environment variable holds as it is.
 */

import { encodeBase64Url } from './token.js';
import { invalidOption, validateHeaderKey, validateOptionsRecord } from './validate.js';

/** Random bytes in a generated API key: 192 bits, 32 characters of base64url. */
export const API_KEY_BYTES = 24;
/** Random bytes in a generated JWT key or App Secret: 256 bits, 43 characters of base64url. */
export const SECRET_BYTES = 32;

/**
 * What `generateApiKey` takes.
 *
 * @example
 * ```ts
 * const options: GenerateApiKeyOptions = { prefix: 'ak_live_' };
 * ```
 */
export interface GenerateApiKeyOptions {
  /** Text before the random part, e.g. `ak_live_` (visible ASCII; the key stays within 1024). */
  prefix?: string;
}

function expectBytes(random: Uint8Array, count: number): Uint8Array {
  if (!(random instanceof Uint8Array) || random.length !== count) {
    throw invalidOption('random', `must be ${count} random bytes`);
  }
  return random;
}

/** An API key: the prefix, then `random` (API_KEY_BYTES bytes) in base64url. */
export function apiKeyFrom(random: Uint8Array, options: unknown = {}): string {
  const { prefix = '' } = validateOptionsRecord('options', options, ['prefix']);
  if (typeof prefix !== 'string') throw invalidOption('prefix', 'must be a string');
  const key = `${prefix}${encodeBase64Url(expectBytes(random, API_KEY_BYTES))}`;
  try {
    return validateHeaderKey('prefix', key);
  } catch {
    throw invalidOption('prefix', 'must be visible ASCII, short enough for a 1024-character key');
  }
}

/** A JWT key or App Secret: `random` (SECRET_BYTES bytes) in base64url. */
export function secretFrom(random: Uint8Array): string {
  return encodeBase64Url(expectBytes(random, SECRET_BYTES));
}
