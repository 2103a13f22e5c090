/**
 * @apisig/web: core's signer and signed fetch bound to jose/WebCrypto, for browsers, Deno,
 * Bun, Workers and Node. Verification lives in `@apisig/web/verify`, so an app that only
 * signs does not bundle it.
 */
import { createAsyncSigner, type Signer, type SignerOptions } from '@apisig/core';
import { joseSigningBackend } from './backend.js';

export * from '@apisig/core';

/** A signer whose `headers()` returns a promise. Throws ApiSigError on bad options. */
export function createSigner(options: SignerOptions): Signer<false> {
  return createAsyncSigner(joseSigningBackend, options);
}
export {
  createRemoteSigner,
  type ExtraHeaders,
  type RemoteSigner,
  type RemoteSignerOptions,
} from './remote-signer.js';
