/** Who a verified request comes from: what the Hono and Next.js bindings hand to the app. */
import type { VerifySuccess } from '@apisig/core';

/**
 * Who a verified request comes from, and how it authenticated: the verifier's success result
 * without `ok` (`apiKey`, `appKey` when it came through an organization, `signed`, `mode`).
 *
 * @example
 * ```ts
 * const describe = (identity: ApiSigIdentity) =>
 *   identity.appKey ? `${identity.apiKey} via ${identity.appKey}` : identity.apiKey;
 * ```
 */
export type ApiSigIdentity = Omit<VerifySuccess, 'ok'>;

/** The success verdict without its `ok`. */
export function identityOf(verdict: VerifySuccess): ApiSigIdentity {
  const { ok: _ok, ...identity } = verdict;
  return identity;
}
