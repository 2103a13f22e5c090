/** Hostile tokens beyond the shared rejection vectors, forged with node:crypto. */
import { forgeToken, signatureVectors } from '@apisig/test-support';
import type { HostileToken } from './context.js';

export function hostileTokens(): HostileToken[] {
  const base = signatureVectors.find((v) => v.name === 'user-basic');
  if (base === undefined) throw new Error('vector user-basic missing');
  const { key: apiKey, secret, exp } = base;
  const at = { apiKey, secret, now: exp - 5, maxTtl: 15, leeway: 5 };
  const claims = { key: apiKey, exp };
  return [
    {
      name: 'crit header, right secret',
      token: forgeToken({ alg: 'HS256', typ: 'JWT', crit: ['b64'], b64: true }, claims, secret),
      reason: 'unsupported_algorithm',
      ...at,
    },
    {
      name: 'alg "hs256" in lower case, right secret',
      token: forgeToken({ alg: 'hs256', typ: 'JWT' }, claims, secret),
      reason: 'unsupported_algorithm',
      ...at,
    },
    {
      name: 'exp as a string, right secret',
      token: forgeToken({ alg: 'HS256', typ: 'JWT' }, { key: apiKey, exp: String(exp) }, secret),
      reason: 'malformed_signature',
      ...at,
    },
    {
      name: 'payload is a JSON array, right secret',
      token: forgeToken({ alg: 'HS256', typ: 'JWT' }, [apiKey, exp], secret),
      reason: 'malformed_signature',
      ...at,
    },
    {
      name: 'over 8192 characters',
      token: forgeToken({ alg: 'HS256', typ: 'JWT' }, { ...claims, pad: 'x'.repeat(9000) }, secret),
      reason: 'malformed_signature',
      ...at,
    },
    {
      name: 'signed with the secret of another user',
      token: forgeToken({ alg: 'HS256', typ: 'JWT' }, claims, `${secret}x`),
      reason: 'bad_signature',
      ...at,
    },
  ];
}
