/** The token's claims: exactly `{ key, exp }`, in that order, nothing else (no `iat`). */
export interface Claims {
  /** The API key (x-signature) or App Key (x-app-signature) the token vouches for. */
  key: string;
  /** Expiry, whole seconds since the epoch. */
  exp: number;
}

/**
 * `exp = floor(now) + ttl`. With no `iat`, a token is a pure function of (key, exp, secret),
 * so every conforming signer emits the same bytes for the same second.
 */
export function buildClaims(key: string, ttlSeconds: number, nowSeconds: number): Claims {
  return { key, exp: expiryFor(ttlSeconds, nowSeconds) };
}

/** The `exp` claim alone: what a signer compares its cached token against on every call. */
export function expiryFor(ttlSeconds: number, nowSeconds: number): number {
  return Math.floor(nowSeconds) + ttlSeconds;
}
