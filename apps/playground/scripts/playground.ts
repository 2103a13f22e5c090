/**
 * `pnpm playground`: the API server and the SPA's Vite dev server in one process. Both URLs
 * are printed; PORT (SPA) and API_PORT override the defaults; Ctrl-C (SIGINT) or SIGTERM
 * closes both and exits 0.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer } from 'vite';
import { startApi } from '../server/listen.ts';

const HOST = '127.0.0.1';
const appDir = join(dirname(fileURLToPath(import.meta.url)), '..');

function portFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    console.error(`playground: ${name} must be a port number (1-65535), got "${raw}"`);
    process.exit(1);
  }
  return port;
}

function explain(error: unknown, what: string, variable: string): never {
  const code = (error as NodeJS.ErrnoException).code;
  const hint = code === 'EADDRINUSE' ? ` (port in use: set ${variable} to another port)` : '';
  console.error(`playground: could not start the ${what}: ${String(error)}${hint}`);
  process.exit(1);
}

const apiPort = portFromEnv('API_PORT', 8787);
const webPort = portFromEnv('PORT', 5173);
const webOrigins = [`http://${HOST}:${webPort}`, `http://localhost:${webPort}`];

const api = await startApi({ host: HOST, port: apiPort, allowedOrigins: webOrigins }).catch(
  (error: unknown) => explain(error, 'API server', 'API_PORT'),
);

// Vite hands VITE_* variables to the SPA: this tells it where the API is.
process.env.VITE_API_URL = api.url;
const vite = await createServer({
  root: appDir,
  configFile: join(appDir, 'vite.config.ts'),
  logLevel: 'warn',
  server: { host: HOST, port: webPort, strictPort: true },
});
await vite.listen().catch(async (error: unknown) => {
  await api.close();
  explain(error, 'SPA dev server', 'PORT');
});

console.log(`
  apisig playground

  SPA   http://${HOST}:${webPort}/
  API   ${api.url}   (GET /v1/whoami, POST /v1/echo, POST /sign)

  Demo credentials: apps/playground/server/seed.json. Ctrl-C stops both.
  One line per verdict follows.
`);

let stopping = false;
async function stop(signal: NodeJS.Signals): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.log(`\nplayground: ${signal}, stopping the SPA and the API server`);
  const results = await Promise.allSettled([vite.close(), api.close()]);
  const failed = results.filter((result) => result.status === 'rejected');
  for (const failure of failed) console.error('playground: stop failed:', failure.reason);
  process.exit(failed.length === 0 ? 0 : 1);
}
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
