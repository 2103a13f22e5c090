import { createContext } from 'react';
import type { SignerStore } from './store.js';

/** The provider's store; null outside any provider. */
export const SignerStoreContext = createContext<SignerStore | null>(null);
SignerStoreContext.displayName = 'ApiSigContext';
