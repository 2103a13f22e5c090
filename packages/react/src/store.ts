/**
 * An external store over a signer, for useSyncExternalStore: the current auth headers as an
 * immutable snapshot, replaced shortly before they expire, and one signed fetch for the app.
 * Subscriptions are reference-counted, like TanStack Query's mount: the first subscriber
 * starts the refresh timer, the last one to leave stops it, so StrictMode's double mount
 * leaves nothing behind. Nothing here touches a browser global before a subscription, and
 * server rendering never subscribes.
 */
import {
  type AnyFetch,
  type AuthHeaders,
  type ClockObservation,
  createSignedFetch,
  type FetchLike,
  type HeaderSource,
  type MaybePromise,
  type SignedHeaders,
} from '@apisig/web';

/** What the provider accepts as `signer`: a web signer, a remote signer, or any look-alike. */
export interface SigningSource extends HeaderSource {
  sign(): MaybePromise<SignedHeaders>;
  /** Seconds added to `clock()` (a local signer's skew correction); expiresAt is on that clock. */
  readonly clockOffset?: number;
}

export type AuthHeadersStatus = 'pending' | 'ready' | 'error';

export interface AuthHeadersSnapshot {
  /** Headers to send, or null before the first signing (and during server rendering). */
  headers: AuthHeaders | null;
  status: AuthHeadersStatus;
  /** Why the latest signing failed (an ApiSigError for a refusing remote signer), else null. */
  error: unknown;
}

export interface SignerStore {
  readonly signer: SigningSource;
  /** A fetch that signs every call; one per store, so its identity never changes. */
  readonly fetch: FetchLike;
  /** The first subscriber starts the refresh cycle, the last one to leave stops it. */
  subscribe(listener: () => void): () => void;
  getSnapshot(): AuthHeadersSnapshot;
  getServerSnapshot(): AuthHeadersSnapshot;
}

/** Snapshots are replaced when less than this share of their lifetime is left. */
const REFRESH_SHARE = 1 / 3;
/** Never refresh sooner than this after the previous signing (a signer answering stale headers). */
const MIN_REFRESH_DELAY_MS = 1000;
/** A failed signing is retried after 1 s, 2 s, 4 s ... up to this. */
const MAX_RETRY_DELAY_MS = 30_000;

const PENDING: AuthHeadersSnapshot = Object.freeze({
  headers: null,
  status: 'pending',
  error: null,
});

function sameHeaders(a: AuthHeaders | null, b: AuthHeaders): boolean {
  if (a === null) return false;
  const keys = Object.keys(b) as Array<keyof AuthHeaders>;
  return keys.length === Object.keys(a).length && keys.every((name) => a[name] === b[name]);
}

export interface SignerStoreOptions {
  /** The fetch the signed fetch wraps. Default: the global fetch, looked up at call time. */
  fetch?: AnyFetch;
}

export function createSignerStore(
  signer: SigningSource,
  options: SignerStoreOptions = {},
): SignerStore {
  const listeners = new Set<() => void>();
  let snapshot = PENDING;
  let expiresAt: number | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  /** When the scheduled refresh is due, on the signer's clock. */
  let dueAt = Number.POSITIVE_INFINITY;
  let failures = 0;
  // Bumped on every start, stop and refresh: a signing that finishes late is ignored.
  let generation = 0;

  /** Now, on the clock the signer's expiresAt is on. */
  const now = () => (signer.clock ? signer.clock() : Date.now()) + (signer.clockOffset ?? 0) * 1000;

  const publish = (next: AuthHeadersSnapshot) => {
    snapshot = next;
    for (const listener of listeners) listener();
  };

  const schedule = (run: () => void, delay: number) => {
    clearTimeout(timer);
    timer = setTimeout(run, delay);
    dueAt = now() + delay;
  };

  const refresh = () => {
    const current = ++generation;
    clearTimeout(timer);
    timer = undefined;
    dueAt = Number.POSITIVE_INFINITY;
    Promise.resolve()
      .then(() => signer.sign())
      .then(
        (signed) => {
          if (current !== generation) return;
          failures = 0;
          expiresAt = signed.expiresAt;
          if (snapshot.status !== 'ready' || !sameHeaders(snapshot.headers, signed.headers)) {
            publish(Object.freeze({ headers: signed.headers, status: 'ready', error: null }));
          }
          if (expiresAt === null) return; // headers without a token never expire
          const remaining = expiresAt - now();
          schedule(refresh, Math.max(remaining * (1 - REFRESH_SHARE), MIN_REFRESH_DELAY_MS));
        },
        (error: unknown) => {
          if (current !== generation) return;
          const stillValid = expiresAt !== null && expiresAt > now();
          publish(
            Object.freeze({
              headers: stillValid ? snapshot.headers : null,
              status: 'error',
              error,
            }),
          );
          schedule(refresh, Math.min(1000 * 2 ** failures++, MAX_RETRY_DELAY_MS));
        },
      );
  };

  // Headers that expired while nobody watched (no refresh timer ran) are not shown as ready:
  // a consumer mounting later starts from pending.
  const forgetExpired = () => {
    if (listeners.size === 0 && expiresAt !== null && expiresAt <= now()) {
      snapshot = PENDING;
      expiresAt = null;
    }
  };

  // Browsers throttle timers in hidden tabs (down to once a minute): when the tab shows
  // again, an overdue refresh runs at once rather than at the next throttled tick.
  const onVisibilityChange = () => {
    if (document.visibilityState === 'visible' && now() >= dueAt) refresh();
  };

  const start = () => {
    if (typeof document !== 'undefined') {
      document.addEventListener('visibilitychange', onVisibilityChange);
    }
    refresh();
  };

  const stop = () => {
    generation++;
    clearTimeout(timer);
    timer = undefined;
    if (typeof document !== 'undefined') {
      document.removeEventListener('visibilitychange', onVisibilityChange);
    }
  };

  // The signed fetch feeds each response's Date to the signer; when that moves its clock
  // offset, the snapshot's tokens were minted on the wrong clock: replace them now.
  const source: HeaderSource = {
    headers: () => signer.headers(),
    clock: () => (signer.clock ? signer.clock() : Date.now()),
    syncClock(observation: ClockObservation) {
      const moved = signer.syncClock?.(observation) ?? false;
      if (moved && listeners.size > 0) refresh();
      return moved;
    },
  };

  return {
    signer,
    fetch: createSignedFetch(source, { fetch: options.fetch }),
    subscribe(listener) {
      forgetExpired();
      listeners.add(listener);
      if (listeners.size === 1) start();
      return () => {
        if (!listeners.delete(listener)) return;
        if (listeners.size === 0) stop();
      };
    },
    getSnapshot() {
      forgetExpired();
      return snapshot;
    },
    getServerSnapshot: () => PENDING,
  };
}
