/**
 * Where signed headers may go, and what may be sent twice: the rules every way of sending a
 * signed request follows (the signed fetch here; axios, got and undici in the runtime
 * packages). Credentials go only to the origin the app named, never across a redirect to
 * another one, and only a body known to be replayable is sent again.
 */
import { HEADERS } from '../contract.js';
import { ApiSigError } from '../errors.js';
import { invalidOption } from '../validate.js';

/** The four names a signer owns on a request: removed from what the caller set, then ours set. */
export const AUTH_HEADER_NAMES: readonly string[] = /* @__PURE__ */ Object.values(HEADERS);

/**
 * What a hop to another origin never carries, besides our own four: the caller's other
 * credentials, dropped as fetch, undici and follow-redirects drop them on such a redirect.
 */
export const CROSS_ORIGIN_DROPPED = ['authorization', 'proxy-authorization', 'cookie'];

/** Redirects followed in one request, as fetch does, before it is refused. */
export const MAX_REDIRECTS = 20;

/** The API's origin from a `baseUrl` option: an absolute http(s) URL, or invalid_option. */
export function apiOrigin(baseUrl: unknown): URL {
  let url: URL | undefined;
  try {
    url = new URL(baseUrl as string);
  } catch {}
  if (!/^https?:$/.test(url?.protocol as string)) {
    throw invalidOption('baseUrl', 'must be an absolute http(s) URL');
  }
  return url as URL;
}

/**
 * The absolute URL of a request, resolved against the API's base URL. A request for any
 * other origin is refused, before anything is sent: ApiSigError `origin_refused`.
 */
export function targetOf(input: string | URL, base: URL): URL {
  const url = new URL(input, base);
  if (url.origin !== base.origin) {
    throw new ApiSigError('origin_refused', `${url.origin} is not ${base.origin}`, {
      field: 'url',
    });
  }
  return url;
}

/**
 * The refusal for a redirect a browser hides (a manual redirect answers status 0, type
 * `opaqueredirect`): its target cannot be checked, so it is not followed blind.
 */
export function hiddenRedirect(): ApiSigError {
  return new ApiSigError('redirect_refused', 'a browser hides where this redirect goes', {
    field: 'url',
  });
}

/** The next hop of a redirect (301, 302, 303, 307, 308 with a Location), or null. */
export function redirectTarget(status: number, location: string | null, from: URL): URL | null {
  return location && /^30[12378]$/.test(String(status)) ? new URL(location, from) : null;
}

/**
 * Whether a redirect keeps the method and body (307, 308, and 301/302 after anything but
 * POST) or turns the request into a GET without its body (303, and 301/302 after a POST),
 * as fetch does.
 */
export function redirectKeepsBody(status: number, method: string): boolean {
  const verb = method.toUpperCase();
  return status === 303 ? verb === 'HEAD' : status > 302 || verb !== 'POST';
}

/** The headers that describe a body: dropped with it when a redirect turns into a GET. */
export const BODY_HEADER_NAMES = [
  'content-type',
  'content-length',
  'content-encoding',
  'content-language',
  'content-location',
];

/**
 * True for a body that can be sent again as it is: a string, bytes (ArrayBuffer or a view),
 * a Blob, File, FormData or URLSearchParams, of this realm or another (undici's own
 * FormData, an iframe's Blob: told by their tag). A stream or an async iterable is read by
 * the first send; anything not recognised is not replayed either.
 */
export function isReplayableBody(body: unknown): boolean {
  return (
    body == null ||
    typeof body === 'string' ||
    body instanceof ArrayBuffer ||
    ArrayBuffer.isView(body) ||
    /^\[object (Blob|File|FormData|URLSearchParams)\]$/.test(Object.prototype.toString.call(body))
  );
}
