/**
 * What every attack family builds its tokens from: the header under attack, its rightful key
 * and secret, the other header's, the clock, and a genuine token to start from.
 */
import type { VerifyOptions } from '@apisig/core';
import { acme, alice, bob, castOrganization, castUser } from '../cast.js';
import { HS256, forgeToken as token } from '../forge.js';

/** The two headers a token travels in. */
export type TokenHeader = 'x-signature' | 'x-app-signature';

export interface HostileCase {
  name: string;
  /** Where the attack comes from: an RFC 8725 section, a CVE, a contract rule. */
  source: string;
  header: TokenHeader;
  token: string;
  /** The reason docs/contract.md assigns, or 'accepted' for the controls. */
  expected: string;
}

/** One row of a family's table: name, source, token, expected. */
export type Row = [name: string, source: string, token: string, expected: string];

/** The verifier's clock for the corpus: whole second NOW, 999 ms into it. */
export const CORPUS_NOW = 1_764_300_000;
export const corpusClock = () => CORPUS_NOW * 1000 + 999;

/** The verifier's defaults, which the boundary cases are built for. */
const LEEWAY = 5;
const MAX_TTL: Record<TokenHeader, number> = { 'x-signature': 60, 'x-app-signature': 60 };

/** Lookups for a verifier over the cast. */
export const corpusLookups: Pick<VerifyOptions, 'users' | 'organizations'> = {
  users: castUser,
  organizations: castOrganization,
};

/**
 * The request a case is sent in: x-signature as alice (her JWT key signs), x-app-signature
 * as bob (no JWT key, a member) through acme.
 */
export function corpusRequest(
  entry: Pick<HostileCase, 'header' | 'token'>,
): Record<string, string> {
  if (entry.header === 'x-signature')
    return { 'x-api-key': alice.apiKey, 'x-signature': entry.token };
  return { 'x-api-key': bob.apiKey, 'x-app-key': acme.appKey, 'x-app-signature': entry.token };
}

export interface CorpusContext {
  header: TokenHeader;
  /** The key the token signs for, its secret, and the other header's. */
  key: string;
  secret: string;
  otherKey: string;
  otherSecret: string;
  /** The reason for a blank value in this header. */
  blank: string;
  now: number;
  leeway: number;
  maxTtl: number;
  exp: number;
  claims: { key: string; exp: number };
  /** A genuine token, and its three segments. */
  good: string;
  goodHeader: string;
  goodPayload: string;
  goodSignature: string;
  /** The genuine token's first two segments. */
  unsigned: string;
  /** A loopback server that counts requests: a verifier fetching a jku/x5u is caught there. */
  trapUrl: string;
}

export function corpusContext(header: TokenHeader, trapUrl: string): CorpusContext {
  const user = header === 'x-signature';
  const key = user ? alice.apiKey : acme.appKey;
  const secret = user ? alice.jwtKey : acme.appSecret;
  const exp = CORPUS_NOW + MAX_TTL[header];
  const claims = { key, exp };
  const good = token(HS256, claims, secret);
  const [goodHeader, goodPayload, goodSignature] = good.split('.') as [string, string, string];
  return {
    header,
    key,
    secret,
    otherKey: user ? acme.appKey : alice.apiKey,
    otherSecret: user ? acme.appSecret : alice.jwtKey,
    blank: user ? 'missing_signature' : 'missing_app_signature',
    now: CORPUS_NOW,
    leeway: LEEWAY,
    maxTtl: MAX_TTL[header],
    exp,
    claims,
    good,
    goodHeader,
    goodPayload,
    goodSignature,
    unsigned: `${goodHeader}.${goodPayload}`,
    trapUrl,
  };
}
