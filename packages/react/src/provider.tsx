import type { AnyFetch, HeaderSource } from '@apisig/core';
import { type ReactElement, type ReactNode, useState } from 'react';
import { SignerStoreContext } from './context.js';
import { createSignerStore, type SignerStore } from './signer-store.js';

/**
 * What ApiSigProvider takes.
 *
 * @example
 * ```tsx
 * const props: ApiSigProviderProps = {
 *   signer: () => createRemoteSigner({ url: '/api/apisig/sign' }),
 *   baseUrl: 'https://api.example.com',
 *   children: <App />,
 * };
 * ```
 */
export interface ApiSigProviderProps {
  children?: ReactNode;
  /**
   * The signer: a remote signer (`createRemoteSigner`), or a web signer (`createSigner`) where
   * the page may hold the credentials. Give a function to have it made once, on the first
   * render (a re-render never makes another); give an object to use that one (a new object
   * gets a new store). The provider never makes a signer itself, so a bundle with a remote
   * signer carries no jose.
   */
  signer: HeaderSource | (() => HeaderSource);
  /**
   * The API useSignedFetch signs for, e.g. `https://api.example.com`: relative URLs resolve
   * against it, and a request for any other origin is refused before anything is sent. Read
   * with the signer.
   */
  baseUrl: string | URL;
  /** The fetch that useSignedFetch wraps. Read with the signer. Default: the global fetch. */
  fetch?: AnyFetch;
}

/**
 * Makes one signer store available to useSignedFetch, useAuthHeaders and useSigner below it.
 *
 * @example
 * ```tsx
 * import { ApiSigProvider, createRemoteSigner } from '@apisig/react';
 *
 * createRoot(document.getElementById('root')!).render(
 *   <ApiSigProvider
 *     signer={() => createRemoteSigner({ url: '/api/apisig/sign' })}
 *     baseUrl="https://api.example.com"
 *   >
 *     <App />
 *   </ApiSigProvider>,
 * );
 * ```
 */
export function ApiSigProvider(props: ApiSigProviderProps): ReactElement {
  // A factory is called once, lazily, as TanStack Query makes its client.
  const [made] = useState(() => (typeof props.signer === 'function' ? props.signer() : undefined));
  const signer = made ?? (props.signer as HeaderSource);
  const [store, setStore] = useState(() =>
    createSignerStore(signer, { baseUrl: props.baseUrl, fetch: props.fetch }),
  );
  let current: SignerStore = store;
  if (store.signer !== signer) {
    // A different signer object: a store of its own (React's derived-state pattern).
    current = createSignerStore(signer, { baseUrl: props.baseUrl, fetch: props.fetch });
    setStore(current);
  }
  return (
    <SignerStoreContext.Provider value={current}>{props.children}</SignerStoreContext.Provider>
  );
}
