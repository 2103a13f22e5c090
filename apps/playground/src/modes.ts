/**
 * The four ways a client authenticates, and per mode the scenarios worth seeing: a good
 * request, and the ways one goes wrong (wrong key, skewed clock, expired token, ...).
 */
import {
  type AsyncSigner,
  createRemoteSigner,
  createSigner,
  type FetchLike,
  type RemoteSigner,
} from '@apisig/react';
import { demo } from './credentials.ts';

export type ModeId = 'api-key' | 'signed' | 'organization' | 'remote';

/** What the page should show when the scenario plays out as designed. */
export type Expectation = 'accepted' | 'refused' | 'retried';

export interface SignerContext {
  apiUrl: string;
  /** The fetch the remote signer calls /sign with (recorded, so the page can show it). */
  signFetch: FetchLike;
}

export interface Scenario {
  id: string;
  label: string;
  description: string;
  expect: Expectation;
  createSigner(context: SignerContext): AsyncSigner | RemoteSigner;
  /** The signer's clock is this far off (s); reset to it before each send, to replay the scenario. */
  clockOffset?: number;
  /** Send the signer's headers with a plain fetch: no Date correction, no retry. */
  noRetry?: boolean;
}

export interface Mode {
  id: ModeId;
  title: string;
  summary: string;
  /** The headers this mode puts on the wire. */
  headers: string[];
  scenarios: Scenario[];
}

const { apiKeyUser, jwtUser, member, remoteUser, organization } = demo;
const jwtKey = jwtUser.jwtKey ?? '';
const acme = { appKey: organization.appKey, appSecret: organization.appSecret };

/** A signer whose clock is `clockOffset` seconds off, like a browser with a wrong clock. */
type SignerWithClock = (clockOffset?: number) => AsyncSigner | RemoteSigner;

const clockBehind = (sign: SignerWithClock): Scenario => ({
  id: 'clock-behind',
  label: 'Clock 120 s behind',
  description:
    'The browser clock is two minutes slow, so the first token is born expired. The server refuses it, the signer reads the Date header, corrects its clock and retries once.',
  expect: 'retried',
  clockOffset: -120,
  createSigner: () => sign(-120),
});

const expired = (sign: SignerWithClock): Scenario => ({
  id: 'expired',
  label: 'Expired token',
  description:
    'The same slow clock, but the headers are sent with a plain fetch: no Date correction, no retry. The server names the reason.',
  expect: 'refused',
  clockOffset: -120,
  noRetry: true,
  createSigner: () => sign(-120),
});

const signGrace: SignerWithClock = (clockOffset = 0) =>
  createSigner({ apiKey: jwtUser.apiKey, jwtKey, clockOffset });
const signLinus: SignerWithClock = (clockOffset = 0) =>
  createSigner({ apiKey: member.apiKey, organization: acme, clockOffset });

export const MODES: Mode[] = [
  {
    id: 'api-key',
    title: 'API key',
    summary: `${apiKeyUser.name} sends her API key, nothing else.`,
    headers: ['x-api-key'],
    scenarios: [
      {
        id: 'valid',
        label: 'Valid API key',
        description: `${apiKeyUser.name} has no JWT key: her API key alone is accepted.`,
        expect: 'accepted',
        createSigner: () => createSigner({ apiKey: apiKeyUser.apiKey }),
      },
      {
        id: 'unknown-key',
        label: 'Unknown API key',
        description: 'An API key the server has never issued.',
        expect: 'refused',
        createSigner: () => createSigner({ apiKey: 'demo-nobody-api-key' }),
      },
    ],
  },
  {
    id: 'signed',
    title: 'API key + JWT',
    summary: `${jwtUser.name} signs each request with her JWT key; the key itself never travels.`,
    headers: ['x-api-key', 'x-signature'],
    scenarios: [
      {
        id: 'valid',
        label: 'Valid signature',
        description: 'A 15-second token signed with the right JWT key.',
        expect: 'accepted',
        createSigner: () => signGrace(),
      },
      {
        id: 'wrong-key',
        label: 'Wrong JWT key',
        description: 'The token is signed with a key that is not hers: the HMAC does not match.',
        expect: 'refused',
        createSigner: () => createSigner({ apiKey: jwtUser.apiKey, jwtKey: `not-${jwtKey}` }),
      },
      {
        id: 'missing-signature',
        label: 'No signature',
        description: `${jwtUser.name} has a JWT key, so her API key alone is not enough.`,
        expect: 'refused',
        createSigner: () => createSigner({ apiKey: jwtUser.apiKey }),
      },
      clockBehind(signGrace),
      {
        id: 'clock-ahead',
        label: 'Clock 120 s ahead',
        description:
          'A fast clock: the token claims to live far longer than 15 s. Refused, corrected from the Date header, retried.',
        expect: 'retried',
        clockOffset: 120,
        createSigner: () => signGrace(120),
      },
      expired(signGrace),
    ],
  },
  {
    id: 'organization',
    title: 'Organization',
    summary: `${organization.name} acts for its member ${member.name}, signing with its App Secret.`,
    headers: ['x-api-key', 'x-app-key', 'x-app-signature'],
    scenarios: [
      {
        id: 'valid',
        label: `${organization.name} for ${member.name}`,
        description: `${member.name} is a member of ${organization.name}: accepted.`,
        expect: 'accepted',
        createSigner: () => signLinus(),
      },
      {
        id: 'wrong-secret',
        label: 'Wrong App Secret',
        description: 'The app signature is made with the wrong secret.',
        expect: 'refused',
        createSigner: () =>
          createSigner({
            apiKey: member.apiKey,
            organization: { ...acme, appSecret: `not-${acme.appSecret}` },
          }),
      },
      {
        id: 'not-a-member',
        label: `For ${apiKeyUser.name} (not a member)`,
        description: `A valid app signature, but ${apiKeyUser.name} is not a member of ${organization.name}: 403.`,
        expect: 'refused',
        createSigner: () => createSigner({ apiKey: apiKeyUser.apiKey, organization: acme }),
      },
      clockBehind(signLinus),
      expired(signLinus),
    ],
  },
  {
    id: 'remote',
    title: 'Remote signer',
    summary: `The server signs for ${remoteUser.name}; this page only ever holds short-lived headers.`,
    headers: ['x-api-key', 'x-signature'],
    scenarios: [
      {
        id: 'valid',
        label: 'Headers from /sign',
        description: `The page POSTs to /sign, which answers headers signed with ${remoteUser.name}'s JWT key. The key stays on the server.`,
        expect: 'accepted',
        createSigner: ({ apiUrl, signFetch }) =>
          createRemoteSigner({ url: `${apiUrl}/sign`, fetch: signFetch }),
      },
    ],
  },
];

export function findMode(id: ModeId): Mode {
  return MODES.find((mode) => mode.id === id) ?? (MODES[0] as Mode);
}
