/**
 * The organization paths: whole requests mixing up user and App headers (a missing half of
 * the pair, an unknown or re-cased App Key, one header's token replayed in the other, a
 * non-member), each with the header that fails first in the contract's order.
 */
import { acme, alice, bob, carol, mallory } from '../cast.js';
import { HS256, forgeToken as token } from '../forge.js';
import { CORPUS_NOW } from './context.js';

/** A whole request and the verdict docs/contract.md gives it. */
export interface OrganizationCase {
  name: string;
  request: Record<string, string | string[]>;
  expected: { reason: string; header: string; status: 401 | 403 } | 'accepted';
}

/** The organization paths: which header fails, in the contract's order, for each mix-up. */
export function organizationCases(): OrganizationCase[] {
  const userToken = (key: string, secret: string) =>
    token(HS256, { key, exp: CORPUS_NOW + 15 }, secret);
  const appToken = (key: string, secret: string) =>
    token(HS256, { key, exp: CORPUS_NOW + 60 }, secret);
  const aliceSig = userToken(alice.apiKey, alice.jwtKey);
  const acmeSig = appToken(acme.appKey, acme.appSecret);
  const fail = (reason: string, header: string, status: 401 | 403 = 401) => ({
    reason,
    header,
    status,
  });
  return [
    {
      name: 'member through the organization (control)',
      request: { 'x-api-key': bob.apiKey, 'x-app-key': acme.appKey, 'x-app-signature': acmeSig },
      expected: 'accepted',
    },
    {
      name: 'all four headers (control)',
      request: {
        'x-api-key': alice.apiKey,
        'x-signature': aliceSig,
        'x-app-key': acme.appKey,
        'x-app-signature': acmeSig,
      },
      expected: 'accepted',
    },
    {
      name: 'App Key without its signature',
      request: { 'x-api-key': bob.apiKey, 'x-app-key': acme.appKey },
      expected: fail('missing_app_signature', 'x-app-signature'),
    },
    {
      name: 'App signature without its App Key',
      request: { 'x-api-key': bob.apiKey, 'x-app-signature': acmeSig },
      expected: fail('missing_app_key', 'x-app-key'),
    },
    {
      name: 'blank App Key beside a valid signature',
      request: { 'x-api-key': bob.apiKey, 'x-app-key': ' ', 'x-app-signature': acmeSig },
      expected: fail('missing_app_key', 'x-app-key'),
    },
    {
      name: 'unknown App Key, token signed for it with the real App Secret',
      request: {
        'x-api-key': bob.apiKey,
        'x-app-key': 'app_unknown',
        'x-app-signature': appToken('app_unknown', acme.appSecret),
      },
      expected: fail('unknown_app_key', 'x-app-key'),
    },
    {
      name: 'App Key in another case',
      request: {
        'x-api-key': bob.apiKey,
        'x-app-key': acme.appKey.toUpperCase(),
        'x-app-signature': appToken(acme.appKey.toUpperCase(), acme.appSecret),
      },
      expected: fail('unknown_app_key', 'x-app-key'),
    },
    {
      name: 'App Key sent twice (joined into one value)',
      request: {
        'x-api-key': bob.apiKey,
        'x-app-key': [acme.appKey, acme.appKey],
        'x-app-signature': acmeSig,
      },
      expected: fail('unknown_app_key', 'x-app-key'),
    },
    {
      name: "the user's JWT key used as App Secret",
      request: {
        'x-api-key': alice.apiKey,
        'x-signature': aliceSig,
        'x-app-key': acme.appKey,
        'x-app-signature': appToken(acme.appKey, alice.jwtKey),
      },
      expected: fail('bad_signature', 'x-app-signature'),
    },
    {
      name: 'the App Secret used as the JWT key',
      request: {
        'x-api-key': alice.apiKey,
        'x-signature': userToken(alice.apiKey, acme.appSecret),
        'x-app-key': acme.appKey,
        'x-app-signature': acmeSig,
      },
      expected: fail('bad_signature', 'x-signature'),
    },
    {
      name: "the App Key's signature carrying the API key as its key",
      request: {
        'x-api-key': bob.apiKey,
        'x-app-key': acme.appKey,
        'x-app-signature': appToken(bob.apiKey, acme.appSecret),
      },
      expected: fail('key_mismatch', 'x-app-signature'),
    },
    {
      name: "the user's token replayed as the App signature",
      request: {
        'x-api-key': alice.apiKey,
        'x-signature': aliceSig,
        'x-app-key': acme.appKey,
        'x-app-signature': aliceSig,
      },
      expected: fail('bad_signature', 'x-app-signature'),
    },
    {
      name: "the App signature replayed as the user's token",
      request: {
        'x-api-key': alice.apiKey,
        'x-signature': acmeSig,
        'x-app-key': acme.appKey,
        'x-app-signature': acmeSig,
      },
      expected: fail('bad_signature', 'x-signature'),
    },
    {
      name: 'a non-member with a valid App signature',
      request: { 'x-api-key': carol.apiKey, 'x-app-key': acme.appKey, 'x-app-signature': acmeSig },
      expected: fail('not_a_member', 'x-app-key', 403),
    },
    {
      name: 'an unknown API key with a valid App signature',
      request: { 'x-api-key': 'ak_nobody', 'x-app-key': acme.appKey, 'x-app-signature': acmeSig },
      expected: fail('unknown_api_key', 'x-api-key'),
    },
    {
      name: "the user's signature missing, the App's valid",
      request: { 'x-api-key': alice.apiKey, 'x-app-key': acme.appKey, 'x-app-signature': acmeSig },
      expected: fail('missing_signature', 'x-signature'),
    },
    {
      name: "mallory's token for alice, through the organization",
      request: {
        'x-api-key': alice.apiKey,
        'x-signature': userToken(alice.apiKey, mallory.jwtKey),
        'x-app-key': acme.appKey,
        'x-app-signature': acmeSig,
      },
      expected: fail('bad_signature', 'x-signature'),
    },
  ];
}
