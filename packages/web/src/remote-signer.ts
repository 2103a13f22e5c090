/**
 * A signer whose headers come from the app's own backend (the node package's
 * `createSigningHandler`): no secret ever reaches the browser, only short-lived headers.
 */
import {
  ApiSigError,
  type AuthHeaders,
  estimateClockOffset,
  type FetchLike,
  type SignedHeaders,
  validateAuthHeaders,
} from '@apisig/core';

export interface RemoteSignerOptions {
  /** The signing endpoint, e.g. `/api/apisig/sign`. It is sent `POST {}` as JSON. */
  url: string | URL;
  /** The fetch to call it with. Default: the global fetch, looked up at call time. */
  fetch?: FetchLike;
  /** Extra request headers (a CSRF token): a value, or a function read before each request. */
  headers?: HeadersInit | (() => HeadersInit | Promise<HeadersInit>);
  /** The local clock, epoch ms. Default `Date.now`. */
  clock?: () => number;
}

export interface RemoteSigner {
  readonly url: string;
  /** Headers for one request: the cached ones while fresh, else one shared request. */
  headers(): Promise<AuthHeaders>;
  /** Headers plus when they expire, epoch ms on the local clock. */
  sign(): Promise<SignedHeaders>;
  /** The local clock, epoch ms. */
  clock(): number;
  /** Forget the cached headers (after a log-in or log-out): the next call asks again. */
  clear(): void;
  toJSON(): { url: string };
}

/** Headers are asked for again when less than this share of their lifetime is left... */
const REFRESH_SHARE = 1 / 3;
/** ...or less than this many ms, whichever comes first (a short-lived token is not cut fine). */
const REFRESH_MARGIN_MS = 2000;

const OPTION_FIELDS = ['url', 'fetch', 'headers', 'clock'];

function invalidOption(field: string, problem: string): ApiSigError {
  return new ApiSigError('invalid_option', `${field} ${problem}`, { field });
}

function validateOptions(options: RemoteSignerOptions): RemoteSignerOptions {
  if (typeof options !== 'object' || options === null) {
    throw invalidOption('options', 'must be an object');
  }
  for (const name of Object.keys(options)) {
    if (!OPTION_FIELDS.includes(name)) {
      throw invalidOption(name, `is not a known option (expected ${OPTION_FIELDS.join(', ')})`);
    }
  }
  const { url, fetch, headers, clock } = options;
  if (!(url instanceof URL) && (typeof url !== 'string' || url.length === 0)) {
    throw invalidOption('url', 'must be a non-empty string or a URL');
  }
  if (fetch !== undefined && typeof fetch !== 'function') {
    throw invalidOption('fetch', 'must be a function');
  }
  if (clock !== undefined && typeof clock !== 'function') {
    throw invalidOption('clock', 'must be a function returning epoch milliseconds');
  }
  const headersShape = headers === null ? 'null' : typeof headers;
  if (!['undefined', 'object', 'function'].includes(headersShape)) {
    throw invalidOption('headers', 'must be a headers object or a function returning one');
  }
  return options;
}

function refused(message: string, status: number | undefined, cause?: unknown): ApiSigError {
  return new ApiSigError('remote_signer_refused', message, { field: 'url', status, cause });
}

function invalidResponse(message: string, cause?: unknown): ApiSigError {
  return new ApiSigError('remote_signer_invalid_response', message, { field: 'response', cause });
}

/**
 * The endpoint's answer, checked: auth headers by core's rules, expiresAt a finite number,
 * or null for headers that carry no token (a server signer in API-key mode) and never expire.
 */
function parseAnswer(text: string): SignedHeaders {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw invalidResponse('the remote signer did not answer JSON');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw invalidResponse('the remote signer did not answer a JSON object');
  }
  const answer = body as { headers?: unknown; expiresAt?: unknown };
  let headers: AuthHeaders;
  try {
    headers = validateAuthHeaders('headers', answer.headers);
  } catch (error) {
    const field = (error as ApiSigError).field ?? 'headers';
    throw invalidResponse(`the remote signer answered invalid ${field}`, error);
  }
  const tokenless =
    headers['x-signature'] === undefined && headers['x-app-signature'] === undefined;
  const finite = typeof answer.expiresAt === 'number' && Number.isFinite(answer.expiresAt);
  if (!finite && !(answer.expiresAt === null && tokenless)) {
    throw invalidResponse('the remote signer answered no finite expiresAt');
  }
  return { headers, expiresAt: answer.expiresAt as number | null };
}

interface Cached {
  signed: SignedHeaders;
  refreshAt: number;
}

export function createRemoteSigner(options: RemoteSignerOptions): RemoteSigner {
  const { url: target, fetch: fetchOption, headers: extraHeaders } = validateOptions(options);
  const url = String(target);
  const clock = options.clock ?? (() => Date.now());
  let cached: Cached | undefined;
  let inFlight: Promise<SignedHeaders> | undefined;
  // A clear() while a request is out must not let its (older) answer into the cache.
  let generation = 0;

  const request = async (): Promise<Cached> => {
    const headers = new Headers(
      typeof extraHeaders === 'function' ? await extraHeaders() : extraHeaders,
    );
    headers.set('content-type', 'application/json');
    headers.set('accept', 'application/json');
    const fetchImpl = fetchOption ?? globalThis.fetch;
    const sentAt = clock();
    let response: Response;
    try {
      response = await fetchImpl(url, {
        method: 'POST',
        credentials: 'same-origin',
        headers,
        body: '{}',
      });
    } catch (error) {
      throw refused('the remote signer could not be reached', undefined, error);
    }
    const receivedAt = clock();
    if (!response.ok) {
      await response.body?.cancel().catch(() => undefined);
      throw refused(`the remote signer refused with status ${response.status}`, response.status);
    }
    const answer = parseAnswer(await response.text());
    if (answer.expiresAt === null) return { signed: answer, refreshAt: Number.POSITIVE_INFINITY };
    // expiresAt is on the server's clock; its Date header tells how far ours is from it.
    const offsetSeconds = estimateClockOffset({
      date: response.headers.get('date'),
      age: response.headers.get('age'),
      sentAt,
      receivedAt,
    });
    const expiresAt = answer.expiresAt - (offsetSeconds ?? 0) * 1000;
    const lifetime = expiresAt - receivedAt;
    const margin = Math.max(lifetime * REFRESH_SHARE, REFRESH_MARGIN_MS);
    return { signed: { headers: answer.headers, expiresAt }, refreshAt: expiresAt - margin };
  };

  const sign = (): Promise<SignedHeaders> => {
    if (cached !== undefined && clock() < cached.refreshAt) return Promise.resolve(cached.signed);
    if (inFlight === undefined) {
      const started = generation;
      const pending = request().then(
        (fresh) => {
          if (started === generation) cached = fresh;
          return fresh.signed;
        },
        (error: unknown) => {
          // A failure is not cached: the next call asks again.
          if (started === generation) cached = undefined;
          throw error;
        },
      );
      inFlight = pending;
      const release = () => {
        if (inFlight === pending) inFlight = undefined;
      };
      pending.then(release, release);
    }
    return inFlight;
  };

  return Object.freeze({
    url,
    sign,
    headers: () => sign().then((signed) => signed.headers),
    clock,
    clear() {
      generation++;
      cached = undefined;
      inFlight = undefined;
    },
    toJSON: () => ({ url }),
  });
}
