/**
 * The token vectors in ../vectors, made by PyJWT and golang-jwt (vectors/generate.py is
 * their source; vectors/README.md says how to regenerate them).
 */
import { readFileSync } from 'node:fs';

export interface SignatureVector {
  name: string;
  kind: 'user' | 'organization';
  key: string;
  secret: string;
  exp: number;
  /** PyJWT's token: the bytes a conforming signer emits. */
  token: string;
  /** golang-jwt's token for the same claims (sorted: other bytes, still valid). */
  goToken: string;
}

export interface RejectionVector {
  name: string;
  token: string;
  reason: string;
  apiKey: string;
  secret: string;
  now: number;
  maxTtl: number;
  leeway: number;
}

/** A token whose lifetime decides: the verdict for each maxTtl (seconds), or `ok`. */
export interface LifetimeVector {
  name: string;
  kind: 'user' | 'organization';
  library: 'pyjwt' | 'golang-jwt';
  key: string;
  secret: string;
  now: number;
  claims: Record<string, unknown>;
  token: string;
  verdicts: Record<string, string>;
}

const read = <T>(file: string): T[] =>
  JSON.parse(readFileSync(new URL(`../vectors/${file}`, import.meta.url), 'utf8')).cases;

export const signatureVectors: SignatureVector[] = read('signatures.json');
export const rejectionVectors: RejectionVector[] = read('rejections.json');
export const lifetimeVectors: LifetimeVector[] = read('lifetimes.json');
