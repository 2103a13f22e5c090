/** Credentials for an API provider to hand out, from node:crypto's CSPRNG. */
import { randomBytes } from 'node:crypto';
import type { GenerateApiKeyOptions } from '@apisig/core';
import { API_KEY_BYTES, apiKeyFrom, SECRET_BYTES, secretFrom } from '@apisig/core/adapter';

/**
 * A new API key: 192 random bits in base64url after an optional prefix, within the
 * contract's rules for a header value.
 *
 * @example
 * ```ts
 * import { generateApiKey } from '@apisig/node';
 *
 * generateApiKey({ prefix: 'ak_live_' }); // 'ak_live_4bQ1…' (8 + 32 characters)
 * ```
 */
export function generateApiKey(options?: GenerateApiKeyOptions): string {
  return apiKeyFrom(randomBytes(API_KEY_BYTES), options);
}

/**
 * A new JWT key or App Secret: 256 random bits as 43 characters of base64url, text a config
 * file or an environment variable holds as it is.
 *
 * @example
 * ```ts
 * import { generateSecret } from '@apisig/node';
 *
 * const jwtKey = generateSecret(); // store it with the user; give it to them once
 * ```
 */
export function generateSecret(): string {
  return secretFrom(randomBytes(SECRET_BYTES));
}
