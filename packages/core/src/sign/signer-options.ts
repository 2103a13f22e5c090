/**
 * A signer's options, checked whole before anything is signed or sent: the credential rules
 * of docs/contract.md, the ttl range, the clock. `forUser` checks its user by the same rules.
 */
import { DEFAULT_MAX_CLOCK_OFFSET, DEFAULT_TTL } from '../contract.js';
import {
  rejectPresentButUndefined,
  validateClock,
  validateHeaderKey,
  validateOptionsRecord,
  validateSeconds,
  validateSecret,
  validateTtl,
} from '../validate.js';

/**
 * An organization's credentials, for acting on behalf of its users.
 *
 * @example
 * ```ts
 * const organization: OrganizationCredentials = {
 *   appKey: 'app_acme',
 *   appSecret: process.env.APP_SECRET!,
 * };
 * ```
 */
export interface OrganizationCredentials {
  /** The organization's App Key, sent as `x-app-key` and signed as the `key` claim. */
  appKey: string;
  /** The App Secret. Never sent: only tokens made with it are. */
  appSecret: string;
}

/**
 * One user's credentials: what `signer.forUser()` takes to sign for another user of the same
 * organization.
 *
 * @example
 * ```ts
 * const user: UserCredentials = { apiKey: 'ak_live_3f9a2c1e7b4d', jwtKey: process.env.JWT_KEY! };
 * organizationSigner.forUser(user).headers();
 * ```
 */
export interface UserCredentials {
  /** The user's API key, sent as `x-api-key`. */
  apiKey: string;
  /** The user's JWT key, when the user signs: then every request carries `x-signature`. */
  jwtKey?: string;
}

/**
 * What `createSigner` takes. Bad options throw an ApiSigError naming the field (never its
 * value) before anything is signed.
 *
 * @example
 * ```ts
 * const options: SignerOptions = {
 *   apiKey: 'ak_live_3f9a2c1e7b4d',
 *   jwtKey: process.env.JWT_KEY!, // omit for API-key-only requests
 *   ttl: { signature: 15 },
 * };
 * ```
 */
export interface SignerOptions extends UserCredentials {
  /** Organization credentials: when set, requests carry `x-app-key` and `x-app-signature`. */
  organization?: OrganizationCredentials;
  /** Token lifetimes in seconds, 1..300. Defaults: 15 (x-signature), 60 (x-app-signature). */
  ttl?: { signature?: number; appSignature?: number };
  /** The signer's clock in epoch milliseconds. Default `Date.now`. */
  clock?: () => number;
  /** Seconds added to the clock (server time minus ours). Default 0. */
  clockOffset?: number;
  /**
   * The largest clock offset, in seconds, the signer takes from a server's Date (or from
   * `clockOffset`). Default a day: a Date further off is ignored.
   */
  maxClockOffset?: number;
}

/** SignerOptions after validation: every default filled in. */
export interface SignerConfig {
  apiKey: string;
  jwtKey: string | undefined;
  organization: OrganizationCredentials | undefined;
  ttl: { signature: number; appSignature: number };
  clock: () => number;
  clockOffset: number;
  maxClockOffset: number;
}

const USER_FIELDS = ['apiKey', 'jwtKey'] as const;
const SIGNER_FIELDS = [
  ...USER_FIELDS,
  'organization',
  'ttl',
  'clock',
  'clockOffset',
  'maxClockOffset',
];

/** A user's API key and JWT key, by the same rules wherever a user is given. */
export function validateUserCredentials(
  field: string,
  value: unknown,
  known: readonly string[] = USER_FIELDS,
): { apiKey: string; jwtKey: string | undefined; record: Record<string, unknown> } {
  const record = validateOptionsRecord(field, value, known);
  rejectPresentButUndefined(record, ['jwtKey']);
  return {
    apiKey: validateHeaderKey('apiKey', record.apiKey),
    jwtKey: record.jwtKey === undefined ? undefined : validateSecret('jwtKey', record.jwtKey),
    record,
  };
}

function validateOrganization(value: unknown): OrganizationCredentials {
  const record = validateOptionsRecord(
    'organization',
    value,
    ['appKey', 'appSecret'],
    'organization.',
  );
  // validateHeaderKey and validateSecret refuse a missing appKey or appSecret by name.
  return {
    appKey: validateHeaderKey('appKey', record.appKey),
    appSecret: validateSecret('appSecret', record.appSecret),
  };
}

function validateTtls(value: unknown): SignerConfig['ttl'] {
  const record =
    value === undefined
      ? {}
      : validateOptionsRecord('ttl', value, ['signature', 'appSignature'], 'ttl.');
  return {
    signature: validateTtl('ttl.signature', record.signature, DEFAULT_TTL.signature),
    appSignature: validateTtl('ttl.appSignature', record.appSignature, DEFAULT_TTL.appSignature),
  };
}

/** Checks every signer option; throws before anything is signed or sent. */
export function validateSignerOptions(options: unknown): SignerConfig {
  const { apiKey, jwtKey, record } = validateUserCredentials('options', options, SIGNER_FIELDS);
  rejectPresentButUndefined(record, ['organization']);
  const maxClockOffset =
    record.maxClockOffset === undefined
      ? DEFAULT_MAX_CLOCK_OFFSET
      : validateSeconds('maxClockOffset', record.maxClockOffset, Number.MAX_VALUE, 0);
  return {
    apiKey,
    jwtKey,
    organization:
      record.organization === undefined ? undefined : validateOrganization(record.organization),
    ttl: validateTtls(record.ttl),
    clock: validateClock('clock', record.clock),
    clockOffset:
      record.clockOffset === undefined
        ? 0
        : validateSeconds('clockOffset', record.clockOffset, maxClockOffset),
    maxClockOffset,
  };
}
