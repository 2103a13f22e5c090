/**
 * A fetch that signs every request for one API: relative URLs resolve against its `baseUrl`,
 * a request for another origin is refused before anything is sent, redirects are followed by
 * hand so that a hop to another origin never carries our headers, each API response's Date
 * is fed to the signer's clock, and a 401 is retried once when the clock moved (or the
 * source's cached headers went stale) and the body can be sent again.
 */
import type { HeaderSource } from '../sign/header-source.js';
import { validateOptionsRecord } from '../validate.js';
import {
  BODY_HEADER_NAMES,
  hiddenRedirect,
  isReplayableBody,
  MAX_REDIRECTS,
  redirectKeepsBody,
  redirectTarget,
} from './request-policy.js';
import { createSigningSession } from './signing-session.js';

/**
 * The standard fetch shape: what a signed fetch is.
 *
 * @example
 * ```ts
 * let api: FetchLike | undefined;
 * api ??= createSignedFetch(signer, { baseUrl: 'https://api.example.com' });
 * ```
 */
export type FetchLike = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

/**
 * What apisig reads of a response: the common part of every fetch implementation's.
 *
 * @example
 * ```ts
 * const fake: AnyFetch = async (): Promise<ResponseLike> => new Response('ok');
 * ```
 */
export interface ResponseLike {
  readonly ok: boolean;
  readonly status: number;
  readonly headers: {
    /** A header's value, or null. */
    get(name: string): string | null;
  };
  readonly body: {
    /** Stop reading; what is left is dropped. */
    cancel(reason?: unknown): Promise<void>;
  } | null;
  /** The whole body as text. */
  text(): Promise<string>;
}

/**
 * Any fetch apisig can wrap or call: the global one, undici's, a test double. Typed by what
 * it answers: undici declares its own Request and RequestInit, which TypeScript will not
 * take for the global ones (nor the reverse), so precise parameter types would refuse it.
 *
 * @example
 * ```ts
 * import { fetch } from 'undici';
 *
 * const api = createSignedFetch(signer, { baseUrl, fetch }); // undici's fetch, no cast
 * ```
 */
// biome-ignore lint/suspicious/noExplicitAny: see above; apisig calls it with (string | URL | Request, RequestInit)
export type AnyFetch = (input: any, init?: any) => Promise<ResponseLike>;

/**
 * What `createSignedFetch` takes.
 *
 * @example
 * ```ts
 * const options: SignedFetchOptions = { baseUrl: 'https://api.example.com', fetch: undici.fetch };
 * ```
 */
export interface SignedFetchOptions {
  /**
   * The API's URL. Relative URLs resolve against it (`new URL(input, baseUrl)`), and a
   * request for any other origin is refused (`origin_refused`) before anything is sent.
   */
  baseUrl: string | URL;
  /** The fetch to wrap (the global one, undici's...). Default: the global fetch, looked up at call time. */
  fetch?: AnyFetch;
}

/** A Request from this realm or another (undici's class): recognised by its shape. */
function isRequestLike(input: unknown): input is Request {
  return (
    typeof input === 'object' &&
    input !== null &&
    !(input instanceof URL) &&
    typeof (input as Request).url === 'string' &&
    typeof (input as Request).clone === 'function'
  );
}

/** Drops what is left of a response's body: a hop or a refusal that is followed by another send. */
const drain = (response: ResponseLike) => response.body?.cancel().catch(() => undefined);

/**
 * A fetch that signs every request for the API at `baseUrl`, with the headers of `source`.
 *
 * @example
 * ```ts
 * import { createSignedFetch, createSigner } from '@apisig/node';
 *
 * const api = createSignedFetch(createSigner({ apiKey, jwtKey }), {
 *   baseUrl: 'https://api.example.com',
 * });
 * const me = await (await api('/v1/me')).json();
 * ```
 */
export function createSignedFetch(source: HeaderSource, options: SignedFetchOptions): FetchLike {
  const record = validateOptionsRecord('options', options, ['baseUrl', 'fetch']);
  const session = createSigningSession(source, record.baseUrl);
  const fetchImpl = () => (options.fetch ?? globalThis.fetch) as unknown as FetchLike;

  /**
   * One send, redirects followed by hand: the last hop's response and `url`, and `moved` when
   * an API response moved the clock.
   */
  const attempt = async (input: string | URL | Request, init: RequestInit) => {
    const request = isRequestLike(input) ? input : undefined;
    let url = session.target(request ? request.url : (input as string | URL));
    let method = init.method ?? request?.method ?? 'GET';
    let body = init.body;
    const headers = new Headers(init.headers ?? request?.headers);
    let next: string | URL | Request = request ?? url;
    let moved = false;
    // The caller's own `manual` or `error` is theirs to handle; `follow` is done here, by hand.
    const follow = (init.redirect ?? request?.redirect ?? 'follow') === 'follow';
    for (let hops = 0; ; hops++) {
      await session.sign(url, headers);
      const sentAt = session.clock();
      const redirect = follow ? 'manual' : init.redirect;
      const response = await fetchImpl()(next, { ...init, method, body, headers, redirect });
      moved = session.observe(url, response.headers, sentAt) || moved;
      if (!follow) return { response, moved, url };
      if (response.type === 'opaqueredirect') throw hiddenRedirect();
      const target = redirectTarget(response.status, response.headers.get('location'), url);
      if (target === null) return { response, moved, url };
      if (hops === MAX_REDIRECTS) throw new TypeError('too many redirects');
      if (!redirectKeepsBody(response.status, method)) {
        method = 'GET';
        body = undefined;
        for (const name of BODY_HEADER_NAMES) headers.delete(name);
      } else if (request?.body || !isReplayableBody(body)) {
        return { response, moved, url }; // a body that cannot be sent again: the 3xx is the answer
      }
      await drain(response);
      url = target;
      next = target;
    }
  };

  return async (input, init = {}) => {
    const request = isRequestLike(input) ? input : undefined;
    // Keep an unread copy of a Request's body: the first send consumes the original's.
    const spare = request?.body ? request.clone() : undefined;
    // A Request is sent again from its spare (or has no body); other bodies only if replayable.
    const replayable = request !== undefined || isReplayableBody(init.body);
    const { response, moved, url } = await attempt(input, init);
    if (response.status !== 401 || !replayable) return response;
    const refusal = moved
      ? null
      : await response
          .clone()
          .json()
          .catch(() => null);
    if (!session.retryAfter(url, 401, moved, refusal)) return response;
    // Our clock was off (or our headers stale) and is corrected now: one more try.
    await drain(response);
    return (await attempt(spare ?? input, init)).response;
  };
}
