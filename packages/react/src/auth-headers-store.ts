/**
 * An external store of the current auth headers, for useSyncExternalStore: an immutable
 * snapshot, replaced before it goes stale (core's refresh policy). Subscriptions are counted
 * like TanStack Query's mount: the first subscriber starts the refresh timer, the last one to
 * leave stops it, so StrictMode's double mount leaves nothing behind. Nothing here touches a
 * browser global before a subscription, and server rendering never subscribes.
 */
import type { AuthHeaders, HeaderSource } from '@apisig/core';
import { refreshAt } from '@apisig/core/adapter';

/**
 * Where the headers useAuthHeaders gives stand: not signed yet, ready, or the last signing
 * failed (stale headers are dropped once they expire).
 *
 * @example
 * ```tsx
 * const { status } = useAuthHeaders();
 * return status === 'ready' ? <Dashboard /> : <Spinner />;
 * ```
 */
export type AuthHeadersStatus = 'pending' | 'ready' | 'error';

/**
 * The current headers, for libraries that take a fixed header object.
 *
 * @example
 * ```tsx
 * const { headers, status, error } = useAuthHeaders();
 * if (status === 'error') return <p>Cannot sign: {String(error)}</p>;
 * ```
 */
export interface AuthHeadersSnapshot {
  /** Headers to send, or null before the first signing (and during server rendering). */
  headers: AuthHeaders | null;
  status: AuthHeadersStatus;
  /** Why the latest signing failed (an ApiSigError for a refusing remote signer), else null. */
  error: unknown;
}

export interface AuthHeadersStore {
  /** The first subscriber starts the refresh cycle, the last one to leave stops it. */
  subscribe(listener: () => void): () => void;
  getSnapshot(): AuthHeadersSnapshot;
  getServerSnapshot(): AuthHeadersSnapshot;
  /** The signed fetch moved the signer's clock offset: the snapshot's tokens are stale. */
  clockMoved(): void;
}

/** Never refresh sooner than this after the previous signing (a signer answering stale headers). */
const MIN_REFRESH_DELAY_MS = 1000;
/** A failed signing is retried after 1 s, 2 s, 4 s ... up to this. */
const MAX_RETRY_DELAY_MS = 30_000;

const PENDING: AuthHeadersSnapshot = /* @__PURE__ */ Object.freeze({
  headers: null,
  status: 'pending',
  error: null,
});

function sameHeaders(a: AuthHeaders | null, b: AuthHeaders): boolean {
  if (a === null) return false;
  const keys = Object.keys(b) as Array<keyof AuthHeaders>;
  return keys.length === Object.keys(a).length && keys.every((name) => a[name] === b[name]);
}

export function createAuthHeadersStore(signer: HeaderSource): AuthHeadersStore {
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
  const now = () => signer.clock() + (signer.clockOffset ?? 0) * 1000;

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
          const signedAt = now();
          const delay = refreshAt(signedAt, expiresAt) - signedAt;
          schedule(refresh, Math.max(delay, MIN_REFRESH_DELAY_MS));
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

  return {
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
    clockMoved() {
      if (listeners.size > 0) refresh();
    },
  };
}
