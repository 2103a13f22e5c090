/** Signing on jsonwebtoken: core's signer engine bound to this package's backend. */
import type { SignerOptions, SyncSigner } from '@apisig/core';
import { createSyncSigner } from '@apisig/core/adapter';
import { jsonwebtokenBackend } from './lib/backend.js';

/**
 * A signer for one user (and organization): `headers()` answers at once with the headers for
 * one request, reusing each token within its second. Bad options throw ApiSigError naming
 * the field, never its value, before anything is signed.
 *
 * @example
 * ```ts
 * import { createSigner } from '@apisig/node';
 *
 * const signer = createSigner({ apiKey: 'ak_live_3f9a2c1e7b4d', jwtKey: process.env.JWT_KEY! });
 * await fetch('https://api.example.com/v1/me', { headers: signer.headers() });
 * ```
 */
export function createSigner(options: SignerOptions): SyncSigner {
  return createSyncSigner(jsonwebtokenBackend, options);
}
