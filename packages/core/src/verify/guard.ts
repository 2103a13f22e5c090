/**
 * The request flow every server integration shares, so that each adapter only binds its
 * framework's idiom: options checked once (the verifier's and the hooks'), a CORS preflight
 * let through unverified, the verdict reported to `onVerdict`, and the app's own answer to a
 * failure (`onRefusal`) asked for before the standard one.
 */
import type { VerifyingBackend } from '../backend.js';
import type { HeaderInput } from '../headers.js';
import type { MaybePromise } from '../maybe-promise.js';
import { invalidOption, validateOptionsRecord } from '../validate.js';
import {
  type ErrorVerdict,
  isPreflight,
  judge,
  type RefusedVerdict,
  type Verdict,
} from './verdict.js';
import { VERIFY_OPTION_FIELDS, type VerifyOptions } from './verifier-options.js';
import { createVerifierEngine } from './verify.js';

/**
 * What every server integration takes beside the verifier's options, typed by what its
 * framework calls a request and an answer.
 *
 * @example
 * ```ts
 * const hooks: ServerHooks<Request, Response> = {
 *   onVerdict: (verdict) => log.info({ apisig: verdict }),
 *   onRefusal: (verdict) => Response.json({ message: 'Please sign in again' }, { status: verdict.status }),
 * };
 * ```
 */
export interface ServerHooks<Req, Answer> {
  /**
   * Called once per request with its verdict (accepted, refused, or an error verdict when a
   * lookup failed), for logs and metrics. It never holds a token or a secret.
   */
  onVerdict?(verdict: Verdict, request: Req): void;
  /**
   * The app's own answer to a request that is not let through. Return nothing to send the
   * standard one (`{ error, header }` with WWW-Authenticate).
   */
  onRefusal?(
    verdict: RefusedVerdict | ErrorVerdict,
    request: Req,
  ): MaybePromise<Answer | undefined>;
  /** Verify CORS preflights too (they carry no credentials, so they would all be refused). Default false. */
  verifyPreflight?: boolean;
}

/**
 * The options of a server integration: the verifier's and the hooks.
 *
 * @example
 * ```ts
 * const options: ServerOptions<IncomingMessage, void> = { users, onVerdict: console.log };
 * ```
 */
export type ServerOptions<Req, Answer> = VerifyOptions & ServerHooks<Req, Answer>;

const HOOK_FIELDS = ['onVerdict', 'onRefusal', 'verifyPreflight'] as const;

/**
 * A server integration's request flow, over one verifier.
 *
 * @example
 * ```ts
 * const verdict = await guard.check(request, request.method, request.headers);
 * if (verdict !== 'preflight' && !verdict.ok) {
 *   const own = await guard.refusal(verdict, request);
 * }
 * ```
 */
export interface Guard<Req, Answer> {
  /** The verdict on a request (reported to onVerdict), or `preflight` for one let through. */
  check(
    request: Req,
    method: string | undefined,
    headers: HeaderInput,
  ): Promise<Verdict | 'preflight'>;
  /** The app's own answer to a failed verdict, when onRefusal gives one. */
  refusal(verdict: RefusedVerdict | ErrorVerdict, request: Req): Promise<Answer | undefined>;
  /** The adapter's own options (its `adapterFields`), checked for being known only. */
  adapterOptions: Record<string, unknown>;
}

/**
 * Checks the options once (a mistake throws ApiSigError `invalid_option`) and returns the
 * request flow. `adapterFields` are option names the adapter itself takes (Fastify's
 * `prefix`...): known to the check, and handed back in `adapterOptions`.
 *
 * @example
 * ```ts
 * const guard = createGuard<IncomingMessage, void>(jsonwebtokenBackend, options);
 * const verdict = await guard.check(request, request.method, request.headers);
 * ```
 */
export function createGuard<Req, Answer>(
  backend: VerifyingBackend<unknown>,
  options: ServerOptions<Req, Answer>,
  adapterFields: readonly string[] = [],
): Guard<Req, Answer> {
  const record = validateOptionsRecord('options', options, [
    ...VERIFY_OPTION_FIELDS,
    ...HOOK_FIELDS,
    ...adapterFields,
  ]);
  const verifyOptions: Record<string, unknown> = {};
  const adapterOptions: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(record)) {
    if ((VERIFY_OPTION_FIELDS as readonly string[]).includes(name)) verifyOptions[name] = value;
    else if (adapterFields.includes(name)) adapterOptions[name] = value;
  }
  for (const name of ['onVerdict', 'onRefusal'] as const) {
    if (record[name] !== undefined && typeof record[name] !== 'function') {
      throw invalidOption(name, 'must be a function');
    }
  }
  if (record.verifyPreflight !== undefined && typeof record.verifyPreflight !== 'boolean') {
    throw invalidOption('verifyPreflight', 'must be a boolean');
  }
  const verify = createVerifierEngine(backend, verifyOptions as unknown as VerifyOptions);
  const { onVerdict, onRefusal, verifyPreflight = false } = options;
  return {
    async check(request, method, headers) {
      if (!verifyPreflight && isPreflight(method, headers)) return 'preflight';
      const verdict = await judge(verify, headers);
      onVerdict?.(verdict, request);
      return verdict;
    },
    async refusal(verdict, request) {
      return onRefusal?.(verdict, request);
    },
    adapterOptions,
  };
}
