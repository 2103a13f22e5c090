/**
 * The token's claims: exactly `{ key, exp }`, in that order, nothing else (no `iat`).
 *
 * @example
 * ```ts
 * const claims: Claims = { key: 'ak_live_3f9a2c1e7b4d', exp: 1764300015 };
 * ```
 */
export interface Claims {
  /** The API key (x-signature) or App Key (x-app-signature) the token vouches for. */
  key: string;
  /** Expiry, whole seconds since the epoch. */
  exp: number;
}

/**
 * `exp = floor(now) + ttl`. With no `iat`, a token is a pure function of (key, exp, secret),
 * so every conforming signer emits the same bytes in the same second.
 */
export function expiryFor(ttlSeconds: number, nowSeconds: number): number {
  return Math.floor(nowSeconds) + ttlSeconds;
}
