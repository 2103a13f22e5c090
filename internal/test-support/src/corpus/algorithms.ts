/**
 * The algorithm: alg "none" in every casing (RFC 8725 §2.1; CVE-2015-9235), look-alikes and non-strings, other HMACs with the right secret, asymmetric names (algorithm confusion), and crit/b64 (RFC 7797): nothing but exactly HS256 without crit passes.
 */

import { encode, HS256, mac, noneCasings, rsaPublicPem, forgeToken as token } from '../forge.js';
import type { CorpusContext, Row } from './context.js';

export function algorithms(c: CorpusContext): Row[] {
  const { secret, claims, goodPayload, exp } = c;
  return [
    ...noneCasings().map((alg): [string, string, string, string] => [
      `alg "${alg}", empty signature`,
      'RFC 8725 §2.1; CVE-2015-9235',
      `${encode({ alg, typ: 'JWT' })}.${goodPayload}.`,
      'unsupported_algorithm',
    ]),
    [
      'alg "none" with a valid HMAC',
      'RFC 8725 §3.1',
      token({ alg: 'none', typ: 'JWT' }, claims, secret),
      'unsupported_algorithm',
    ],
    [
      'duplicate alg, last is none',
      'RFC 7515 §5.2',
      token(`{"alg":"HS256","alg":"none","typ":"JWT"}`, claims, secret),
      'unsupported_algorithm',
    ],
    [
      'alg missing',
      'RFC 8725 §3.1',
      token({ typ: 'JWT' }, claims, secret),
      'unsupported_algorithm',
    ],
    ...(
      [
        'hs256',
        'Hs256',
        'HS256 ',
        ' HS256',
        'HS256\u0000',
        'HS2560',
        'HS25',
        'HMAC-SHA256',
        '',
      ] as const
    ).map((alg): [string, string, string, string] => [
      `alg ${JSON.stringify(alg)}`,
      'RFC 8725 §3.1',
      token({ alg, typ: 'JWT' }, claims, secret),
      'unsupported_algorithm',
    ]),
    ...([['array'], ['HS256'], {}, null, 256, true] as const).map(
      (alg): [string, string, string, string] => [
        `alg as ${JSON.stringify(alg)}`,
        'RFC 8725 §3.1',
        token({ alg, typ: 'JWT' }, claims, secret),
        'unsupported_algorithm',
      ],
    ),
    // Other HMAC algorithms, correctly computed with the right secret.
    [
      'HS384, right secret',
      'RFC 8725 §3.1',
      token({ alg: 'HS384', typ: 'JWT' }, claims, secret, 'sha384'),
      'unsupported_algorithm',
    ],
    [
      'HS512, right secret',
      'RFC 8725 §3.1',
      token({ alg: 'HS512', typ: 'JWT' }, claims, secret, 'sha512'),
      'unsupported_algorithm',
    ],
    // Algorithm confusion: asymmetric alg names, HMAC'd with a public key or the secret.
    ...(['RS256', 'RS512', 'PS256', 'ES256', 'ES256K', 'ES512', 'EdDSA', 'Ed25519'] as const).map(
      (alg): [string, string, string, string] => [
        `${alg}, HMAC with the right secret`,
        'RFC 8725 §2.1 (algorithm confusion)',
        token({ alg, typ: 'JWT' }, claims, secret),
        'unsupported_algorithm',
      ],
    ),
    [
      'RS256 HMAC-signed with an RSA public key PEM',
      'CVE-2016-5431; CVE-2022-29217',
      token({ alg: 'RS256', typ: 'JWT' }, claims, rsaPublicPem),
      'unsupported_algorithm',
    ],
    [
      'HS256 HMAC-signed with an RSA public key PEM',
      'CVE-2016-5431',
      token(HS256, claims, rsaPublicPem),
      'bad_signature',
    ],
    // crit and b64 (RFC 7797): an extension we do not implement must be refused.
    [
      'crit ["b64"], b64 false, payload unencoded',
      'RFC 7797; RFC 7515 §4.1.11',
      `${encode({ alg: 'HS256', b64: false, crit: ['b64'] })}.${JSON.stringify(claims)}.${mac(`${encode({ alg: 'HS256', b64: false, crit: ['b64'] })}.${JSON.stringify(claims)}`, secret)}`,
      'malformed_signature',
    ],
    [
      'crit ["b64"], b64 false, detached payload',
      'RFC 7797 §5',
      `${encode({ alg: 'HS256', b64: false, crit: ['b64'] })}..${mac(`${encode({ alg: 'HS256', b64: false, crit: ['b64'] })}.${JSON.stringify(claims)}`, secret)}`,
      'malformed_signature',
    ],
    [
      'crit ["b64"], b64 false, payload encoded, right secret',
      'RFC 7797',
      token({ alg: 'HS256', b64: false, crit: ['b64'] }, claims, secret),
      'unsupported_algorithm',
    ],
    [
      'crit ["b64"], b64 true, right secret',
      'RFC 7515 §4.1.11',
      token({ alg: 'HS256', typ: 'JWT', crit: ['b64'], b64: true }, claims, secret),
      'unsupported_algorithm',
    ],
    [
      'crit [], right secret',
      'RFC 7515 §4.1.11',
      token({ alg: 'HS256', crit: [] }, claims, secret),
      'unsupported_algorithm',
    ],
    [
      'crit null, right secret',
      'RFC 7515 §4.1.11',
      token({ alg: 'HS256', crit: null }, claims, secret),
      'unsupported_algorithm',
    ],
    [
      'crit ["exp"], right secret',
      'RFC 7515 §4.1.11',
      token({ alg: 'HS256', crit: ['exp'], exp }, claims, secret),
      'unsupported_algorithm',
    ],
    [
      'b64 false without crit, HMAC over the raw payload',
      'RFC 7797 §6',
      `${encode({ alg: 'HS256', b64: false })}.${goodPayload}.${mac(`${encode({ alg: 'HS256', b64: false })}.${JSON.stringify(claims)}`, secret)}`,
      'bad_signature',
    ],
  ];
}
