/**
 * Signing the requests of one client for one API, whatever sends them (the signed fetch here;
 * axios, got and undici in the runtime packages): where a request may go, which hops carry
 * our headers, which responses may move the clock, and when a 401 deserves one more try. The
 * client integrations adapt this; none of them decides any of it.
 */
import type { HeaderSource } from '../sign/header-source.js';
import { AUTH_HEADER_NAMES, apiOrigin, CROSS_ORIGIN_DROPPED, targetOf } from './request-policy.js';

/**
 * What a session writes our headers into: a fetch Headers, or a client's own header object.
 *
 * @example
 * ```ts
 * const writer: HeaderWriter = {
 *   set: (name, value) => (config.headers[name] = value),
 *   delete: (name) => delete config.headers[name],
 * };
 * ```
 */
export interface HeaderWriter {
  /** Set a header (lower-case name). */
  set(name: string, value: string): void;
  /** Remove a header, in any casing the writer keeps it. */
  delete(name: string): void;
}

/**
 * The rules of signed requests to one API, for a client integration to apply at each hop.
 *
 * @example
 * ```ts
 * const session = createSigningSession(signer, 'https://api.example.com');
 * const url = session.target('/v1/orders'); // origin_refused for any other origin
 * await session.sign(url, headers); // ours for the API; none, nor authorization or cookie, elsewhere
 * ```
 */
export interface SigningSession {
  /** The API's origin (from baseUrl). */
  readonly origin: string;
  /** A request's absolute URL, resolved against baseUrl; `origin_refused` for another origin. */
  target(input: string | URL): URL;
  /**
   * Sets our headers for a hop to the API's origin; for any other, removes them and the
   * caller's other credentials (authorization, proxy-authorization, cookie).
   */
  sign(url: URL, headers: HeaderWriter): Promise<void>;
  /** The source's clock, for a hop's send and receive times (epoch ms). */
  clock(): number;
  /** A hop's response: true when its Date moved the clock (only the API's responses count). */
  observe(url: URL, headers: { get(name: string): string | null }, sentAt: number): boolean;
  /**
   * Whether a 401 from `url` (the last hop's) deserves one more try: only the API's own, and
   * only when the clock moved or the source's cached headers were stale (`expired` or
   * `exp_too_far`; they are cleared). `refusal` is the parsed body.
   */
  retryAfter(url: URL, status: number, moved: boolean, refusal: unknown): boolean;
}

/**
 * The session of `source` for the API at `baseUrl` (an absolute http(s) URL, or invalid_option).
 *
 * @example
 * ```ts
 * const session = createSigningSession(signer, 'https://api.example.com');
 * const url = session.target(config.url); // before anything is sent
 * await session.sign(url, writer);
 * ```
 */
export function createSigningSession(source: HeaderSource, baseUrl: unknown): SigningSession {
  const base = apiOrigin(baseUrl);
  return {
    origin: base.origin,
    target: (input) => targetOf(input, base),
    async sign(url, headers) {
      for (const name of AUTH_HEADER_NAMES) headers.delete(name);
      if (url.origin !== base.origin) {
        for (const name of CROSS_ORIGIN_DROPPED) headers.delete(name);
        return;
      }
      for (const [name, value] of Object.entries(await source.headers())) headers.set(name, value);
    },
    clock: () => source.clock(),
    observe(url, headers, sentAt) {
      if (url.origin !== base.origin || !source.syncClock) return false;
      const date = headers.get('date');
      return source.syncClock({
        date,
        age: headers.get('age'),
        sentAt,
        receivedAt: source.clock(),
      });
    },
    retryAfter(url, status, moved, refusal) {
      // Another origin's 401 says nothing of our headers: it is not ours to retry.
      if (status !== 401 || url.origin !== base.origin) return false;
      if (moved) return true;
      const error = (refusal as { error?: unknown } | null)?.error;
      const stale = source.clear !== undefined && (error === 'expired' || error === 'exp_too_far');
      if (stale) source.clear?.();
      return stale;
    },
  };
}
