/**
 * A signer whose headers come from the app's own backend (`@apisig/node`'s
 * createSigningHandler): no secret ever reaches the browser, only short-lived headers. The
 * answer is read by core's remote-signing protocol; this adds the fetch, the cache and the
 * one request shared by concurrent callers.
 */
import {
  type AnyFetch,
  ApiSigError,
  type AuthHeaders,
  type FetchLike,
  type HeaderSource,
  type SignedHeaders,
} from '@apisig/core';
import {
  estimateClockOffset,
  invalidOption,
  localExpiry,
  MAX_REMOTE_ANSWER_BYTES,
  parseRemoteSigningAnswer,
  refreshAt,
  validateClock,
  validateOptionsRecord,
  validateTimeout,
} from '@apisig/core/adapter';

/**
 * Request headers as `new Headers()` takes them (HeadersInit, without needing the DOM lib).
 *
 * @example
 * ```ts
 * const headers: ExtraHeaders = { 'x-csrf-token': csrfToken };
 * createRemoteSigner({ url: '/api/apisig/sign', headers });
 * ```
 */
export type ExtraHeaders =
  | Headers
  | Record<string, string>
  | ReadonlyArray<readonly [string, string]>;

/**
 * What `createRemoteSigner` takes.
 *
 * @example
 * ```ts
 * const options: RemoteSignerOptions = {
 *   url: '/api/apisig/sign',
 *   headers: () => ({ 'x-csrf-token': readCsrfCookie() }),
 *   timeoutMs: 5000,
 * };
 * ```
 */
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
  /**
   * Whether the request carries cookies: `'same-origin'` (the default), `'include'` for a
   * signing endpoint on another origin with a cookie session, `'omit'`.
   */
  credentials?: 'omit' | 'same-origin' | 'include';
}

/**
 * Headers from the app's own signing endpoint, cached while fresh.
 *
 * @example
 * ```ts
 * const remote: RemoteSigner = createRemoteSigner({ url: '/api/apisig/sign' });
 * await remote.headers(); // one POST, then the cached headers until a third of their life is left
 * remote.clear(); // after a log-out: the next call asks again
 * ```
 */
export interface RemoteSigner extends HeaderSource {
  readonly url: string;
  /** Headers for one request: the cached ones while fresh, else one shared request. */
  headers(): Promise<AuthHeaders>;
  /** Headers plus when they expire, epoch ms on the local clock. */
  sign(): Promise<SignedHeaders>;
  /** The local clock, epoch ms. */
  clock(): number;
  /** Forget the cached headers (after a log-in or log-out): the next call asks again. */
  clear(): void;
  /** What printing the signer shows: its URL, never the caller's extra headers. */
  toJSON(): { url: string };
}

const DEFAULT_TIMEOUT_MS = 10_000;
const OPTION_FIELDS = ['url', 'fetch', 'headers', 'clock', 'timeoutMs', 'credentials'];
const CREDENTIALS = ['omit', 'same-origin', 'include'];

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
  if (options.credentials !== undefined && !CREDENTIALS.includes(options.credentials)) {
    throw invalidOption('credentials', `must be one of ${CREDENTIALS.join(', ')}`);
  }
  return options;
}

function refused(message: string, status: number | undefined, cause?: unknown): ApiSigError {
  return new ApiSigError('remote_signer_refused', message, { field: 'url', status, cause });
}

/**
 * The answer's text, read up to MAX_REMOTE_ANSWER_BYTES and no further: a huge answer is
 * refused without holding it (`remote_signer_invalid_response`).
 */
async function readCapped(response: Response): Promise<string> {
  const tooLarge = () =>
    new ApiSigError('remote_signer_invalid_response', 'the remote signer answered too much', {
      field: 'response',
    });
  if (Number(response.headers.get('content-length')) > MAX_REMOTE_ANSWER_BYTES) {
    await response.body?.cancel().catch(() => undefined);
    throw tooLarge();
  }
  const reader = response.body?.getReader();
  if (reader === undefined) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_REMOTE_ANSWER_BYTES) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return new TextDecoder().decode(bytes);
}

interface Cached {
  signed: SignedHeaders;
  refreshAt: number;
}

/**
 * A signer for browsers that holds no secret: it asks the app's own backend (an endpoint made
 * with `@apisig/node`'s createSigningHandler) for short-lived headers, caches them until a
 * third of their lifetime is left, shares one request among concurrent callers, and refuses
 * an answer that is not valid headers (`remote_signer_invalid_response`) or no answer
 * (`remote_signer_refused`).
 *
 * @example
 * ```ts
 * import { createRemoteSigner, createSignedFetch } from '@apisig/web';
 *
 * const api = createSignedFetch(createRemoteSigner({ url: '/api/apisig/sign' }));
 * const orders = await (await api('https://api.example.com/v1/orders')).json();
 * ```
 */
export function createRemoteSigner(options: RemoteSignerOptions): RemoteSigner {
  const { url: target, fetch: fetchOption, headers: extraHeaders } = validateOptions(options);
  const url = String(target);
  const clock = validateClock('clock', options.clock);
  const timeoutMs = validateTimeout('timeoutMs', options.timeoutMs, DEFAULT_TIMEOUT_MS);
  const credentials = options.credentials ?? 'same-origin';
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
      // A redirect is refused: its target would get the caller's headers (a CSRF token), and
      // its answer would be believed.
      const init = { method: 'POST', credentials, headers, body: '{}', redirect: 'error' } as const;
      const response = await fetchImpl(url, { ...init, signal: abort.signal });
      if (!response.ok) {
        await response.body?.cancel().catch(() => undefined);
        throw refused(`the remote signer refused with status ${response.status}`, response.status);
      }
      return { response, text: await readCapped(response) };
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
    const answer = parseRemoteSigningAnswer(text);
    // The answer's expiresAt is on the server's clock; its Date header tells how far ours is.
    const offsetSeconds = estimateClockOffset({
      date: response.headers.get('date'),
      age: response.headers.get('age'),
      sentAt,
      receivedAt,
    });
    const expiresAt = localExpiry(answer, { receivedAt, offsetSeconds });
    const signed = { headers: answer.headers, expiresAt };
    if (expiresAt === null) return { signed, refreshAt: Number.POSITIVE_INFINITY };
    return { signed, refreshAt: refreshAt(receivedAt, expiresAt) };
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
