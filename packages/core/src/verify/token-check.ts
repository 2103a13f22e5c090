/**
 * Checking one token (docs/contract.md "Checking one token"): its structure and algorithm
 * (core reads them), its HMAC (the backend checks it, with a secret prepared once), then its
 * claims, in that order; the first check that fails names the reason. During a key rotation
 * a token is checked against every current secret (up to 4). A token whose HMAC matched is
 * remembered with its key, so a client's per-second token costs one HMAC per second, not one
 * per request; its claims are checked on every request.
 */
import type { VerifyingBackend } from '../backend.js';
import { MAX_TOKEN_LENGTH, TOKEN_ALGORITHM, type TokenFailureReason } from '../contract.js';
import { isPromiseLike, type MaybePromise } from '../maybe-promise.js';
import { type DecodedToken, decodeToken } from '../token.js';
import { ownField } from './lookup.js';

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

type Prepared = MaybePromise<unknown>;

/** Prepared secrets, per backend, so a busy server does not re-import a key per request. */
const keyCaches = new WeakMap<VerifyingBackend<unknown>, Map<string, Prepared>>();
const KEY_CACHE_SIZE = 512;

function preparedKey(backend: VerifyingBackend<unknown>, secret: string): Prepared {
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

/**
 * Tokens whose HMAC matched, per backend and prepared key (an object key is held weakly, so
 * the memory goes with the key cache's entry), with their decoded parts. A key remembers its
 * last TOKENS_PER_KEY tokens: a client's current ones, not a replay log.
 */
interface Remembered {
  byObject: WeakMap<object, Map<string, DecodedToken>>;
  byValue: Map<unknown, Map<string, DecodedToken>>;
}
const remembered = new WeakMap<VerifyingBackend<unknown>, Remembered>();
const TOKENS_PER_KEY = 16;

function verifiedTokens(
  backend: VerifyingBackend<unknown>,
  key: unknown,
): Map<string, DecodedToken> {
  let memory = remembered.get(backend);
  if (memory === undefined) {
    memory = { byObject: new WeakMap(), byValue: new Map() };
    remembered.set(backend, memory);
  }
  const isObject = typeof key === 'object' && key !== null;
  let tokens = isObject ? memory.byObject.get(key) : memory.byValue.get(key);
  if (tokens === undefined) {
    tokens = new Map();
    if (isObject) memory.byObject.set(key, tokens);
    else {
      if (memory.byValue.size >= KEY_CACHE_SIZE) {
        memory.byValue.delete(memory.byValue.keys().next().value);
      }
      memory.byValue.set(key, tokens);
    }
  }
  return tokens;
}

function remember(
  backend: VerifyingBackend<unknown>,
  key: unknown,
  token: string,
  decoded: DecodedToken,
): void {
  const tokens = verifiedTokens(backend, key);
  if (tokens.size >= TOKENS_PER_KEY) tokens.delete(tokens.keys().next().value as string);
  tokens.set(token, decoded);
}

/**
 * Token checks 1 to 8 against the user's (or organization's) secrets, one or up to 4 during a
 * rotation. Every secret is tried, even after one matched: the time a check takes does not
 * tell which key signed. Null when the token passes.
 */
export async function checkToken(
  backend: VerifyingBackend<unknown>,
  token: string,
  secrets: readonly string[],
  check: TokenCheck,
): Promise<TokenFailureReason | null> {
  // Longer than any genuine token: refused before any decoding, HMAC or cache work.
  if (token.length > MAX_TOKEN_LENGTH) return 'malformed_signature';
  const keys = await Promise.all(secrets.map((secret) => preparedKey(backend, secret)));
  let decoded: DecodedToken | undefined;
  for (const key of keys) decoded ??= verifiedTokens(backend, key).get(token);
  if (decoded === undefined) {
    const parts = decodeToken(token);
    if (parts === null) return 'malformed_signature';
    const { header } = parts;
    if (ownField(header, 'alg') !== TOKEN_ALGORITHM || 'crit' in header) {
      return 'unsupported_algorithm';
    }
    const matches = await Promise.all(keys.map((key) => backend.verifySignature(token, key)));
    const matched = matches.findIndex(Boolean);
    if (matched === -1) return 'bad_signature';
    remember(backend, keys[matched], token, parts);
    decoded = parts;
  }
  return checkClaims(decoded.payload, check);
}
