import { ApiSigProvider, createSigner } from '@apisig/react';
import type { ReactNode } from 'react';

// Only where everyone who can open the page may hold the JWT key: an internal tool, a local
// prototype. To switch credentials, give the provider a new `key`.
export function InternalTool({ children }: { children: ReactNode }) {
  return (
    <ApiSigProvider
      signer={() => createSigner({ apiKey: 'ak_live_3f9a2c1e7b4d', jwtKey: 'jk_9b2e4c7a1f3d5e8b' })}
      baseUrl="https://api.example.com"
    >
      {children}
    </ApiSigProvider>
  );
}
