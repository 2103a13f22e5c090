/**
 * The claims, with the right secret so the HMAC passes and the claims decide: exp missing, of every wrong type, overflowing, negative, in milliseconds, duplicated; the leeway and maxTtl boundaries on both sides; key missing, of a wrong type, or a look-alike of the right one.
 */

import { HS256, forgeToken as token } from '../forge.js';
import type { CorpusContext, Row } from './context.js';

export function claims(c: CorpusContext): Row[] {
  const { key, secret, now, exp, leeway, maxTtl, otherKey } = c;
  return [
    ['exp missing', 'contract: token check 4', token(HS256, { key }, secret), 'missing_exp'],
    [
      'exp missing, key a number',
      'contract: token check 4 (order)',
      token(HS256, { key: 1 }, secret),
      'missing_exp',
    ],
    [
      'exp as a float',
      'contract: token check 5',
      token(HS256, { key, exp: exp + 0.5 }, secret),
      'malformed_signature',
    ],
    [
      'exp as a string',
      'contract: token check 5',
      token(HS256, { key, exp: String(exp) }, secret),
      'malformed_signature',
    ],
    [
      'exp as a boolean',
      'contract: token check 5',
      token(HS256, { key, exp: true }, secret),
      'malformed_signature',
    ],
    [
      'exp null',
      'contract: token check 5',
      token(HS256, { key, exp: null }, secret),
      'malformed_signature',
    ],
    [
      'exp as an array',
      'contract: token check 5',
      token(HS256, { key, exp: [exp] }, secret),
      'malformed_signature',
    ],
    [
      'exp as an object',
      'contract: token check 5',
      token(HS256, { key, exp: { $gt: 0 } }, secret),
      'malformed_signature',
    ],
    [
      'exp 1e400 (overflows to Infinity)',
      'RFC 8725 §2.7 (numeric overflow)',
      token(HS256, `{"key":"${key}","exp":1e400}`, secret),
      'malformed_signature',
    ],
    [
      'exp -1e400 (overflows to -Infinity)',
      'RFC 8725 §2.7',
      token(HS256, `{"key":"${key}","exp":-1e400}`, secret),
      'malformed_signature',
    ],
    ['exp 1e308', 'numeric overflow', token(HS256, { key, exp: 1e308 }, secret), 'exp_too_far'],
    [
      'exp 2^53 + 1 (rounds to 2^53)',
      'numeric overflow',
      token(HS256, `{"key":"${key}","exp":9007199254740993}`, secret),
      'exp_too_far',
    ],
    [
      'exp 2^64',
      'numeric overflow',
      token(HS256, `{"key":"${key}","exp":18446744073709551616}`, secret),
      'exp_too_far',
    ],
    ['exp negative', 'contract: token check 6', token(HS256, { key, exp: -1 }, secret), 'expired'],
    ['exp 0', 'contract: token check 6', token(HS256, { key, exp: 0 }, secret), 'expired'],
    [
      'exp -2^53',
      'numeric overflow',
      token(HS256, `{"key":"${key}","exp":-9007199254740993}`, secret),
      'expired',
    ],
    [
      'exp in milliseconds',
      'contract: token check 7',
      token(HS256, { key, exp: exp * 1000 }, secret),
      'exp_too_far',
    ],
    [
      'duplicate exp, last one a year ahead',
      'RFC 7515 §5.2',
      token(HS256, `{"key":"${key}","exp":${exp},"exp":${exp + 31_536_000}}`, secret),
      'exp_too_far',
    ],
    // The leeway and the maximum ttl, exactly on both sides (now = CORPUS_NOW, leeway 5).
    [
      `exp = now - ${leeway} (last accepted second)`,
      'contract: token check 6',
      token(HS256, { key, exp: now - leeway }, secret),
      'accepted',
    ],
    [
      `exp = now - ${leeway + 1}`,
      'contract: token check 6',
      token(HS256, { key, exp: now - leeway - 1 }, secret),
      'expired',
    ],
    [
      `exp = now + maxTtl + leeway (${maxTtl + leeway})`,
      'contract: token check 7',
      token(HS256, { key, exp: now + maxTtl + leeway }, secret),
      'accepted',
    ],
    [
      `exp = now + maxTtl + leeway + 1 (${maxTtl + leeway + 1})`,
      'contract: token check 7',
      token(HS256, { key, exp: now + maxTtl + leeway + 1 }, secret),
      'exp_too_far',
    ],
    // key.
    [
      'key missing',
      'contract: token check 5',
      token(HS256, { exp }, secret),
      'malformed_signature',
    ],
    [
      'key as a number',
      'contract: token check 5',
      token(HS256, { key: 42, exp }, secret),
      'malformed_signature',
    ],
    [
      'key as an array',
      'contract: token check 5',
      token(HS256, { key: [key], exp }, secret),
      'malformed_signature',
    ],
    [
      'key null',
      'contract: token check 5',
      token(HS256, { key: null, exp }, secret),
      'malformed_signature',
    ],
    [
      'key as an object',
      'contract: token check 5',
      token(HS256, { key: { toString: key }, exp }, secret),
      'malformed_signature',
    ],
    ...(
      [
        ['upper case', key.toUpperCase()],
        ['trailing space', `${key} `],
        ['leading space', ` ${key}`],
        ['trailing NUL', `${key}\u0000`],
        ['trailing newline', `${key}\n`],
        ['Cyrillic look-alike a', key.replace('a', '\u0430')],
        ['zero-width joiner inside', `${key.slice(0, 3)}\u200d${key.slice(3)}`],
        ['fullwidth look-alike', key.replace('_', '\uff3f')],
        ['prefix only', key.slice(0, -1)],
        ['extended', `${key}x`],
        ['empty', ''],
        ["the other header's key", otherKey],
      ] as const
    ).map(([what, value]): [string, string, string, string] => [
      `key look-alike: ${what}`,
      'contract: token check 8',
      token(HS256, { key: value, exp }, secret),
      'key_mismatch',
    ]),
    [
      'duplicate key, last one someone else',
      'RFC 7515 §5.2',
      token(HS256, `{"key":"${key}","key":"${otherKey}","exp":${exp}}`, secret),
      'key_mismatch',
    ],
  ];
}
