/** @apisig/web: core's signer bound to jose/WebCrypto. Verification lives in `@apisig/web/verify`. */
import { type Signer, type SignerOptions, createAsyncSigner } from '@apisig/core';
import { joseBackend } from './backend.js';

export * from '@apisig/core';
export { createRemoteSigner, type RemoteSigner, type RemoteSignerOptions } from './remote-signer.js';
export { joseBackend };

/** A signer whose `headers()` returns a promise. Throws ApiSigError on bad options. */
export function createSigner(options: SignerOptions): Signer<false> {
  return createAsyncSigner(joseBackend, options);
}
