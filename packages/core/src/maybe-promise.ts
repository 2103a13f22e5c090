/**
 * A value now or later, and one code path for both: node's backend (jsonwebtoken) answers at
 * once, WebCrypto's always later, and the engines serve both without awaiting a sync value.
 */

/**
 * A value now, or a promise of it.
 *
 * @example
 * ```ts
 * const lookup = (apiKey: string): MaybePromise<UserRecord | null> => cache.get(apiKey) ?? db.find(apiKey);
 * ```
 */
export type MaybePromise<T> = T | Promise<T>;

/** True for a promise (or any thenable). */
export function isPromiseLike<T>(value: MaybePromise<T>): value is Promise<T> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}

/** Continue with a value now if we have it, later if we do not. */
export function chain<T, U>(
  value: MaybePromise<T>,
  next: (value: T) => MaybePromise<U>,
): MaybePromise<U> {
  return isPromiseLike(value) ? value.then(next) : next(value);
}
