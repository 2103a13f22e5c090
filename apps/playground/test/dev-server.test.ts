/**
 * `pnpm playground` runs Vite's dev server over this folder: it must serve the SPA and never
 * the server's files (seed.json holds the JWT key the remote-signer mode keeps off the
 * browser), however a path is spelt. Real Vite on 127.0.0.1, raw HTTP requests.
 */
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { createServer, type ViteDevServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seed } from '../server/seed.ts';

const root = fileURLToPath(new URL('..', import.meta.url)).replace(/\/$/, '');
const serverOnlyKeys = seed.users.filter((user) => user.serverOnly).map((user) => user.jwtKey);

let vite: ViteDevServer;
let port: number;

beforeAll(async () => {
  vite = await createServer({
    configFile: `${root}/vite.config.ts`,
    root,
    logLevel: 'silent',
    server: { host: '127.0.0.1', port: 0, strictPort: false, hmr: false },
  });
  await vite.listen();
  port = (vite.httpServer!.address() as AddressInfo).port;
}, 60_000);

afterAll(() => vite?.close());

/** A GET with the path exactly as given (fetch would normalise `..` and decode nothing). */
function get(path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const outgoing = request({ host: '127.0.0.1', port, path, method: 'GET' }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        body += chunk;
      });
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    outgoing.on('error', reject);
    outgoing.end();
  });
}

describe('the playground dev server', () => {
  it('has a server-only JWT key to protect', () => {
    expect(serverOnlyKeys.length).toBeGreaterThan(0);
  });

  it.each([
    '/server/seed.json',
    '/server/seed.json?import',
    '/server/seed.json?raw',
    '/server/seed.ts',
    '/server/app.ts?t=1',
    '/server/',
    '/%73erver/seed.json',
    '/server%2Fseed.json',
    '/src/../server/seed.json',
    '/./server/seed.json',
    '//server/seed.json',
    `/@fs${root}/server/seed.json`,
    `/@fs${root}/src/../server/seed.json`,
    '/scripts/playground.ts',
    '/test/dev-server.test.ts',
    '/e2e/playground.test.ts',
  ])('refuses %s', async (path) => {
    const { status, body } = await get(path);
    expect(status).toBe(404);
    for (const key of serverOnlyKeys) expect(body).not.toContain(key);
  });

  it.each(['/', '/src/main.tsx', '/src/credentials.ts', '/common/roles.ts', '/@vite/client'])(
    'serves %s (the control: the SPA still works)',
    async (path) => {
      const { status, body } = await get(path);
      expect(status).toBe(200);
      for (const key of serverOnlyKeys) expect(body).not.toContain(key);
    },
  );
});
