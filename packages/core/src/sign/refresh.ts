/**
 * When to replace headers before they expire: one policy for every holder of headers (the
 * remote signer's cache, the React store's snapshot), so they agree on what "fresh" means.
 */

/** Headers are replaced when less than this share of their lifetime is left... */
export const REFRESH_SHARE = 0.3333333333333333; // 1/3, written out: an expression survives tree-shaking
/** ...or less than this many ms, whichever comes first: a short-lived token is not cut fine. */
export const REFRESH_MARGIN_MS = 2000;

/**
 * The moment (ms, the clock `from` and `expiresAt` are on) headers valid since `from` go
 * stale. Never before half their lifetime: headers that live only a second or two are still
 * used for a while rather than asked for again on every call.
 */
export function refreshAt(from: number, expiresAt: number): number {
  const lifetime = expiresAt - from;
  return expiresAt - Math.min(Math.max(lifetime * REFRESH_SHARE, REFRESH_MARGIN_MS), lifetime / 2);
}
