/**
 * The apiSig interceptor for undici 7 dispatchers: each dispatch is checked against the API's
 * origin (a hop a redirect announced goes elsewhere bare; anything else elsewhere is refused
 * before a connection is made), and a body that can be sent again is made ready to be: a
 * one-shot body (fetch hands every body over as one) is read into memory first when its
 * length is known and small, otherwise a 401 is not retried.
 */
import { ApiSigError, type HeaderSource } from '@apisig/core';
import {
  createSigningSession,
  invalidOption,
  isReplayableBody,
  validateOptionsRecord,
} from '@apisig/core/adapter';
import type { Dispatcher } from 'undici';
import { AnnouncedHops } from './announced-hops.js';
import { SigningDispatch } from './dispatch-handler.js';
import { headerPairs, headerValue } from './header-list.js';

/** Bytes of a one-shot body read into memory so that a 401 can be retried with it. */
export const DEFAULT_BUFFER_UP_TO = 64 * 1024;

/**
 * What `apiSig` takes besides the signer.
 *
 * @example
 * ```ts
 * const options: UndiciSigningOptions = { baseUrl: 'https://api.example.com', bufferUpTo: 0 };
 * ```
 */
export interface UndiciSigningOptions {
  /** The API's URL: dispatches to its origin are signed; any other origin is refused. */
  baseUrl: string | URL;
  /**
   * A one-shot body (a stream, an async iterable, and every body fetch sends) with a
   * Content-Length up to this many bytes is read into memory before it is sent, so that a
   * 401 can be retried with it; a longer one, or one of unknown length, is sent as it comes
   * and not retried. 0: never read ahead. Default 65536.
   */
  bufferUpTo?: number;
}

function validateBufferUpTo(value: unknown): number {
  if (value === undefined) return DEFAULT_BUFFER_UP_TO;
  if (!Number.isSafeInteger(value) || (value as number) < 0) {
    throw invalidOption('bufferUpTo', 'must be a whole number of bytes, 0 or more');
  }
  return value as number;
}

const isAsyncIterable = (body: unknown): body is AsyncIterable<Uint8Array | string> =>
  typeof (body as AsyncIterable<unknown> | null)?.[Symbol.asyncIterator] === 'function';

async function readAll(body: AsyncIterable<Uint8Array | string>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
}

/** The body to send for a dispatch to the API, and whether a 401 may be retried with it. */
async function replayable(opts: Dispatcher.DispatchOptions, bufferUpTo: number) {
  const { body } = opts;
  if (isReplayableBody(body)) return { body, replayable: true };
  const length = Number(headerValue(headerPairs(opts.headers), 'content-length') ?? Number.NaN);
  if (bufferUpTo > 0 && length <= bufferUpTo && isAsyncIterable(body)) {
    return { body: await readAll(body), replayable: true };
  }
  return { body, replayable: false };
}

/** The dispatch's URL; a dispatch without an origin (a bare Client's) cannot be checked. */
function urlOf(opts: Dispatcher.DispatchOptions): URL {
  if (opts.origin === undefined) {
    throw new ApiSigError('origin_refused', 'a dispatch without an origin cannot be checked', {
      field: 'url',
    });
  }
  return new URL(opts.path, opts.origin);
}

/** Handed to a refused dispatch's handler: nothing was started, nothing can be controlled. */
const NOT_STARTED: Dispatcher.DispatchController = {
  aborted: true,
  paused: false,
  reason: null,
  abort: () => undefined,
  pause: () => undefined,
  resume: () => undefined,
};

/**
 * An undici 7 interceptor that signs every dispatch to the API at `baseUrl` with the headers
 * of `source`, for `undici.request`, `undici.fetch`, Node's global fetch (with this as its
 * `dispatcher`) and anything else on the dispatcher.
 *
 * A dispatch to another origin is refused (ApiSigError `origin_refused`) before a connection
 * is made, unless a redirect that passed through this interceptor pointed there: that hop
 * goes out without our headers nor authorization. The API's Date feeds the signer's clock,
 * and a 401 is retried once, inside the dispatch, when the clock moved (or a remote signer's
 * headers were stale) and the body can be sent again. To follow redirects on
 * `undici.request`, compose undici's redirect interceptor after this one (outside it):
 * `agent.compose(apiSig(...), interceptors.redirect(...))`, so each hop comes through here;
 * one composed inside it is turned off (its redirects come back unfollowed).
 *
 * @example
 * ```ts
 * import { createSigner } from '@apisig/node';
 * import { apiSig } from '@apisig/node/undici';
 * import { Agent, fetch, interceptors, request } from 'undici';
 *
 * const dispatcher = new Agent().compose(
 *   apiSig(createSigner({ apiKey, jwtKey }), { baseUrl: 'https://api.example.com' }),
 *   interceptors.redirect({ maxRedirections: 5 }),
 * );
 * const { statusCode } = await request('https://api.example.com/v1/me', { dispatcher });
 * const response = await fetch('https://api.example.com/v1/me', { dispatcher });
 * ```
 */
export function apiSig(
  source: HeaderSource,
  options: UndiciSigningOptions,
): Dispatcher.DispatcherComposeInterceptor {
  const record = validateOptionsRecord('options', options, ['baseUrl', 'bufferUpTo']);
  const session = createSigningSession(source, record.baseUrl);
  const bufferUpTo = validateBufferUpTo(record.bufferUpTo);
  const hops = new AnnouncedHops();

  return (dispatch) => (opts, handler) => {
    const start = async () => {
      const url = urlOf(opts);
      const home = url.origin === session.origin;
      if (!home && !hops.admit(url)) session.target(url); // throws origin_refused
      const { body, replayable: again } = home
        ? await replayable(opts, bufferUpTo)
        : { body: opts.body, replayable: false };
      const signing = new SigningDispatch(
        { session, hops, dispatch },
        url,
        opts,
        handler,
        body,
        again,
      );
      await signing.send().catch((error: unknown) => signing.fail(error));
    };
    start().catch((error: unknown) => handler.onResponseError?.(NOT_STARTED, error as Error));
    return true;
  };
}
