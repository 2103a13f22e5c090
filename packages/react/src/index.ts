/** @apisig/react: a provider and hooks that sign fetches from single-page apps. */

export {
  ApiSigError,
  type AuthHeaders,
  createRemoteSigner,
  createSigner,
  type FetchLike,
  isApiSigError,
  type RemoteSigner,
  type RemoteSignerOptions,
  type Signer,
  type SignerOptions,
} from '@apisig/web';
export { useAuthHeaders, useSignedFetch, useSigner } from './hooks.js';
export { ApiSigProvider, type ApiSigProviderProps } from './provider.js';
export type { AuthHeadersSnapshot, AuthHeadersStatus, SigningSource } from './store.js';
