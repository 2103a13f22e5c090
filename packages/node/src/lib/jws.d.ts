/**
 * The one function of `jws` (jsonwebtoken's own JWS layer) the backend uses. jws ships no
 * types, and @types/jws types the key as string | Buffer where jwa accepts a KeyObject.
 */
declare module 'jws' {
  import type { KeyObject } from 'node:crypto';

  /** True when the token's signature, made with `algorithm` (not the header's), matches. */
  export function verify(token: string, algorithm: 'HS256', key: KeyObject): boolean;
}
