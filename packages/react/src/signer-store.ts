/**
 * What the provider holds for its subtree: the signer, one signed fetch over it (so its
 * identity never changes), and, made on first use by useAuthHeaders, the header snapshots.
 * An app that only calls useSignedFetch never bundles the snapshots' refresh cycle.
 */
import {
  type AnyFetch,
  type ClockObservation,
  createSignedFetch,
  type FetchLike,
  type HeaderSource,
} from '@apisig/web';
import { type AuthHeadersStore, createAuthHeadersStore } from './auth-headers-store.js';

export interface SignerStore {
  readonly signer: HeaderSource;
  /** A fetch that signs every call; one per store, so its identity never changes. */
  readonly fetch: FetchLike;
  /** The header snapshots: made by authHeadersOf on the first useAuthHeaders. */
  authHeaders?: AuthHeadersStore;
}

export interface SignerStoreOptions {
  /** The API the signed fetch signs for (relative URLs resolve against it; no other origin). */
  baseUrl: string | URL;
  /** The fetch the signed fetch wraps. Default: the global fetch, looked up at call time. */
  fetch?: AnyFetch;
}

export function createSignerStore(signer: HeaderSource, options: SignerStoreOptions): SignerStore {
  // The signed fetch feeds each response's Date to the signer; when that moves its clock
  // offset, the snapshot's tokens were minted on the wrong clock: replace them now.
  const source: HeaderSource = {
    headers: () => signer.headers(),
    sign: () => signer.sign(),
    clock: () => signer.clock(),
    ...(signer.clear ? { clear: () => signer.clear?.() } : {}),
    syncClock(observation: ClockObservation) {
      const moved = signer.syncClock?.(observation) ?? false;
      if (moved) store.authHeaders?.clockMoved();
      return moved;
    },
  };
  const fetch = createSignedFetch(source, { baseUrl: options.baseUrl, fetch: options.fetch });
  const store: SignerStore = { signer, fetch };
  return store;
}

/** The store's header snapshots, made on the first call and kept with the store. */
export function authHeadersOf(store: SignerStore): AuthHeadersStore {
  store.authHeaders ??= createAuthHeadersStore(store.signer);
  return store.authHeaders;
}
