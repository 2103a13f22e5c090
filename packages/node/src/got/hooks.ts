/**
 * got's hooks, bound to core's signing session. got runs beforeRequest for every attempt and
 * every redirect hop (after the body is serialised), beforeRedirect before a hop, and
 * afterResponse on the final response: so each hop is checked and signed in beforeRequest,
 * each redirect's Date observed in beforeRedirect, and the one retry asked for in
 * afterResponse. What a request has been through lives in its `context`, under symbols of
 * this module: got copies the context to every hop and retry, and no caller can forge it.
 */
import type { HeaderRecord, HeaderSource } from '@apisig/core';
import {
  createSigningSession,
  type HeaderWriter,
  isReplayableBody,
  readHeader,
  type SigningSession,
  validateOptionsRecord,
} from '@apisig/core/adapter';

/** The request was redirected: a hop to another origin goes bare, it is not refused. */
const REDIRECTED = Symbol('apisig.redirected');
/** The request had its one retry. */
const RETRIED = Symbol('apisig.retried');
/** When this hop was sent (the source's raw clock), for the Date it brings back. */
const SENT_AT = Symbol('apisig.sentAt');
/** An API response on the way here moved the signer's clock. */
const MOVED = Symbol('apisig.moved');

interface Marks {
  [REDIRECTED]?: boolean;
  [RETRIED]?: boolean;
  [SENT_AT]?: number;
  [MOVED]?: boolean;
}

/** Anything of got's with a context: Options, NormalizedOptions. */
type WithContext = { context: Record<string, unknown> };

const marks = (options: WithContext) => options.context as Marks;

/**
 * What the hooks read and write of got's request options (got's Options has all of it).
 *
 * @example
 * ```ts
 * const seen: GotRequestOptions = response.request.options;
 * ```
 */
export interface GotRequestOptions {
  url?: string | URL;
  headers: Record<string, string | string[] | undefined>;
  context: Record<string, unknown>;
  body?: unknown;
}

/**
 * What the hooks read of a got response (got's Response and PlainResponse have it).
 *
 * @example
 * ```ts
 * const answer: GotResponseLike = await got('https://api.example.com/v1/me');
 * ```
 */
export interface GotResponseLike {
  statusCode: number;
  url: string;
  headers: HeaderRecord;
  rawBody?: Buffer;
  request: { options: GotRequestOptions };
}

/**
 * got hooks, typed by what they touch so that they need no got types of their own (got is
 * ESM-only): `got.extend()` takes them as its ExtendOptions.
 *
 * @example
 * ```ts
 * const api = got.extend(apiSigHooks(signer, { baseUrl }) satisfies GotSigningHooks);
 * ```
 */
export interface GotSigningHooks {
  hooks: {
    /** Checks the origin of every attempt and hop, and signs it. */
    beforeRequest: Array<(options: GotRequestOptions) => Promise<void>>;
    /** Observes a redirect's Date and marks the request as redirected. */
    beforeRedirect: Array<
      (next: GotRequestOptions, response: Pick<GotResponseLike, 'url' | 'headers'>) => void
    >;
    /** Observes the final Date and asks for the one retry of a 401. */
    afterResponse: Array<
      <Response extends GotResponseLike>(
        response: Response,
        retryWithMergedOptions: (options: {
          context: Record<string, unknown>;
          preserveHooks: boolean;
        }) => never,
      ) => Response
    >;
  };
}

/** got's header object (lower-case names, though a hook may add any casing). */
function writerFor(headers: Record<string, unknown>): HeaderWriter {
  return {
    set: (name, value) => {
      headers[name.toLowerCase()] = value;
    },
    delete: (name) => {
      for (const key of Object.keys(headers)) {
        if (key.toLowerCase() === name.toLowerCase()) delete headers[key];
      }
    },
  };
}

const viewOf = (headers: HeaderRecord) => ({
  get: (name: string) => readHeader(headers, name) ?? null,
});

function refusalOf(rawBody: Buffer | undefined): unknown {
  try {
    return rawBody === undefined ? null : JSON.parse(rawBody.toString('utf8'));
  } catch {
    return null;
  }
}

/** Whether `url` is another origin's, for a request that was redirected there. */
const hopElsewhere = (session: SigningSession, options: WithContext, url: URL) =>
  url.origin !== session.origin && marks(options)[REDIRECTED] === true;

/**
 * What `apiSigHooks` takes besides the signer.
 *
 * @example
 * ```ts
 * const options: GotSigningOptions = { baseUrl: 'https://api.example.com' };
 * ```
 */
export interface GotSigningOptions {
  /**
   * The API's URL. A request for any other origin is refused (got's RequestError with code
   * `origin_refused`, the ApiSigError as its `cause`) before a connection is made.
   */
  baseUrl: string | URL;
}

/**
 * got hooks that sign every request for the API at `baseUrl` with the headers of `source`:
 * extend a got instance with them.
 *
 * Each attempt and each redirect hop is signed afresh; a request for another origin is
 * refused before a connection is made; a redirect to another origin is followed without our
 * headers nor authorization; the API's Date feeds the signer's clock; and a 401 from the API
 * is retried once when the clock moved (or a remote signer's headers were stale) and the body
 * can be sent again (a string, bytes, `json` or `form`; not a stream nor a FormData, which
 * got turns into a stream). got's own retries never add a second one.
 *
 * @example
 * ```ts
 * import { createSigner } from '@apisig/node';
 * import { apiSigHooks } from '@apisig/node/got';
 * import got from 'got';
 *
 * const api = got.extend(
 *   { prefixUrl: 'https://api.example.com' },
 *   apiSigHooks(createSigner({ apiKey, jwtKey }), { baseUrl: 'https://api.example.com' }),
 * );
 * const me = await api.get('v1/me').json();
 * ```
 */
export function apiSigHooks(source: HeaderSource, options: GotSigningOptions): GotSigningHooks {
  const record = validateOptionsRecord('options', options, ['baseUrl']);
  const session = createSigningSession(source, record.baseUrl);
  return {
    hooks: {
      beforeRequest: [
        async (request) => {
          const url = new URL(String(request.url)); // got's own URL object, absolute by now
          // A request (or got's retry of one) for another origin: origin_refused, nothing sent.
          if (!hopElsewhere(session, request, url)) session.target(url);
          await session.sign(url, writerFor(request.headers));
          marks(request)[SENT_AT] = session.clock();
        },
      ],
      beforeRedirect: [
        (next, response) => {
          const context = marks(next);
          const url = new URL(response.url);
          const sentAt = context[SENT_AT] ?? Number.NaN;
          if (session.observe(url, viewOf(response.headers), sentAt)) context[MOVED] = true;
          context[REDIRECTED] = true;
        },
      ],
      afterResponse: [
        (response, retryWithMergedOptions) => {
          const { options } = response.request;
          const context = marks(options);
          const url = new URL(response.url);
          const sentAt = context[SENT_AT] ?? Number.NaN;
          const moved = session.observe(url, viewOf(response.headers), sentAt) || !!context[MOVED];
          // Whether a 401 is ours to retry (the API's own, after a clock move or stale headers)
          // is the session's call; got restarts the retry from the last hop.
          if (response.statusCode !== 401) return response;
          if (context[RETRIED] || !isReplayableBody(options.body)) return response;
          const refusal = moved ? null : refusalOf(response.rawBody);
          if (!session.retryAfter(url, 401, moved, refusal)) return response;
          // Our clock was off (or our headers stale) and is corrected now: one more try.
          // got ignores retry.limit here, so RETRIED (copied to every later attempt) keeps it one.
          const retried: Marks = { [RETRIED]: true, [MOVED]: false };
          return retryWithMergedOptions({
            context: retried as Record<string, unknown>,
            preserveHooks: true,
          });
        },
      ],
    },
  };
}
