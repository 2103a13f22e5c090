import type { FailureReason } from '@apisig/web';

/** What each of the verifier's reason codes means, in a sentence (every code core defines). */
export const REASONS: Record<FailureReason, string> = {
  missing_api_key: 'No x-api-key header was sent.',
  unknown_api_key: 'The server has no user with this API key.',
  missing_signature: 'This user has a JWT key, so every request must carry x-signature.',
  missing_app_key: 'An app signature came without its x-app-key.',
  missing_app_signature: 'An x-app-key came without its x-app-signature.',
  unknown_app_key: 'The server has no organization with this App Key.',
  not_a_member: 'The organization may not act for this user: they are not a member.',
  malformed_signature: 'The token is not a well-formed HS256 JWT with key and exp claims.',
  unsupported_algorithm: 'The token is not signed with HS256.',
  bad_signature: 'The HMAC does not match: the token was signed with another key.',
  missing_exp: 'The token has no exp claim.',
  expired: 'The token’s exp is in the past (beyond the 5 s leeway).',
  exp_too_far: 'The token claims to live longer than the server allows.',
  key_mismatch: 'The token’s key claim does not match the header it signs for.',
};

/** The sentence for a code the server sent, or undefined for one core does not define. */
export function describeReason(code: string): string | undefined {
  return Object.hasOwn(REASONS, code) ? REASONS[code as FailureReason] : undefined;
}
