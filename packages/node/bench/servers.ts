/**
 * The two servers the server benchmark loads, in one child process of their own (so the load
 * generator does not share their event loop): the same node:http handler, bare on one port
 * and behind apisig() on the other. Prints `{ bare, guarded }` URLs as one JSON line, and
 * answers any IPC message with its `process.cpuUsage()`.
 */
import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import { apisig } from '../src/index.js';

export const API_KEY = 'ak_bench_client';
export const JWT_KEY = 'jk_bench_client_secret';

const users = new Map([[API_KEY, { jwtKey: JWT_KEY }]]);
const body = JSON.stringify({ hello: 'world' });

const answer = (response: Parameters<RequestListener>[1]) => {
  response.setHeader('content-type', 'application/json');
  response.end(body);
};

const guard = apisig({ users: (apiKey) => users.get(apiKey) });

const bare: RequestListener = (_request, response) => answer(response);
const guarded: RequestListener = async (request, response) => {
  if (await guard(request, response)) answer(response);
};

async function listen(handler: RequestListener): Promise<string> {
  const server = createServer({ keepAlive: true }, handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

if (process.argv.includes('--serve')) {
  const urls = { bare: await listen(bare), guarded: await listen(guarded) };
  // The CPU this process has used, on request: CPU per request is far steadier than req/s on
  // a machine the load generator and other work share.
  process.on('message', () => process.send?.(process.cpuUsage()));
  process.stdout.write(`${JSON.stringify(urls)}\n`);
}
