/** Who a verified request comes from: what every server integration hands to the app. */
import type { VerifySuccess } from './verify.js';

/**
 * Who a verified request comes from, and how it authenticated: the verifier's success result
 * without `ok` (`apiKey`, `appKey` when it came through an organization, `signed`, `mode`).
 * What `req.apisig`, `request.apisig`, `ctx.state.apisig` and `c.get('apisig')` hold.
 *
 * @example
 * ```ts
 * const describe = (identity: ApiSigIdentity) =>
 *   identity.appKey ? `${identity.apiKey} via ${identity.appKey}` : identity.apiKey;
 * ```
 */
export type ApiSigIdentity = Omit<VerifySuccess, 'ok'>;

/** The success verdict without its `ok`: the identity an integration hands to the app. */
export function identityOf(verdict: VerifySuccess): ApiSigIdentity {
  const { ok: _ok, ...identity } = verdict;
  return identity;
}
