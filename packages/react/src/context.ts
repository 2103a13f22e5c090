import { createContext } from 'react';
import type { SignerStore } from './signer-store.js';

/** The provider's store; null outside any provider. */
export const SignerStoreContext = /* @__PURE__ */ createContext<SignerStore | null>(null);
