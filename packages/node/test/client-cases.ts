/**
 * What every HTTP-client integration's tests share: the four signing modes over the shared
 * cast with the identity the server must see for each, and the shape of the test server's
 * echo.
 */
import { acme, alice, bob } from '@apisig/test-support/cast';
import type { ApiSigIdentity, SignerOptions } from '../src/index.js';

export const ORGANIZATION = { appKey: acme.appKey, appSecret: acme.appSecret };

/** Signer options of each mode, and who the server sees. */
export const MODES: Array<[string, SignerOptions, ApiSigIdentity]> = [
  ['API key', { apiKey: bob.apiKey }, { apiKey: bob.apiKey, signed: false, mode: 'api-key' }],
  [
    'API key + JWT',
    { apiKey: alice.apiKey, jwtKey: alice.jwtKey },
    { apiKey: alice.apiKey, signed: true, mode: 'signed' },
  ],
  [
    'organization',
    { apiKey: bob.apiKey, organization: ORGANIZATION },
    { apiKey: bob.apiKey, appKey: acme.appKey, signed: false, mode: 'organization' },
  ],
  [
    'organization with a JWT key (all four headers)',
    { apiKey: alice.apiKey, jwtKey: alice.jwtKey, organization: ORGANIZATION },
    { apiKey: alice.apiKey, appKey: acme.appKey, signed: true, mode: 'signed-organization' },
  ],
];

/** All four headers: the mode the clock-skew tests sign in. */
export const ALL_FOUR: SignerOptions = {
  apiKey: alice.apiKey,
  jwtKey: alice.jwtKey,
  organization: ORGANIZATION,
};

/** What the test API answers a verified request with. */
export interface Echo {
  apisig?: ApiSigIdentity;
  headers: Record<string, string>;
  body: string;
}
