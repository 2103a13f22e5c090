/**
 * A test-only SigningBackend on node:crypto: lets core's engines be tested without the
 * production backends (jsonwebtoken, jose), which live in the adapter packages.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

// Structural copies of core's types: importing @apisig/core here would make a package cycle
// (core's tests use this package).
interface Claims {
  key: string;
  exp: number;
}
interface SyncSigningBackend<Key> {
  importKey(secret: string): Key;
  sign(claims: Claims, key: Key): string;
  verifySignature(token: string, key: Key): boolean;
}
interface SigningBackend<Key> {
  importKey(secret: string): Promise<Key>;
  sign(claims: Claims, key: Key): Promise<string>;
  verifySignature(token: string, key: Key): Promise<boolean>;
}

const HEADER = Buffer.from('{"alg":"HS256","typ":"JWT"}').toString('base64url');

export function hmac(input: string, secret: string): string {
  return createHmac('sha256', Buffer.from(secret, 'utf8')).update(input).digest('base64url');
}

export function signClaims(claims: Claims, secret: string): string {
  const input = `${HEADER}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
  return `${input}.${hmac(input, secret)}`;
}

function verify(token: string, secret: string): boolean {
  const cut = token.lastIndexOf('.');
  const expected = Buffer.from(hmac(token.slice(0, cut), secret));
  const actual = Buffer.from(token.slice(cut + 1));
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

export interface CountingBackend<B> {
  backend: B;
  counts: { importKey: number; sign: number; verify: number };
}

/** Counts each backend call, so tests can prove keys are imported once and tokens reused. */
function counted() {
  const counts = { importKey: 0, sign: 0, verify: 0 };
  const tally = <T>(name: keyof typeof counts, value: () => T) => {
    counts[name]++;
    return value();
  };
  return { counts, tally };
}

export function syncBackend(): CountingBackend<SyncSigningBackend<string>> {
  const { counts, tally } = counted();
  return {
    counts,
    backend: {
      importKey: (secret) => tally('importKey', () => secret),
      sign: (claims, secret) => tally('sign', () => signClaims(claims, secret)),
      verifySignature: (token, secret) => tally('verify', () => verify(token, secret)),
    },
  };
}

/** The same backend one timer tick later: like WebCrypto, every answer is a promise. */
export function asyncBackend(): CountingBackend<SigningBackend<string>> {
  const { counts, tally } = counted();
  const later = <T>(name: keyof typeof counts, value: () => T) =>
    new Promise<T>((resolve) => setTimeout(() => resolve(tally(name, value)), 1));
  return {
    counts,
    backend: {
      importKey: (secret) => later('importKey', () => secret),
      sign: (claims, secret) => later('sign', () => signClaims(claims, secret)),
      verifySignature: (token, secret) => later('verify', () => verify(token, secret)),
    },
  };
}

const json = (value: unknown) =>
  Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

/**
 * A token with any header and payload (objects are JSON-encoded, strings used raw), signed
 * with `secret` under HS256 whatever the header claims: for hostile-input tests.
 */
export function forgeToken(header: unknown, payload: unknown, secret: string): string {
  const input = `${json(header)}.${json(payload)}`;
  return `${input}.${hmac(input, secret)}`;
}
