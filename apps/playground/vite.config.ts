import { posix } from 'node:path';
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

/** Folders of the playground that are not the SPA's: the dev server never serves their files. */
export const PRIVATE_FOLDERS = ['server', 'scripts', 'test', 'e2e'];

/**
 * Vite's dev server serves any file under its root: seed.json, with the JWT key the
 * remote-signer mode keeps on the server, included. This refuses (404) every request for a
 * file in a private folder, however its path is spelt (encoded, `..`, `/@fs/`, a query).
 */
function privateFolders(root: string): Plugin {
  const prefixes = PRIVATE_FOLDERS.map((folder) => `/${folder}/`);
  const isPrivate = (url: string) => {
    let path: string;
    try {
      path = decodeURIComponent(url.split(/[?#]/, 1)[0] as string);
    } catch {
      return true; // an undecodable path is not served either
    }
    if (path.startsWith('/@fs/')) {
      const file = posix.normalize(path.slice('/@fs'.length));
      if (!file.startsWith(`${root}/`)) return false; // outside the playground: Vite's own rules
      path = file.slice(root.length);
    }
    path = posix.normalize(path);
    return prefixes.some((prefix) => path.startsWith(prefix) || `${path}/` === prefix);
  };
  return {
    name: 'playground:private-folders',
    configureServer(server) {
      server.middlewares.use((request, response, next) => {
        if (request.url === undefined || !isPrivate(request.url)) return next();
        response.statusCode = 404;
        response.end();
      });
    },
  };
}

export default defineConfig({
  plugins: [react(), demoCredentials(), privateFolders(import.meta.dirname)],
  resolve: { conditions },
  clearScreen: false,
  server: { host: '127.0.0.1', port: 5173, strictPort: true },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true },
  build: { target: 'es2022' },
});
