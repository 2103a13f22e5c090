/**
 * The HMAC itself: psychic signatures (CVE-2022-21449) and their HMAC cousins (empty, zero, truncated, extended, non-canonical), and secrets that are not this header's (another user's, the other header's, trimmed, base64-decoded, empty).
 */
import { mallory } from '../cast.js';
import { HS256, mac, nonCanonicalLastChar, forgeToken as token } from '../forge.js';
import type { CorpusContext, Row } from './context.js';

export function signatures(c: CorpusContext): Row[] {
  const { secret, goodHeader, goodSignature, unsigned, claims, otherSecret } = c;
  return [
    ['empty signature', 'CVE-2022-21449 (psychic signatures)', `${unsigned}.`, 'bad_signature'],
    [
      'all-zero 32-byte signature',
      'CVE-2022-21449',
      `${unsigned}.${'A'.repeat(43)}`,
      'bad_signature',
    ],
    ['one zero byte signature', 'CVE-2022-21449', `${unsigned}.AA`, 'bad_signature'],
    [
      'truncated HMAC (16 bytes)',
      'RFC 7518 §3.2',
      `${unsigned}.${Buffer.from(goodSignature, 'base64url').subarray(0, 16).toString('base64url')}`,
      'bad_signature',
    ],
    [
      'HMAC with a byte appended',
      'RFC 7518 §3.2',
      `${unsigned}.${Buffer.concat([Buffer.from(goodSignature, 'base64url'), Buffer.from([0])]).toString('base64url')}`,
      'bad_signature',
    ],
    [
      'HMAC of the header alone',
      'RFC 7515 §5.1',
      `${unsigned}.${mac(goodHeader, secret)}`,
      'bad_signature',
    ],
    [
      'HMAC with a non-canonical last character (same bytes)',
      'RFC 4648 §3.5 (malleability)',
      `${unsigned}.${nonCanonicalLastChar(goodSignature)}`,
      'malformed_signature',
    ],
    ['signature of 1 base64url character', 'RFC 4648 §5', `${unsigned}.A`, 'malformed_signature'],
    // Secrets that are not this header's.
    [
      "signed with the other header's secret",
      'contract: token check 3',
      token(HS256, claims, otherSecret),
      'bad_signature',
    ],
    [
      "another user's JWT key",
      'contract: token check 3',
      token(HS256, claims, mallory.jwtKey),
      'bad_signature',
    ],
    [
      'secret with a trailing space',
      'contract: the secret as given (no trimming)',
      token(HS256, claims, `${secret} `),
      'bad_signature',
    ],
    [
      'secret base64-decoded',
      'contract: the secret as given (no base64 decoding)',
      token(HS256, claims, Buffer.from(secret, 'base64')),
      'bad_signature',
    ],
    ['empty secret', 'RFC 8725 §3.5', token(HS256, claims, Buffer.alloc(0)), 'bad_signature'],
  ];
}
