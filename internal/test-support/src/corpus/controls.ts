/**
 * Controls: a genuine token, and what the contract deliberately leaves alone (extra claims, duplicate members where the last one is right, an integer written 1.0).
 */

import { HS256, forgeToken as token } from '../forge.js';
import type { CorpusContext, Row } from './context.js';

export function controls(c: CorpusContext): Row[] {
  const { key, secret, now, exp, claims, good } = c;
  return [
    ['genuine token', 'control', good, 'accepted'],
    [
      'extra claims (nbf in the future, iat as text) are not contract rules',
      'contract: claims beyond key and exp are ignored',
      token(HS256, { key, exp, nbf: now + 9999, iat: 'x' }, secret),
      'accepted',
    ],
    [
      'duplicate alg, last is HS256 (lexically last wins)',
      'RFC 7515 §5.2',
      token(`{"alg":"none","alg":"HS256","typ":"JWT"}`, claims, secret),
      'accepted',
    ],
    [
      'exp written as 1764300015.0 is an integer',
      'RFC 8259 numbers',
      token(HS256, `{"key":"${key}","exp":${exp}.0}`, secret),
      'accepted',
    ],
  ];
}
