/**
 * @apisig/react: a provider and hooks that sign fetches from single-page apps, over
 * `@apisig/web`. This list is the whole public surface; the signers and errors an app needs
 * beside the hooks are re-exported, so this is the only package to install.
 *
 * @packageDocumentation
 */

export {
  type AnyFetch,
  ApiSigError,
  type ApiSigErrorCode,
  type AsyncSigner,
  type AuthHeaders,
  type AuthMode,
  createRemoteSigner,
  createSigner,
  type ExtraHeaders,
  type FailureReason,
  type FetchLike,
  HEADERS,
  type HeaderSource,
  isApiSigError,
  type RemoteSigner,
  type RemoteSignerOptions,
  type SignedHeaders,
  type SignerOptions,
} from '@apisig/web';
export type { AuthHeadersSnapshot, AuthHeadersStatus } from './auth-headers-store.js';
export { useAuthHeaders, useSignedFetch, useSigner } from './hooks.js';
export { ApiSigProvider, type ApiSigProviderProps } from './provider.js';
