/**
 * Where the key comes from: never from the token (RFC 8725 §3.10). kid, jku, x5u, jwk and x5c are ignored, so each of these is checked with the real secret and fails the HMAC; a verifier that fetched a jku or x5u would hit the trap server.
 */

import { encode, HS256, forgeToken as token } from '../forge.js';
import type { CorpusContext, Row } from './context.js';

export function keySources(c: CorpusContext): Row[] {
  const { claims, otherKey, otherSecret, trapUrl } = c;
  return [
    [
      'kid path traversal to /dev/null, empty-key HMAC',
      'RFC 8725 §3.10; CVE-2018-0114 family',
      token({ ...HS256, kid: '../../../../../../dev/null' }, claims, Buffer.alloc(0)),
      'bad_signature',
    ],
    [
      'kid SQL injection, HMAC with the injected value',
      'RFC 8725 §3.10',
      token({ ...HS256, kid: "x' UNION SELECT 'attacker' --" }, claims, 'attacker'),
      'bad_signature',
    ],
    [
      'kid naming the other credential, signed with it',
      'RFC 8725 §3.10',
      token({ ...HS256, kid: otherKey }, claims, otherSecret),
      'bad_signature',
    ],
    [
      'jku on loopback, attacker key',
      'RFC 8725 §3.10',
      token({ ...HS256, jku: `${trapUrl}/jwks.json` }, claims, 'attacker'),
      'bad_signature',
    ],
    [
      'x5u on loopback, attacker key',
      'RFC 8725 §3.10',
      token({ ...HS256, x5u: `${trapUrl}/cert.pem` }, claims, 'attacker'),
      'bad_signature',
    ],
    [
      'embedded jwk (oct) with the attacker key',
      'CVE-2018-0114',
      token({ ...HS256, jwk: { kty: 'oct', k: encode('attacker') } }, claims, 'attacker'),
      'bad_signature',
    ],
    [
      'embedded jwk (RSA), alg RS256',
      'CVE-2018-0114',
      token({ alg: 'RS256', jwk: { kty: 'RSA', n: 'AQAB', e: 'AQAB' } }, claims, 'attacker'),
      'unsupported_algorithm',
    ],
    [
      'x5c with garbage, attacker key',
      'RFC 8725 §3.10',
      token({ ...HS256, x5c: ['MIIB'] }, claims, 'attacker'),
      'bad_signature',
    ],
  ];
}
