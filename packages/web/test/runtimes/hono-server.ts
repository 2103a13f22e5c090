/**
 * Bun and Deno run this file as it is: the shared Hono app (hono-app.ts) over the BUILT
 * `@apisig/web/hono`, imported by its name, served on 127.0.0.1 on a free port. It prints one
 * JSON line, `{ port, resolved }`, and serves until it is killed.
 */
import { apisig } from '@apisig/web/hono';
import { type HonoAppInput, makeHonoApp } from './hono-app.ts';

interface Listening {
  port: number;
}
declare const Deno:
  | {
      env: { get(name: string): string | undefined };
      serve(
        options: { hostname: string; port: number; onListen(address: Listening): void },
        handler: (request: Request) => Response | Promise<Response>,
      ): unknown;
    }
  | undefined;
declare const Bun: {
  serve(options: {
    hostname: string;
    port: number;
    fetch(request: Request): Response | Promise<Response>;
  }): Listening;
};
declare const process: { env: Record<string, string | undefined> };

const raw =
  typeof Deno !== 'undefined' ? Deno.env.get('APISIG_HONO_INPUT') : process.env.APISIG_HONO_INPUT;
const { app } = makeHonoApp(apisig, JSON.parse(raw ?? 'null') as HonoAppInput);
const announce = (port: number) =>
  console.log(JSON.stringify({ port, resolved: import.meta.resolve('@apisig/web/hono') }));

if (typeof Deno !== 'undefined') {
  Deno.serve({ hostname: '127.0.0.1', port: 0, onListen: ({ port }) => announce(port) }, app.fetch);
} else {
  announce(Bun.serve({ hostname: '127.0.0.1', port: 0, fetch: app.fetch }).port);
}
