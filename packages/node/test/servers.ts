/**
 * Real API servers on 127.0.0.1 guarded by the middleware: one on plain node:http, one on
 * Express 5. Both answer a verified request with what they saw, count every request, and
 * redirect `/redirect?status=&to=` (before the guard) wherever `to` says. Another origin
 * (another port) records what reaches it, for the tests of where our headers go.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type LoopbackServer, listenOnLoopback } from '@apisig/test-support';
import express from 'express';
import { apisig, type VerifyOptions } from '../src/index.js';

export interface ApiServer extends LoopbackServer {
  /** Requests that reached the server, verified or not. */
  readonly requests: number;
  /** Each request's outcome status, in order. */
  readonly statuses: number[];
}

export interface ApiServerOptions {
  /** Seconds the server's clock (its verifier and its Date header) runs ahead. */
  clockAheadSeconds?: number;
}

export type ServerKind = 'node:http' | 'express';

/** What a verified request gets back: who it is, and the headers and body the server saw. */
async function echo(request: IncomingMessage, response: ServerResponse): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  response.setHeader('content-type', 'application/json');
  response.end(
    JSON.stringify({
      apisig: request.apisig,
      headers: request.headers,
      body: Buffer.concat(chunks).toString('utf8'),
    }),
  );
}

/** `/redirect?status=307&to=/v1/new`: answers that redirect (unverified); false for any other path. */
function redirect(request: IncomingMessage, response: ServerResponse): boolean {
  const url = new URL(request.url ?? '/', 'http://127.0.0.1');
  if (url.pathname !== '/redirect') return false;
  response.writeHead(Number(url.searchParams.get('status') ?? 302), {
    location: url.searchParams.get('to') ?? '/',
  });
  response.end();
  return true;
}

export async function startApiServer(
  kind: ServerKind,
  verify: (clock: () => number) => VerifyOptions,
  options: ApiServerOptions = {},
): Promise<ApiServer> {
  const aheadMs = (options.clockAheadSeconds ?? 0) * 1000;
  const clock = () => Date.now() + aheadMs;
  const guard = apisig(verify(clock));
  const statuses: number[] = [];
  let requests = 0;

  const count = (response: ServerResponse) => {
    requests++;
    // The server's own Date, on its (possibly fast) clock: what a client syncs from.
    response.setHeader('date', new Date(clock()).toUTCString());
    response.on('finish', () => statuses.push(response.statusCode));
  };

  let listening: LoopbackServer;
  if (kind === 'node:http') {
    listening = await listenOnLoopback(async (request, response) => {
      count(response);
      if (redirect(request, response)) return;
      if (await guard(request, response)) await echo(request, response);
    });
  } else {
    const app = express();
    app.use((request, response, next) => {
      count(response);
      if (!redirect(request, response)) next();
    });
    app.use(guard);
    app.use(echo);
    listening = await listenOnLoopback(app);
  }
  return {
    url: listening.url,
    server: listening.server,
    close: listening.close,
    get requests() {
      return requests;
    },
    statuses,
  };
}

/** What reached the other origin: one entry per request. */
export interface Arrival {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export interface OtherOrigin extends LoopbackServer {
  readonly arrivals: Arrival[];
}

/**
 * Another origin (another port on 127.0.0.1): answers `elsewhere` with a Date of 1970, which
 * must move no clock, and records every request's method, path, headers and body.
 */
export async function startOtherOrigin(): Promise<OtherOrigin> {
  const arrivals: Arrival[] = [];
  const listening = await listenOnLoopback(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    arrivals.push({
      method: request.method ?? 'GET',
      path: request.url ?? '/',
      headers: { ...request.headers },
      body: Buffer.concat(chunks).toString('utf8'),
    });
    response.writeHead(200, { 'content-type': 'text/plain', date: new Date(0).toUTCString() });
    response.end('elsewhere');
  });
  return { ...listening, arrivals };
}

/** Our four names and authorization: none of them may reach another origin. */
export const CREDENTIAL_HEADERS = [
  'x-api-key',
  'x-signature',
  'x-app-key',
  'x-app-signature',
  'authorization',
];
