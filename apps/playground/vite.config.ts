import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { browserCredentials, seed } from './server/seed.ts';

/** Workspace packages resolve to their TypeScript source: no build needed to run the SPA. */
const conditions = ['@apisig/source', 'module', 'browser', 'development|production'];

const CREDENTIALS_MODULE = 'virtual:demo-credentials';

/**
 * The seed's credentials the browser may hold, as a module. The JWT keys of server-only users
 * are left out here, so they never reach the bundle (the e2e test checks it).
 */
function demoCredentials(): Plugin {
  const resolved = `\0${CREDENTIALS_MODULE}`;
  return {
    name: 'playground:demo-credentials',
    resolveId: (id) => (id === CREDENTIALS_MODULE ? resolved : undefined),
    load: (id) =>
      id === resolved ? `export default ${JSON.stringify(browserCredentials(seed))};` : undefined,
  };
}

export default defineConfig({
  plugins: [react(), demoCredentials()],
  resolve: { conditions },
  clearScreen: false,
  server: { host: '127.0.0.1', port: 5173, strictPort: true },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true },
  build: { target: 'es2022' },
});
