/**
 * The checks every option and credential goes through (docs/contract.md "Credentials a signer
 * refuses"), one function per kind of value. Every failure is an ApiSigError naming the
 * field; no message ever contains the value it refused. signer-options.ts and
 * verifier-options.ts apply them to whole option objects, and every adapter to its own.
 */
import { MAX_KEY_LENGTH, MAX_SECRET_BYTES, TTL_RANGE } from './contract.js';
import { ApiSigError } from './errors.js';

/** An `invalid_credentials` error naming the field (never its value). */
export function invalidCredential(field: string, problem: string): ApiSigError {
  return new ApiSigError('invalid_credentials', `${field} ${problem}`, { field });
}

/** An `invalid_option` error naming the field (never its value). */
export function invalidOption(field: string, problem: string): ApiSigError {
  return new ApiSigError('invalid_option', `${field} ${problem}`, { field });
}

/** What a refused value was, for a message that must not quote it. */
export function describeType(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
}

/** Visible ASCII 0x21..0x7E only, at least one character. */
const VISIBLE_ASCII = /^[\x21-\x7e]+$/;

/**
 * A header value: 1..`maxLength` characters of visible ASCII. One rule, one message: the
 * field is named, the value never is.
 */
export function validateHeaderValue(field: string, value: unknown, maxLength: number): string {
  if (typeof value !== 'string' || value.length > maxLength || !VISIBLE_ASCII.test(value)) {
    throw invalidCredential(field, `must be 1..${maxLength} visible ASCII characters`);
  }
  return value;
}

/** True for a value a signer could send as a key: 1..1024 characters of visible ASCII. */
export function isHeaderKey(value: string): boolean {
  return value.length <= MAX_KEY_LENGTH && VISIBLE_ASCII.test(value);
}

/**
 * A key that travels as a header value: 1..1024 characters, each visible ASCII 0x21..0x7E.
 * That excludes CR/LF/NUL (request splitting), spaces at the ends and non-Latin-1 text,
 * which fetch would throw on or a hand-built request would mangle.
 */
export function validateHeaderKey(field: string, value: unknown): string {
  return validateHeaderValue(field, value, MAX_KEY_LENGTH);
}

/** UTF-8 byte length; lone surrogates count as U+FFFD (3 bytes), as TextEncoder writes them. */
export function utf8ByteLength(value: string): number {
  return new TextEncoder().encode(value).length;
}

/** A secret is used as its UTF-8 bytes, unchanged: no trimming, no base64 decoding. */
export function validateSecret(field: string, value: unknown): string {
  // A UTF-16 unit is 1 to 3 UTF-8 bytes: more units than MAX_SECRET_BYTES is too long, a
  // third of it or fewer always fits, and only in between is the secret encoded to count.
  if (
    typeof value !== 'string' ||
    value.length === 0 ||
    value.length > MAX_SECRET_BYTES ||
    (value.length * 3 > MAX_SECRET_BYTES && utf8ByteLength(value) > MAX_SECRET_BYTES)
  ) {
    throw invalidCredential(field, `must be 1..${MAX_SECRET_BYTES} UTF-8 bytes`);
  }
  return value;
}

/** A ttl or maximum ttl: a whole number of seconds within TTL_RANGE. */
export function validateTtl(field: string, value: unknown, fallback: number): number {
  if (value === undefined) return fallback;
  const ttl = value as number;
  if (!Number.isInteger(ttl) || ttl < TTL_RANGE.min || ttl > TTL_RANGE.max) {
    throw invalidOption(field, `must be whole seconds within ${TTL_RANGE.min}..${TTL_RANGE.max}`);
  }
  return ttl;
}

/** The longest delay setTimeout honours: a longer one is cut to 1 ms and fires at once. */
// 2 ** 31 - 1, written out: a top-level expression would survive tree-shaking.
const MAX_TIMER_MS = 2_147_483_647;

/**
 * A timeout in milliseconds: positive and short enough for setTimeout to hold, or Infinity
 * (wait forever) where the caller allows it. `fallback` when undefined.
 */
export function validateTimeout(
  field: string,
  value: unknown,
  fallback: number,
  allowInfinity = false,
): number {
  if (value === undefined) return fallback;
  if (allowInfinity && value === Number.POSITIVE_INFINITY) return value;
  if (typeof value !== 'number' || !(value > 0 && value <= MAX_TIMER_MS)) {
    const infinity = allowInfinity ? ', or Infinity' : '';
    throw invalidOption(
      field,
      `must be a number of milliseconds within 1..${MAX_TIMER_MS}${infinity}`,
    );
  }
  return value;
}

/** Seconds: a finite number within ±`max` (within 0..`max` when `min` is 0). */
export function validateSeconds(field: string, value: unknown, max: number, min = -max): number {
  if (!Number.isFinite(value) || (value as number) < min || (value as number) > max) {
    throw invalidOption(field, `must be seconds within ${min}..${max}`);
  }
  return value as number;
}

/**
 * The clock, checked on every reading: a clock that returns NaN (an invalid Date) would make
 * every exp comparison false, so a verifier would accept any token and a signer would sign
 * `"exp":null`. A reading that is not a finite number throws instead.
 */
export function validateClock(field: string, value: unknown): () => number {
  if (value === undefined) return Date.now;
  const problem = 'must give finite epoch ms';
  if (typeof value !== 'function') throw invalidOption(field, problem);
  const clock = value as () => number;
  return () => {
    const ms = clock();
    if (!Number.isFinite(ms)) throw invalidOption(field, problem);
    return ms;
  };
}

export function validateRecord(field: string, value: unknown): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalidOption(field, 'must be an object');
  }
  return value as Record<string, unknown>;
}

/** A misspelt option (`jwt_key`) would silently downgrade to API-key mode: refuse it. */
export function rejectUnknownFields(
  prefix: string,
  record: Record<string, unknown>,
  known: readonly string[],
): void {
  for (const name of Object.keys(record)) {
    if (!known.includes(name)) {
      throw invalidOption(prefix + name, `is not a known option (expected ${known.join(', ')})`);
    }
  }
}

/**
 * An options object holding only known fields: what every factory, in every package, checks
 * before it uses its options. `prefix` names nested objects in errors (`ttl.signature`).
 */
export function validateOptionsRecord(
  field: string,
  value: unknown,
  known: readonly string[],
  prefix = '',
): Record<string, unknown> {
  const record = validateRecord(field, value);
  rejectUnknownFields(prefix, record, known);
  return record;
}

/**
 * A field that is present must be valid: `jwtKey: process.env.JWT_KEY` with the variable
 * unset would otherwise drop signing without a word. Omit the field to mean "none".
 */
export function rejectPresentButUndefined(
  record: Record<string, unknown>,
  names: readonly string[],
): void {
  for (const name of names) {
    if (Object.hasOwn(record, name) && record[name] === undefined) {
      throw invalidCredential(name, 'is undefined: leave it out instead');
    }
  }
}
