/**
 * A refusal from an apisig-style server, read on the client: the 401/403 JSON body
 * `{ "error": reason, "header": name }` that every apisig server integration answers.
 */
import { FAILURE_REASONS, type FailureReason, type HeaderName, statusFor } from '../contract.js';
import { AUTH_HEADER_NAMES } from './request-policy.js';

/**
 * Why a server refused a request: what `parseRefusal` gives a client to switch on.
 *
 * @example
 * ```ts
 * const refusal: Refusal | null = await parseRefusal(response);
 * if (refusal?.reason === 'not_a_member') showUpgradeDialog();
 * ```
 */
export interface Refusal {
  reason: FailureReason;
  /** The header the reason concerns. */
  header: HeaderName;
  status: 401 | 403;
}

/** A refusal from a status and an already-parsed body, or null when it is not one. */
export function readRefusal(status: number, body: unknown): Refusal | null {
  if (typeof body !== 'object' || body === null) return null;
  const { error, header } = body as { error?: unknown; header?: unknown };
  if (!(FAILURE_REASONS as readonly unknown[]).includes(error)) return null;
  const reason = error as FailureReason;
  if (statusFor(reason) !== status || !AUTH_HEADER_NAMES.includes(header as string)) return null;
  return { reason, header: header as HeaderName, status: status as 401 | 403 };
}

/**
 * The refusal in a response from an apisig-style server (`{ reason, header, status }`), or
 * null for anything else: a success, another error, a body that is not the refusal JSON. It
 * reads a clone, so the response's own body is left for the caller.
 *
 * @example
 * ```ts
 * const response = await api('/v1/orders');
 * const refusal = await parseRefusal(response);
 * if (refusal) console.warn(refusal.reason, describeReason(refusal.reason));
 * ```
 */
export async function parseRefusal(
  response: Pick<Response, 'status' | 'clone'>,
): Promise<Refusal | null> {
  if (response.status !== 401 && response.status !== 403) return null;
  try {
    return readRefusal(response.status, JSON.parse(await response.clone().text()));
  } catch {
    return null;
  }
}
