/**
 * One dispatch through the apiSig interceptor: signed by core's session (ours for the API's
 * origin; none, nor authorization, for a hop elsewhere), the API's Date fed to the signer's
 * clock, a redirect elsewhere announced, and a 401 of a replayable body retried once by
 * dispatching again. The caller's handler sees one request: the first attempt's start, then
 * the answer it gets; the 401 that was retried never reaches it.
 */
import type { HeaderRecord } from '@apisig/core';
import { readHeader, redirectTarget, type SigningSession } from '@apisig/core/adapter';
import type { Dispatcher } from 'undici';
import type { AnnouncedHops } from './announced-hops.js';
import { flatHeaders, headerPairs, pairsWriter } from './header-list.js';

type ResponseHeaders = Parameters<NonNullable<Dispatcher.DispatchHandler['onResponseStart']>>[2];

/** Control calls of the caller, forwarded to the current attempt; an abort between attempts is kept. */
class AttemptController implements Dispatcher.DispatchController {
  target: Dispatcher.DispatchController | null = null;
  #reason: Error | null = null;
  get aborted() {
    return this.#reason !== null || (this.target?.aborted ?? false);
  }
  get paused() {
    return this.target?.paused ?? false;
  }
  get reason() {
    return this.#reason ?? this.target?.reason ?? null;
  }
  abort(reason: Error) {
    this.#reason = reason;
    this.target?.abort(reason);
  }
  pause() {
    this.target?.pause();
  }
  resume() {
    this.target?.resume();
  }
}

/** A 401 held back until its body is read and the session decides whether to retry. */
interface Held {
  status: number;
  headers: ResponseHeaders;
  message: string | undefined;
  moved: boolean;
  chunks: Buffer[];
}

/** What a dispatch handler needs from its interceptor. */
export interface DispatchContext {
  session: SigningSession;
  hops: AnnouncedHops;
  dispatch: Dispatcher.Dispatch;
}

const parse = (chunks: Buffer[]): unknown => {
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    return null;
  }
};

export class SigningDispatch implements Dispatcher.DispatchHandler {
  readonly #controller = new AttemptController();
  #started = false;
  #retried = false;
  #held: Held | null = null;
  #sentAt = 0;

  constructor(
    private readonly context: DispatchContext,
    private readonly url: URL,
    private readonly opts: Dispatcher.DispatchOptions,
    private readonly handler: Dispatcher.DispatchHandler,
    /** The body as it can be sent (buffered when it had to be), and whether it can be sent twice. */
    private readonly body: Dispatcher.DispatchOptions['body'],
    private readonly replayable: boolean,
  ) {}

  /** One attempt: fresh headers from the caller's, signed for this hop, dispatched. */
  async send(): Promise<void> {
    const pairs = headerPairs(this.opts.headers);
    await this.context.session.sign(this.url, pairsWriter(pairs));
    if (this.#controller.aborted) throw this.#controller.reason;
    this.#sentAt = this.context.session.clock();
    // maxRedirections: 0 turns off a redirect interceptor composed inside this one, which
    // would follow hops we never see; one composed outside sends each hop through us.
    const signed = {
      ...this.opts,
      body: this.body,
      headers: flatHeaders(pairs),
      maxRedirections: 0,
    };
    this.context.dispatch(signed as Dispatcher.DispatchOptions, this);
  }

  /** An error before or between attempts, handed to the caller. */
  fail(error: unknown): void {
    this.handler.onResponseError?.(this.#controller, error as Error);
  }

  onRequestStart(controller: Dispatcher.DispatchController, context: unknown): void {
    this.#controller.target = controller;
    if (this.#started) return; // a retry is not a new request to the caller
    this.#started = true;
    this.handler.onRequestStart?.(this.#controller, context);
  }

  onRequestUpgrade(
    _controller: Dispatcher.DispatchController,
    status: number,
    headers: ResponseHeaders,
    socket: import('node:stream').Duplex,
  ): void {
    this.handler.onRequestUpgrade?.(this.#controller, status, headers, socket);
  }

  onResponseStart(
    _controller: Dispatcher.DispatchController,
    status: number,
    headers: ResponseHeaders,
    message?: string,
  ): void {
    const { session, hops } = this.context;
    const view = { get: (name: string) => readHeader(headers as HeaderRecord, name) ?? null };
    const moved = session.observe(this.url, view, this.#sentAt);
    const next = redirectTarget(status, view.get('location'), this.url);
    if (next !== null && next.origin !== session.origin) hops.announce(next);
    if (status === 401 && this.replayable && !this.#retried) {
      this.#held = { status, headers, message, moved, chunks: [] };
      return;
    }
    this.handler.onResponseStart?.(this.#controller, status, headers, message);
  }

  onResponseData(_controller: Dispatcher.DispatchController, chunk: Buffer): void {
    if (this.#held) this.#held.chunks.push(chunk);
    else this.handler.onResponseData?.(this.#controller, chunk);
  }

  onResponseEnd(_controller: Dispatcher.DispatchController, trailers: ResponseHeaders): void {
    const held = this.#held;
    if (held === null) {
      this.handler.onResponseEnd?.(this.#controller, trailers);
      return;
    }
    this.#held = null;
    const refusal = held.moved ? null : parse(held.chunks);
    if (this.context.session.retryAfter(this.url, held.status, held.moved, refusal)) {
      // Our clock was off (or our headers stale) and is corrected now: one more try.
      this.#retried = true;
      this.send().catch((error: unknown) => this.fail(error));
      return;
    }
    this.handler.onResponseStart?.(this.#controller, held.status, held.headers, held.message);
    for (const chunk of held.chunks) this.handler.onResponseData?.(this.#controller, chunk);
    this.handler.onResponseEnd?.(this.#controller, trailers);
  }

  onResponseError(_controller: Dispatcher.DispatchController, error: Error): void {
    this.handler.onResponseError?.(this.#controller, error);
  }
}
