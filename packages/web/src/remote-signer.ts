/**
 * A signer whose headers come from the app's own backend (the node package's
 * `createSigningHandler`): no secret ever reaches the browser, only short-lived headers.
 */
import {
  type AnyFetch,
  ApiSigError,
  type AuthHeaders,
  estimateClockOffset,
  type FetchLike,
  HEADERS,
  invalidOption,
  type SignedHeaders,
  TTL_RANGE,
  validateAuthHeaders,
  validateClock,
  validateOptionsRecord,
  validateTimeout,
} from '@apisig/core';

export interface RemoteSignerOptions {
  /** The signing endpoint, e.g. `/api/apisig/sign`. It is sent `POST {}` as JSON. */
  url: string | URL;
  /** The fetch to call it with. Default: the global fetch, looked up at call time. */
  fetch?: AnyFetch;
  /** Extra request headers (a CSRF token): a value, or a function read before each request. */
  headers?: ExtraHeaders | (() => ExtraHeaders | Promise<ExtraHeaders>);
  /** The local clock, epoch ms. Default `Date.now`. */
  clock?: () => number;
  /** An endpoint that has not answered by then is a refusal (`remote_signer_refused`). Default 10000 ms. */
  timeoutMs?: number;
}

/** Request headers as `new Headers()` takes them (HeadersInit, without needing the DOM lib). */
export type ExtraHeaders =
  | Headers
  | Record<string, string>
  | ReadonlyArray<readonly [string, string]>;

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

/** No token outlives the longest ttl a signer may use: a later expiresAt is not believed. */
const LONGEST_LIFETIME_MS = TTL_RANGE.max * 1000;
const DEFAULT_TIMEOUT_MS = 10_000;

const OPTION_FIELDS = ['url', 'fetch', 'headers', 'clock', 'timeoutMs'];

function validateOptions(options: RemoteSignerOptions): RemoteSignerOptions {
  validateOptionsRecord('options', options, OPTION_FIELDS);
  const { url, fetch, headers } = options;
  if (!(url instanceof URL) && (typeof url !== 'string' || url.length === 0)) {
    throw invalidOption('url', 'must be a non-empty string or a URL');
  }
  if (fetch !== undefined && typeof fetch !== 'function') {
    throw invalidOption('fetch', 'must be a function');
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
    headers[HEADERS.signature] === undefined && headers[HEADERS.appSignature] === undefined;
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
  const clock = validateClock('clock', options.clock);
  const timeoutMs = validateTimeout('timeoutMs', options.timeoutMs, DEFAULT_TIMEOUT_MS);
  let cached: Cached | undefined;
  let inFlight: Promise<SignedHeaders> | undefined;
  // A clear() while a request is out must not let its (older) answer into the cache.
  let generation = 0;

  /** POST to the endpoint and read its answer; a timeout covers both, a refusal is typed. */
  const post = async (headers: Headers): Promise<{ response: Response; text: string }> => {
    const fetchImpl = (fetchOption ?? globalThis.fetch) as unknown as FetchLike;
    // An endpoint that never answers must not leave every request waiting forever.
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), timeoutMs);
    try {
      const init = { method: 'POST', credentials: 'same-origin', headers, body: '{}' } as const;
      const response = await fetchImpl(url, { ...init, signal: abort.signal });
      if (!response.ok) {
        await response.body?.cancel().catch(() => undefined);
        throw refused(`the remote signer refused with status ${response.status}`, response.status);
      }
      return { response, text: await response.text() };
    } catch (error) {
      if (error instanceof ApiSigError) throw error;
      throw abort.signal.aborted
        ? refused(`the remote signer did not answer within ${timeoutMs} ms`, undefined, error)
        : refused('the remote signer could not be reached', undefined, error);
    } finally {
      clearTimeout(timer);
    }
  };

  const request = async (): Promise<Cached> => {
    const extra = typeof extraHeaders === 'function' ? await extraHeaders() : extraHeaders;
    const headers = new Headers(extra as HeadersInit | undefined);
    headers.set('content-type', 'application/json');
    headers.set('accept', 'application/json');
    const sentAt = clock();
    const { response, text } = await post(headers);
    const receivedAt = clock();
    const answer = parseAnswer(text);
    if (answer.expiresAt === null) return { signed: answer, refreshAt: Number.POSITIVE_INFINITY };
    // expiresAt is on the server's clock; its Date header tells how far ours is from it.
    const offsetSeconds = estimateClockOffset({
      date: response.headers.get('date'),
      age: response.headers.get('age'),
      sentAt,
      receivedAt,
    });
    const expiresAt = Math.min(
      answer.expiresAt - (offsetSeconds ?? 0) * 1000,
      receivedAt + LONGEST_LIFETIME_MS,
    );
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
