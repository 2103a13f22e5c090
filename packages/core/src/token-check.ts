/**
 * Checking one token (docs/contract.md "Checking one token"): its structure and algorithm
 * (core reads them), its HMAC (the backend checks it, with a secret prepared once), then its
 * claims, in that order; the first check that fails names the reason.
 */
import type { VerifyingBackend } from './backend.js';
import { TOKEN_ALGORITHM, type TokenFailureReason } from './contract.js';
import { ownField } from './lookup.js';
import { isPromiseLike, type MaybePromise } from './maybe-promise.js';
import { decodeToken } from './token.js';

export interface TokenCheck {
  /** The value the `key` claim must equal: the header the token signs for. */
  key: string;
  /** Whole seconds since the epoch. */
  now: number;
  leeway: number;
  maxTtl: number;
}

/** Token checks 4 to 8, run only after the HMAC matched. */
export function checkClaims(
  payload: Record<string, unknown>,
  check: TokenCheck,
): TokenFailureReason | null {
  // Own fields only: a polluted Object.prototype.exp must not stand in for a missing claim.
  const exp = ownField(payload, 'exp');
  const key = ownField(payload, 'key');
  if (exp === undefined) return 'missing_exp';
  if (typeof exp !== 'number' || !Number.isInteger(exp) || typeof key !== 'string') {
    return 'malformed_signature';
  }
  if (check.now > exp + check.leeway) return 'expired';
  if (exp - check.now > check.maxTtl + check.leeway) return 'exp_too_far';
  if (key !== check.key) return 'key_mismatch';
  return null;
}

/** Prepared secrets, per backend, so a busy server does not re-import a key per request. */
const keyCaches = new WeakMap<VerifyingBackend<unknown>, Map<string, MaybePromise<unknown>>>();
const KEY_CACHE_SIZE = 512;

function preparedKey(backend: VerifyingBackend<unknown>, secret: string): MaybePromise<unknown> {
  let cache = keyCaches.get(backend);
  if (cache === undefined) {
    cache = new Map();
    keyCaches.set(backend, cache);
  }
  const hit = cache.get(secret);
  if (hit !== undefined) return hit;
  const key = backend.importKey(secret);
  if (cache.size >= KEY_CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  cache.set(secret, key);
  if (isPromiseLike(key)) key.catch(() => cache.delete(secret));
  return key;
}

/** Token checks 1 to 8 against one secret. Null when the token passes. */
export async function checkToken(
  backend: VerifyingBackend<unknown>,
  token: string,
  secret: string,
  check: TokenCheck,
): Promise<TokenFailureReason | null> {
  const decoded = decodeToken(token);
  if (decoded === null) return 'malformed_signature';
  const { header } = decoded;
  if (ownField(header, 'alg') !== TOKEN_ALGORITHM || 'crit' in header) {
    return 'unsupported_algorithm';
  }
  if (!(await backend.verifySignature(token, await preparedKey(backend, secret)))) {
    return 'bad_signature';
  }
  return checkClaims(decoded.payload, check);
}
