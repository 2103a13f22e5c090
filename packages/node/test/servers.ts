/**
 * Real API servers on 127.0.0.1 guarded by the middleware: one on plain node:http, one on
 * Express 5. Both answer a verified request with what they saw, and count every request.
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
      if (await guard(request, response)) await echo(request, response);
    });
  } else {
    const app = express();
    app.use((_request, response, next) => {
      count(response);
      next();
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
