/** Signing on jose: core's signer engine bound to the signing backend. */
import type { AsyncSigner, SignerOptions } from '@apisig/core';
import { createAsyncSigner } from '@apisig/core/adapter';
import { joseSigningBackend } from './lib/signing-backend.js';

/**
 * A signer for one user (and organization) in any WebCrypto runtime: `headers()` answers with
 * a promise of the headers for one request, signing each token once per second however many
 * calls arrive. Bad options throw ApiSigError naming the field, never its value.
 *
 * @example
 * ```ts
 * import { createSignedFetch, createSigner } from '@apisig/web';
 *
 * const signer = createSigner({ apiKey: env.API_KEY, jwtKey: env.JWT_KEY });
 * const api = createSignedFetch(signer);
 * const me = await (await api('https://api.example.com/v1/me')).json();
 * ```
 */
export function createSigner(options: SignerOptions): AsyncSigner {
  return createAsyncSigner(joseSigningBackend, options);
}
