/**
 * What the provider holds for its subtree: the signer, and, each made on first use, one
 * signed fetch over it (by useSignedFetch; one per store, so its identity never changes) and
 * the header snapshots (by useAuthHeaders). An app bundles only what its hooks use: the
 * signed fetch's rules without the refresh cycle, or the reverse.
 */
import { apiOrigin, invalidOption, isHeaderSource } from '@apisig/core/adapter';
import type { AnyFetch, ClockObservation, FetchLike, HeaderSource } from '@apisig/web';
import { createSignedFetch } from '@apisig/web';
import { type AuthHeadersStore, createAuthHeadersStore } from './auth-headers-store.js';

export interface SignerStoreOptions {
  /** The API the signed fetch signs for (relative URLs resolve against it; no other origin). */
  baseUrl: string | URL;
  /** The fetch the signed fetch wraps. Default: the global fetch, looked up at call time. */
  fetch?: AnyFetch;
}

export interface SignerStore {
  readonly signer: HeaderSource;
  readonly options: SignerStoreOptions;
  /** The signed fetch: made by signedFetchOf on the first useSignedFetch. */
  fetch?: FetchLike;
  /** The header snapshots: made by authHeadersOf on the first useAuthHeaders. */
  authHeaders?: AuthHeadersStore;
}

/**
 * A store, its props checked first: a mistake throws ApiSigError `invalid_option` naming the
 * prop during the provider's first render, before any hook signs or sends anything.
 */
export function createSignerStore(signer: HeaderSource, options: SignerStoreOptions): SignerStore {
  if (!isHeaderSource(signer)) {
    throw invalidOption('signer', 'must be a signer, or a function that makes one');
  }
  apiOrigin(options.baseUrl); // an absolute http(s) URL, or invalid_option naming baseUrl
  return { signer, options };
}

/** The store's signed fetch, made on the first call and kept with the store. */
export function signedFetchOf(store: SignerStore): FetchLike {
  if (store.fetch) return store.fetch;
  const { signer, options } = store;
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
  store.fetch = createSignedFetch(source, options);
  return store.fetch;
}

/** The store's header snapshots, made on the first call and kept with the store. */
export function authHeadersOf(store: SignerStore): AuthHeadersStore {
  store.authHeaders ??= createAuthHeadersStore(store.signer);
  return store.authHeaders;
}
