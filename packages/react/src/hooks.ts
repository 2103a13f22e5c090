import type { FetchLike, HeaderSource } from '@apisig/core';
import { useContext, useSyncExternalStore } from 'react';
import type { AuthHeadersSnapshot } from './auth-headers-store.js';
import { SignerStoreContext } from './context.js';
import { authHeadersOf, type SignerStore, signedFetchOf } from './signer-store.js';

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
 *
 * @example
 * ```tsx
 * function Orders() {
 *   const api = useSignedFetch();
 *   const { data } = useQuery({
 *     queryKey: ['orders'],
 *     queryFn: () => api('/v1/orders').then((r) => r.json()),
 *   });
 *   return <OrderList orders={data} />;
 * }
 * ```
 */
export function useSignedFetch(): FetchLike {
  return signedFetchOf(useSignerStore('useSignedFetch'));
}

/**
 * `{ headers, status, error }` for libraries that take a fixed header object. The headers are
 * replaced before they go stale (under a third of their lifetime left): the caller re-renders
 * about once per refresh, never per request. `headers` is null until the first signing, and
 * always during server rendering.
 *
 * @example
 * ```tsx
 * function Socket() {
 *   const { headers } = useAuthHeaders();
 *   useEffect(() => (headers ? connect({ headers }) : undefined), [headers]);
 *   return null;
 * }
 * ```
 */
export function useAuthHeaders(): AuthHeadersSnapshot {
  const store = authHeadersOf(useSignerStore('useAuthHeaders'));
  return useSyncExternalStore(store.subscribe, store.getSnapshot, store.getServerSnapshot);
}

/**
 * The provider's signer itself. Name its type to use more than HeaderSource:
 * `useSigner<AsyncSigner>()` for a web signer, `useSigner<RemoteSigner>()` for a remote one.
 *
 * @example
 * ```tsx
 * function LogOut() {
 *   const remote = useSigner<RemoteSigner>();
 *   return <button onClick={() => logOut().then(() => remote.clear())}>Log out</button>;
 * }
 * ```
 */
export function useSigner<T extends HeaderSource = HeaderSource>(): T {
  return useSignerStore('useSigner').signer as T;
}
