/** Credentials for an API provider to hand out, from WebCrypto's CSPRNG. */
import type { GenerateApiKeyOptions } from '@apisig/core';
import { API_KEY_BYTES, apiKeyFrom, SECRET_BYTES, secretFrom } from '@apisig/core/adapter';

const random = (count: number) => crypto.getRandomValues(new Uint8Array(count));

/**
 * A new API key: 192 random bits in base64url after an optional prefix, within the
 * contract's rules for a header value.
 *
 * @example
 * ```ts
 * import { generateApiKey } from '@apisig/web';
 *
 * generateApiKey({ prefix: 'ak_live_' }); // 'ak_live_4bQ1…' (8 + 32 characters)
 * ```
 */
export function generateApiKey(options?: GenerateApiKeyOptions): string {
  return apiKeyFrom(random(API_KEY_BYTES), options);
}

/**
 * A new JWT key or App Secret: 256 random bits as 43 characters of base64url.
 *
 * @example
 * ```ts
 * import { generateSecret } from '@apisig/web';
 *
 * const appSecret = generateSecret(); // in a Worker, a Deno Deploy function, a browser tool
 * ```
 */
export function generateSecret(): string {
  return secretFrom(random(SECRET_BYTES));
}
