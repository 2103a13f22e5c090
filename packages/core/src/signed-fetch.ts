/**
 * A fetch that signs every request: our headers merged in (the caller's others kept, ours
 * win for our four names), each response's Date fed to the signer's clock, and one retry of
 * a 401 when that moved the clock offset and the body can be sent again.
 */
import { HEADERS } from './contract.js';
import type { HeaderSource } from './header-source.js';

/** The standard fetch shape: what a signed fetch is, when it wraps the global fetch. */
export type FetchLike = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

/** What apisig reads of a response: the common part of every fetch implementation's. */
export interface ResponseLike {
  readonly ok: boolean;
  readonly status: number;
  readonly headers: { get(name: string): string | null };
  readonly body: { cancel(reason?: unknown): Promise<void> } | null;
  text(): Promise<string>;
}

/**
 * Any fetch apisig can wrap or call: the global one, undici's, a test double. Typed by what
 * it answers: undici declares its own Request and RequestInit, which TypeScript will not
 * take for the global ones (nor the reverse), so precise parameter types would refuse it.
 */
// biome-ignore lint/suspicious/noExplicitAny: see above; apisig calls it with (string | URL | Request, RequestInit)
export type AnyFetch = (input: any, init?: any) => Promise<ResponseLike>;

export interface SignedFetchOptions {
  /** The fetch to wrap (the global one, undici's...). Default: the global fetch, looked up at call time. */
  fetch?: AnyFetch;
}

const OUR_HEADERS = /* @__PURE__ */ Object.values(HEADERS);

function isRequest(input: string | URL | Request): input is Request {
  return typeof Request !== 'undefined' && input instanceof Request;
}

/** A stream can be read once; anything else fetch accepts can be sent again as it is. */
function isReplayableBody(body: BodyInit | null | undefined): boolean {
  return !(typeof ReadableStream !== 'undefined' && body instanceof ReadableStream);
}

type Send = () => { input: string | URL | Request; init: RequestInit | undefined };

/** How to send the same request a second time, or null when its body cannot be. */
function prepareReplay(input: string | URL | Request, init: RequestInit | undefined): Send | null {
  if (init?.body !== undefined && init.body !== null) {
    return isReplayableBody(init.body) ? () => ({ input, init }) : null;
  }
  if (isRequest(input) && input.body !== null) {
    // Keep an unread copy: the first send consumes the original's body.
    const spare = input.clone();
    return () => ({ input: spare, init });
  }
  return () => ({ input, init });
}

export function createSignedFetch(
  source: HeaderSource,
  options: SignedFetchOptions = {},
): FetchLike {
  const clock = () => source.clock();

  const send = async (input: string | URL | Request, init: RequestInit | undefined) => {
    const auth = await source.headers();
    const headers = new Headers(init?.headers ?? (isRequest(input) ? input.headers : undefined));
    for (const name of OUR_HEADERS) headers.delete(name);
    for (const [name, value] of Object.entries(auth)) headers.set(name, value as string);
    const fetchImpl = (options.fetch ?? globalThis.fetch) as unknown as FetchLike;
    const sentAt = clock();
    const response = await fetchImpl(input, { ...init, headers });
    const moved =
      source.syncClock?.({
        date: response.headers.get('date'),
        age: response.headers.get('age'),
        sentAt,
        receivedAt: clock(),
      }) ?? false;
    return { response, moved };
  };

  return async (input, init) => {
    const replay = prepareReplay(input, init);
    const first = await send(input, init);
    if (first.response.status !== 401 || !first.moved || replay === null) return first.response;
    // Our clock was off and is corrected now: this request deserves one more try.
    await first.response.body?.cancel().catch(() => undefined);
    const again = replay();
    return (await send(again.input, again.init)).response;
  };
}
