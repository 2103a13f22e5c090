/**
 * A verifier's options, checked once when the verifier is made: the lookups it calls, its
 * clock, leeway, maximum token lifetimes and how long a lookup may take.
 */
import {
  DEFAULT_LEEWAY,
  DEFAULT_LOOKUP_TIMEOUT_MS,
  DEFAULT_MAX_TTL,
  TTL_RANGE,
} from '../contract.js';
import type { MaybePromise } from '../maybe-promise.js';
import {
  invalidOption,
  validateClock,
  validateOptionsRecord,
  validateTimeout,
  validateTtl,
} from '../validate.js';

/**
 * What `users(apiKey)` answers for a known user: plain data with these fields only. A record
 * with any other field (`jwt_key`), or a field of the wrong type, is a lookup failure, never a
 * pass; null or undefined means "no such user".
 *
 * @example
 * ```ts
 * const users = new Map<string, UserRecord>([
 *   ['ak_live_3f9a2c1e7b4d', { jwtKey: process.env.ALICE_JWT_KEY! }], // must sign
 *   ['ak_live_5e6f7a8b9c0d', {}], // API key only
 * ]);
 * createVerifier({ users: (apiKey) => users.get(apiKey) });
 * ```
 */
export interface UserRecord {
  /**
   * The user's JWT key; without one, `x-signature` is ignored. During a key rotation, the
   * keys in use (up to 4): a token signed with any of them passes.
   */
  jwtKey?: string | readonly string[] | null;
  /** With a JWT key: refuse requests without `x-signature`. Default true. */
  signatureRequired?: boolean;
}

/**
 * What `organizations(appKey)` answers for a known organization: its App Secret and who it
 * may act for. Plain data with these fields only, like a UserRecord.
 *
 * @example
 * ```ts
 * const acme: OrganizationRecord = {
 *   appSecret: process.env.ACME_APP_SECRET!,
 *   isMember: (apiKey) => db.members.has('acme', apiKey),
 * };
 * ```
 */
export interface OrganizationRecord {
  /** The App Secret its tokens are signed with; during a rotation, the secrets in use (up to 4). */
  appSecret: string | readonly string[];
  /** True when the organization may act for this user. May be async. */
  isMember(apiKey: string): MaybePromise<boolean>;
}

/**
 * What `createVerifier`, `verifyHeaders` and every server integration take. Checked once:
 * a mistake throws ApiSigError `invalid_option` naming the field.
 *
 * @example
 * ```ts
 * const options: VerifyOptions = {
 *   users: async (apiKey) => db.users.find(apiKey), // may be async
 *   organizations: (appKey) => (appKey === 'app_acme' ? acme : null),
 *   maxTtl: { signature: 15 }, // stricter than the default 60 s
 * };
 * ```
 */
export interface VerifyOptions {
  /** The user with this API key, or null/undefined. May be async. */
  users(apiKey: string): MaybePromise<UserRecord | null | undefined>;
  /** The organization with this App Key, or null/undefined. May be async. */
  organizations?(appKey: string): MaybePromise<OrganizationRecord | null | undefined>;
  /** Epoch ms. Default `Date.now`. */
  clock?: () => number;
  /** Seconds of tolerance on both sides of exp. Default 5. */
  leeway?: number;
  /** The longest lifetime a token may claim, seconds. Default 60 for both (see DEFAULT_MAX_TTL). */
  maxTtl?: { signature?: number; appSignature?: number };
  /** A lookup that has not settled by then rejects with `lookup_timeout`. Default 5000 ms. */
  lookupTimeoutMs?: number;
}

/** VerifyOptions after validation. */
export interface VerifierConfig {
  users: VerifyOptions['users'];
  organizations: VerifyOptions['organizations'];
  clock: () => number;
  leeway: number;
  maxTtl: { signature: number; appSignature: number };
  lookupTimeoutMs: number;
}

/** The option names a verifier knows: an adapter's own options go beside these. */
export const VERIFY_OPTION_FIELDS = [
  'users',
  'organizations',
  'clock',
  'leeway',
  'maxTtl',
  'lookupTimeoutMs',
] as const;

/** Checks every verifier option; throws before any request is verified. */
export function validateVerifyOptions(options: unknown): VerifierConfig {
  const record = validateOptionsRecord('options', options, VERIFY_OPTION_FIELDS);
  if (typeof record.users !== 'function') throw invalidOption('users', 'must be a function');
  if (record.organizations !== undefined && typeof record.organizations !== 'function') {
    throw invalidOption('organizations', 'must be a function');
  }
  const leeway = record.leeway ?? DEFAULT_LEEWAY;
  if (
    typeof leeway !== 'number' ||
    !Number.isInteger(leeway) ||
    leeway < 0 ||
    leeway > TTL_RANGE.max
  ) {
    throw invalidOption('leeway', `must be a whole number of seconds within 0..${TTL_RANGE.max}`);
  }
  const maxTtl =
    record.maxTtl === undefined
      ? {}
      : validateOptionsRecord('maxTtl', record.maxTtl, ['signature', 'appSignature'], 'maxTtl.');
  return {
    users: record.users as VerifierConfig['users'],
    organizations: record.organizations as VerifierConfig['organizations'],
    clock: validateClock('clock', record.clock),
    leeway,
    maxTtl: {
      signature: validateTtl('maxTtl.signature', maxTtl.signature, DEFAULT_MAX_TTL.signature),
      appSignature: validateTtl(
        'maxTtl.appSignature',
        maxTtl.appSignature,
        DEFAULT_MAX_TTL.appSignature,
      ),
    },
    lookupTimeoutMs: validateTimeout(
      'lookupTimeoutMs',
      record.lookupTimeoutMs,
      DEFAULT_LOOKUP_TIMEOUT_MS,
      true,
    ),
  };
}
