/**
 * The verify options over the shared cast (@apisig/test-support/cast), with an optional
 * clock, and the requests every server integration's tests send.
 */
import { acme, alice, bob, carol, castOrganization, castUser } from '@apisig/test-support/cast';
import {
  type ApiSigIdentity,
  type AuthHeaders,
  createSigner,
  type SignerOptions,
  type VerifyOptions,
} from '../src/index.js';

export function directory(clock?: () => number): VerifyOptions {
  return {
    users: castUser,
    organizations: castOrganization,
    ...(clock === undefined ? {} : { clock }),
  };
}

/** alice's signed request (API key + JWT), and one forged with a guessed JWT key. */
export const signedByAlice = (): AuthHeaders => sign({ ...alice });
export const forgedForAlice = (): AuthHeaders =>
  sign({ apiKey: alice.apiKey, jwtKey: 'jk_forged_guess' });

/** Each mode of the contract, signed for a cast member: the headers, and who the server sees. */
export const modeCases: Array<[mode: string, headers: () => AuthHeaders, who: ApiSigIdentity]> = [
  ['API key', () => sign({ ...bob }), { apiKey: bob.apiKey, signed: false, mode: 'api-key' }],
  ['API key + JWT', signedByAlice, { apiKey: alice.apiKey, signed: true, mode: 'signed' }],
  [
    'organization',
    () => sign({ ...bob, organization: { ...acme } }),
    { apiKey: bob.apiKey, appKey: acme.appKey, signed: false, mode: 'organization' },
  ],
  [
    'all four headers',
    () => sign({ ...alice, organization: { ...acme } }),
    { apiKey: alice.apiKey, appKey: acme.appKey, signed: true, mode: 'signed-organization' },
  ],
];

/**
 * Requests the contract refuses, with the reason, header and status it gives, and the
 * genuine request of the same caller (the control: the same server lets it through).
 */
export const refusalCases: Array<
  [
    name: string,
    refused: () => Record<string, string>,
    expected: { reason: string; header: string; status: number },
    genuine: () => AuthHeaders,
  ]
> = [
  [
    'bad signature',
    forgedForAlice,
    { reason: 'bad_signature', header: 'x-signature', status: 401 },
    signedByAlice,
  ],
  [
    'unknown API key',
    () => ({ 'x-api-key': 'ak_nobody' }),
    { reason: 'unknown_api_key', header: 'x-api-key', status: 401 },
    () => sign({ ...bob }),
  ],
  [
    'not a member',
    () => sign({ ...carol, organization: { ...acme } }),
    { reason: 'not_a_member', header: 'x-app-key', status: 403 },
    () => sign({ ...bob, organization: { ...acme } }),
  ],
  [
    'missing signature',
    () => ({ 'x-api-key': alice.apiKey }),
    { reason: 'missing_signature', header: 'x-signature', status: 401 },
    signedByAlice,
  ],
];

/** A CORS preflight as a browser sends it before a signed GET. */
export const preflightHeaders = {
  origin: 'https://app.example',
  'access-control-request-method': 'GET',
  'access-control-request-headers': 'x-api-key, x-signature',
};

/** What a lookup throws when a database is down: text no answer or log may show. */
export const lookupErrorText = 'ECONNREFUSED db:5432 password=hunter2';

function sign(options: SignerOptions): AuthHeaders {
  return createSigner(options).headers();
}
