/**
 * The hostile-token corpus: one table of tokens per attack family, built here with
 * node:crypto, each with the reason docs/contract.md assigns it, drawn from RFC 8725 (JWT
 * best current practice) and known JWT library vulnerabilities. Every verifier (core with a
 * test backend, node on jsonwebtoken, web on jose) runs the same tables and must give the
 * same answers.
 */
import { alice } from '../cast.js';
import { tokenOfLength } from '../forge.js';
import { algorithms } from './algorithms.js';
import { claims } from './claims.js';
import {
  CORPUS_NOW,
  corpusContext,
  type HostileCase,
  type Row,
  type TokenHeader,
} from './context.js';
import { controls } from './controls.js';
import { keySources } from './key-sources.js';
import { signatures } from './signatures.js';
import { size } from './size.js';
import { structure } from './structure.js';

export {
  CORPUS_NOW,
  corpusClock,
  corpusLookups,
  corpusRequest,
  type HostileCase,
  type TokenHeader,
} from './context.js';
export { type OrganizationCase, organizationCases } from './organization.js';

/** The attack families, in the order their cases are listed. */
export const CORPUS_FAMILIES = {
  controls,
  algorithms,
  'key sources': keySources,
  signatures,
  structure,
  claims,
  size,
} as const;

function casesFor(header: TokenHeader, trapUrl: string): HostileCase[] {
  const context = corpusContext(header, trapUrl);
  return Object.values(CORPUS_FAMILIES).flatMap((family) =>
    family(context).map(([name, source, token, expected]: Row) => ({
      name,
      source,
      header,
      token,
      expected,
    })),
  );
}

/** Tokens this big must be refused by length alone: the spy tests use these. */
export function oversizeCases(): HostileCase[] {
  const claims = { key: alice.apiKey, exp: CORPUS_NOW + 15 };
  return [64 * 1024, 64 * 1024 + 1, 1024 * 1024].map((length) => ({
    name: `${length} characters, validly signed`,
    source: 'RFC 8725 §3.12 (denial of service); contract token check 1',
    header: 'x-signature' as const,
    token: tokenOfLength(length, claims, alice.jwtKey),
    expected: 'malformed_signature',
  }));
}

/** The whole corpus: both headers' cases, and the oversize ones. */
export function hostileCorpus(trapUrl: string): HostileCase[] {
  return [
    ...casesFor('x-signature', trapUrl),
    ...casesFor('x-app-signature', trapUrl),
    ...oversizeCases(),
  ];
}
