import { type AnyFetch, createSigner, type SignerOptions } from '@apisig/web';
import { type ReactElement, type ReactNode, useState } from 'react';
import { SignerStoreContext } from './context.js';
import { createSignerStore, type SignerStore, type SigningSource } from './store.js';

interface ProviderBase {
  children?: ReactNode;
  /** The fetch that useSignedFetch wraps. Read once, like `options`. Default: global fetch. */
  fetch?: AnyFetch;
}

export type ApiSigProviderProps = ProviderBase &
  (
    | {
        /** Signer options: a web signer is made from them once, on the first render. */
        options: SignerOptions;
        signer?: never;
      }
    | {
        /** A ready signer: `createSigner(...)` from @apisig/web, or `createRemoteSigner(...)`. */
        signer: SigningSource;
        options?: never;
      }
  );

/**
 * Makes one signer store available to useSignedFetch, useAuthHeaders and useSigner.
 * `options` are read once (change the provider's `key` to start over with new credentials);
 * a new `signer` object gets a new store.
 */
export function ApiSigProvider(props: ApiSigProviderProps): ReactElement {
  // Made once, lazily, as TanStack Query makes its client: a re-render never makes another.
  const [ownSigner] = useState(() =>
    props.signer === undefined ? createSigner(props.options) : undefined,
  );
  const signer = props.signer ?? (ownSigner as SigningSource);
  const [store, setStore] = useState(() => createSignerStore(signer, { fetch: props.fetch }));
  let current: SignerStore = store;
  if (store.signer !== signer) {
    // A different signer prop: a store of its own (React's derived-state pattern).
    current = createSignerStore(signer, { fetch: props.fetch });
    setStore(current);
  }
  return (
    <SignerStoreContext.Provider value={current}>{props.children}</SignerStoreContext.Provider>
  );
}
