/**
 * @apisig/react: a provider and hooks that sign fetches from single-page apps, over
 * `@apisig/web`. This list is the whole public surface; the signers and errors an app needs
 * beside the hooks are re-exported, so this is the only package to install.
 *
 * @packageDocumentation
 */
// biome-ignore-all assist/source/organizeImports: exports grouped by concept, one line each

// The provider and its hooks.
export { ApiSigProvider, type ApiSigProviderProps } from './provider.js';
export { useAuthHeaders, useSignedFetch, useSigner } from './hooks.js';
export type { AuthHeadersSnapshot, AuthHeadersStatus } from './auth-headers-store.js';
// The signers to give it, from @apisig/web.
export { createRemoteSigner, type RemoteSigner, type RemoteSignerOptions } from '@apisig/web';
export { createSigner, type AsyncSigner, type SignerOptions } from '@apisig/web';
export type { ExtraHeaders, HeaderSource, SignedHeaders } from '@apisig/web';
// Errors and names, for what the hooks hand back.
export { ApiSigError, type ApiSigErrorCode, isApiSigError } from '@apisig/web';
export { HEADERS, type AuthHeaders, type AuthMode, type FailureReason } from '@apisig/web';
export type { AnyFetch, FetchLike } from '@apisig/web';
// A refusal, read on the client, in words a UI can show.
export { describeReason, parseRefusal, REASON_TEXTS, type Refusal, readRefusal } from '@apisig/web';
