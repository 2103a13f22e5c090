/**
 * What every HTTP-client integration's tests share: the four signing modes over the shared
 * cast with the identity the server must see for each, the shape of the test server's echo,
 * and the servers a test starts (closed after it).
 */
import { acme, alice, bob } from '@apisig/test-support/cast';
import { afterEach } from 'vitest';
import type { ApiSigIdentity, SignerOptions } from '../src/index.js';
import { directory } from './fixtures.js';
import { type ApiServer, type OtherOrigin, startApiServer, startOtherOrigin } from './servers.js';

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

/**
 * The servers of one test file's tests, each closed after its test: the API on node:http
 * (its clock `clockAheadSeconds` ahead), another origin that records what reaches it, and
 * whatever else a test opens.
 */
export function serversPerTest() {
  const closers: Array<() => Promise<void>> = [];
  afterEach(async () => {
    await Promise.all(closers.splice(0).map((close) => close()));
  });
  return {
    /** Closes something else this test opened (an Agent, a server of its own), after it. */
    closeAfter(close: () => Promise<void>): void {
      closers.push(close);
    },
    async api(clockAheadSeconds = 0): Promise<ApiServer> {
      const server = await startApiServer('node:http', directory, { clockAheadSeconds });
      closers.push(server.close);
      return server;
    },
    async elsewhere(): Promise<OtherOrigin> {
      const server = await startOtherOrigin();
      closers.push(server.close);
      return server;
    },
  };
}
