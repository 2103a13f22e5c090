/**
 * The compact serialization: segment counts, the base64url alphabet (no padding, no spare bits), whitespace and non-ASCII, header and payload that are not JSON objects, BOMs and invalid UTF-8, a blank value.
 */

import {
  encode,
  HS256,
  nonCanonicalLastChar,
  signSegments,
  forgeToken as token,
} from '../forge.js';
import type { CorpusContext, Row } from './context.js';

export function structure(c: CorpusContext): Row[] {
  const {
    key,
    secret,
    blank,
    exp,
    claims,
    good,
    goodHeader,
    goodPayload,
    goodSignature,
    unsigned,
  } = c;
  return [
    ['two segments', 'RFC 7515 §7.1', unsigned, 'malformed_signature'],
    ['four segments', 'RFC 7515 §7.1', `${good}.${goodSignature}`, 'malformed_signature'],
    [
      'five segments (a JWE shape)',
      'RFC 7516 §7.1',
      `${goodHeader}.${goodPayload}.AAAA.AAAA.${goodSignature}`,
      'malformed_signature',
    ],
    ['one segment', 'RFC 7515 §7.1', goodPayload, 'malformed_signature'],
    ['only dots', 'RFC 7515 §7.1', '..', 'malformed_signature'],
    [
      'empty header segment',
      'RFC 7515 §7.1',
      signSegments('', goodPayload, secret),
      'malformed_signature',
    ],
    [
      'empty payload segment',
      'RFC 7515 §7.1',
      signSegments(goodHeader, '', secret),
      'malformed_signature',
    ],
    [
      'padding "=" in the header',
      'RFC 7515 §2 (no padding)',
      signSegments(`${goodHeader}=`, goodPayload, secret),
      'malformed_signature',
    ],
    [
      'standard base64 "+" and "/" in the signature',
      'RFC 7515 §2',
      `${unsigned}.${goodSignature.replace(/-/g, '+').replace(/_/g, '/').replace(/^./, '+')}`,
      'malformed_signature',
    ],
    ['space before the token', 'RFC 7515 §7.1', ` ${good}`, 'malformed_signature'],
    [
      'tab inside the payload',
      'RFC 7515 §7.1',
      signSegments(goodHeader, `${goodPayload.slice(0, 4)}\t${goodPayload.slice(4)}`, secret),
      'malformed_signature',
    ],
    [
      'non-ASCII character in the header',
      'RFC 7515 §2',
      signSegments(`${goodHeader}é`, goodPayload, secret),
      'malformed_signature',
    ],
    [
      'non-canonical last character in the payload',
      'RFC 4648 §3.5',
      signSegments(
        goodHeader,
        nonCanonicalLastChar(encode(`{"key":"${key}","exp":${exp}}`)),
        secret,
      ),
      'malformed_signature',
    ],
    ['blank token', 'contract: steps 3 and 6 (blank is absent)', ' ', blank],
    // Header and payload that are not JSON objects.
    ...(
      [
        ['header is a JSON array', ['HS256'], claims],
        ['header is a JSON string', '"HS256"', claims],
        ['header is null', 'null', claims],
        ['header is a number', '256', claims],
        ['header is not JSON', 'alg=HS256', claims],
        ['header is truncated JSON', '{"alg":"HS256"', claims],
        ['payload is a JSON array', HS256, [key, exp]],
        ['payload is a JSON string', HS256, `"${key}"`],
        ['payload is null', HS256, 'null'],
        ['payload is true', HS256, 'true'],
        ['payload is not JSON', HS256, `key=${key}&exp=${exp}`],
        ['header with a UTF-8 BOM', `\uFEFF${JSON.stringify(HS256)}`, claims],
        ['payload with a UTF-8 BOM', HS256, `\uFEFF${JSON.stringify(claims)}`],
      ] as const
    ).map(([name, h, p]): [string, string, string, string] => [
      name,
      'RFC 7515 §5.2; RFC 8259 §8.1',
      token(h, p, secret),
      'malformed_signature',
    ]),
    [
      'header with invalid UTF-8',
      'RFC 8725 §3.7',
      signSegments(Buffer.from([0x7b, 0xff, 0x7d]).toString('base64url'), goodPayload, secret),
      'malformed_signature',
    ],
    [
      'payload with invalid UTF-8 in a string',
      'RFC 8725 §3.7',
      signSegments(
        goodHeader,
        Buffer.concat([
          Buffer.from(`{"key":"${key}`),
          Buffer.from([0xc3]),
          Buffer.from(`","exp":${exp}}`),
        ]).toString('base64url'),
        secret,
      ),
      'malformed_signature',
    ],
  ];
}
