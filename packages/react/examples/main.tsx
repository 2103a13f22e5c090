// src/main.tsx
import { ApiSigProvider, createRemoteSigner } from '@apisig/react';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    {/* The signer is made once, on the first render. Its headers come from your backend
        (see "The remote signer"): no secret in the bundle. */}
    <ApiSigProvider
      signer={() => createRemoteSigner({ url: '/api/apisig/sign' })}
      baseUrl="https://api.example.com"
    >
      <App />
    </ApiSigProvider>
  </StrictMode>,
);
