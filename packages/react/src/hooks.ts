import type { FetchLike } from '@apisig/web';
import { useContext, useSyncExternalStore } from 'react';
import { SignerStoreContext } from './context.js';
import type { AuthHeadersSnapshot, SignerStore, SigningSource } from './store.js';

function useSignerStore(hook: string): SignerStore {
  const store = useContext(SignerStoreContext);
  if (store === null) {
    throw new Error(`${hook}() must be called inside <ApiSigProvider>; none was found above it`);
  }
  return store;
}

/**
 * A fetch that signs every call (skew correction and its one retry included). Its identity
 * is stable across renders and token rollovers, so it never re-renders its caller.
 */
export function useSignedFetch(): FetchLike {
  return useSignerStore('useSignedFetch').fetch;
}

/**
 * `{ headers, status, error }` for libraries that take a static header object. The headers
 * are replaced before they expire (when under a third of their lifetime is left): the caller
 * re-renders about once per refresh, never per request. `headers` is null until the first
 * signing, and always during server rendering.
 */
export function useAuthHeaders(): AuthHeadersSnapshot {
  const store = useSignerStore('useAuthHeaders');
  return useSyncExternalStore(store.subscribe, store.getSnapshot, store.getServerSnapshot);
}

/**
 * The provider's signer itself (a web signer or a remote signer). Name its type to use more
 * than the SigningSource interface: `useSigner<Signer>()`.
 */
export function useSigner<T extends SigningSource = SigningSource>(): T {
  return useSignerStore('useSigner').signer as T;
}
