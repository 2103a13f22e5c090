/**
 * What each refusal means, in a sentence a user can be shown. Kept apart from the contract's
 * codes, so a bundle that never shows one carries none of the sentences.
 */
import type { FailureReason } from './contract.js';

/**
 * One English sentence for every reason a verifier refuses a request for.
 *
 * @example
 * ```ts
 * REASON_TEXTS.expired; // 'The token has expired (its exp is past, beyond the leeway).'
 * ```
 */
export const REASON_TEXTS: Readonly<Record<FailureReason, string>> = {
  missing_api_key: 'No x-api-key header was sent.',
  unknown_api_key: 'The server has no user with this API key.',
  missing_signature: 'This user has a JWT key, so every request must carry x-signature.',
  missing_app_key: 'An x-app-signature came without its x-app-key.',
  missing_app_signature: 'An x-app-key came without its x-app-signature.',
  unknown_app_key: 'The server has no organization with this App Key.',
  not_a_member: 'The organization may not act for this user: they are not a member.',
  malformed_signature: 'The token is not a well-formed HS256 JWT with key and exp claims.',
  unsupported_algorithm: 'The token is not signed with HS256.',
  bad_signature: 'The signature does not match: the token was signed with another key.',
  missing_exp: 'The token has no exp claim.',
  expired: 'The token has expired (its exp is past, beyond the leeway).',
  exp_too_far: 'The token claims to live longer than the server allows.',
  key_mismatch: 'The token was made for another key than the header it signs for.',
};

/**
 * The sentence for a reason code, or undefined for a code apisig does not define (a newer
 * server's, or not a refusal at all).
 *
 * @example
 * ```ts
 * const refusal = await parseRefusal(response);
 * if (refusal) toast(describeReason(refusal.reason));
 * ```
 */
export function describeReason(reason: string): string | undefined {
  return Object.hasOwn(REASON_TEXTS, reason) ? REASON_TEXTS[reason as FailureReason] : undefined;
}
