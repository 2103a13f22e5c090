// app/providers.tsx
'use client';
import { ApiSigProvider, createRemoteSigner } from '@apisig/react';
import type { ReactNode } from 'react';

export function Providers({ children }: { children: ReactNode }) {
  return (
    <ApiSigProvider
      signer={() => createRemoteSigner({ url: '/api/apisig/sign' })}
      baseUrl="https://api.example.com"
    >
      {children}
    </ApiSigProvider>
  );
}
