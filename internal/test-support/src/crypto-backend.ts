/**
 * A test-only SigningBackend on node:crypto: lets core's engines be tested without the
 * production backends (jsonwebtoken, jose), which live in the adapter packages.
 */
import { timingSafeEqual } from 'node:crypto';
// Types only: @apisig/core is a peer of this package, whose tests import it (no runtime cycle).
import type { Claims, SigningBackend, SyncSigningBackend } from '@apisig/core/adapter';
import { forgeToken, HS256, mac } from './forge.js';

/** A contract-conforming token for these claims: what every signer emits for them. */
export function signClaims(claims: Claims, secret: string): string {
  return forgeToken(HS256, claims, secret);
}

function verify(token: string, secret: string): boolean {
  const cut = token.lastIndexOf('.');
  const expected = Buffer.from(mac(token.slice(0, cut), secret));
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
