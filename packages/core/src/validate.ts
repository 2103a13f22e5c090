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

/** The position of the first character outside visible ASCII 0x21..0x7E, or -1. */
function firstInvisible(value: string): number {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code < 0x21 || code > 0x7e) return i;
  }
  return -1;
}

/** A header value: a non-empty string of visible ASCII, at most `maxLength` characters. */
export function validateHeaderValue(field: string, value: unknown, maxLength: number): string {
  if (typeof value !== 'string') {
    throw invalidCredential(field, `must be a string, got ${describeType(value)}`);
  }
  if (value.length === 0) throw invalidCredential(field, 'must not be empty');
  if (value.length > maxLength) {
    throw invalidCredential(field, `must be at most ${maxLength} characters, got ${value.length}`);
  }
  const position = firstInvisible(value);
  if (position !== -1) {
    throw invalidCredential(
      field,
      `must contain only visible ASCII characters (0x21-0x7E); position ${position} is not`,
    );
  }
  return value;
}

/** True for a value a signer could send as a key: 1..1024 characters of visible ASCII. */
export function isHeaderKey(value: string): boolean {
  return value.length > 0 && value.length <= MAX_KEY_LENGTH && firstInvisible(value) === -1;
}

/**
 * A key that travels as a header value: 1..1024 characters, each visible ASCII 0x21..0x7E.
 * That excludes CR/LF/NUL (request splitting), spaces at the ends and non-Latin-1 text,
 * which fetch would throw on or a hand-built request would mangle.
 */
export function validateHeaderKey(field: string, value: unknown): string {
  return validateHeaderValue(field, value, MAX_KEY_LENGTH);
}

/** UTF-8 byte length without TextEncoder; lone surrogates count as U+FFFD (3 bytes). */
export function utf8ByteLength(value: string): number {
  let bytes = 0;
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < value.length) {
      const next = value.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4;
        i++;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}

/** A secret is used as its UTF-8 bytes, unchanged: no trimming, no base64 decoding. */
export function validateSecret(field: string, value: unknown): string {
  if (typeof value !== 'string') {
    throw invalidCredential(field, `must be a string, got ${describeType(value)}`);
  }
  if (value.length === 0) throw invalidCredential(field, 'must not be empty');
  const bytes = utf8ByteLength(value);
  if (bytes > MAX_SECRET_BYTES) {
    throw invalidCredential(field, `must be at most ${MAX_SECRET_BYTES} UTF-8 bytes, got ${bytes}`);
  }
  return value;
}

/** A ttl or maximum ttl: a whole number of seconds within TTL_RANGE. */
export function validateTtl(field: string, value: unknown, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    throw invalidOption(field, `must be a whole number of seconds, got ${describeType(value)}`);
  }
  if (value < TTL_RANGE.min || value > TTL_RANGE.max) {
    throw invalidOption(field, `must be within ${TTL_RANGE.min}..${TTL_RANGE.max} seconds`);
  }
  return value;
}

/** The longest delay setTimeout honours: a longer one is cut to 1 ms and fires at once. */
const MAX_TIMER_MS = 2 ** 31 - 1;

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

export function validateClockOffset(field: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw invalidOption(field, `must be a finite number of seconds, got ${describeType(value)}`);
  }
  return value;
}

/**
 * The clock, checked on every reading: a clock that returns NaN (an invalid Date) would make
 * every exp comparison false, so a verifier would accept any token and a signer would sign
 * `"exp":null`. A reading that is not a finite number throws instead.
 */
export function validateClock(field: string, value: unknown): () => number {
  if (value === undefined) return Date.now;
  if (typeof value !== 'function') {
    throw invalidOption(field, `must be a function returning epoch milliseconds`);
  }
  const clock = value as () => number;
  return () => {
    const ms = clock();
    if (typeof ms !== 'number' || !Number.isFinite(ms)) {
      throw invalidOption(field, 'returned something other than finite epoch milliseconds');
    }
    return ms;
  };
}

export function validateRecord(field: string, value: unknown): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalidOption(field, `must be an object, got ${describeType(value)}`);
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
      throw invalidCredential(name, 'is present but undefined; omit it to sign without it');
    }
  }
}
