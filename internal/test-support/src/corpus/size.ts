/**
 * Size: a token over 8192 characters is refused before any decoding or HMAC work (contract token check 1; RFC 8725 §3.12 denial of service), one of exactly 8192 is not.
 */

import { tokenOfLength } from '../forge.js';
import type { CorpusContext, Row } from './context.js';

export function size(c: CorpusContext): Row[] {
  const { secret, claims } = c;
  return [
    [
      'exactly 8192 characters, valid',
      'contract: token check 1',
      tokenOfLength(8192, claims, secret),
      'accepted',
    ],
    [
      '8193 characters, validly signed',
      'contract: token check 1',
      tokenOfLength(8193, claims, secret),
      'malformed_signature',
    ],
  ];
}
