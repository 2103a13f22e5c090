/**
 * The verifier engine: docs/contract.md "The checks, in order", first failure decides.
 * Parameterised by a SigningBackend, which only answers "does this HMAC match"; every claim
 * check and every reason code is decided here.
 */
import { isPromiseLike, type MaybePromise, type SigningBackend } from './backend.js';
import {
  DEFAULT_LEEWAY,
  DEFAULT_LOOKUP_TIMEOUT_MS,
  DEFAULT_MAX_TTL,
  type FailureReason,
  HEADERS,
  type HeaderName,
  statusFor,
  TOKEN_ALGORITHM,
  type TokenFailureReason,
  TTL_RANGE,
} from './contract.js';
import { ApiSigError } from './errors.js';
import { type HeaderInput, readHeader } from './headers.js';
import { decodeToken } from './token.js';
import {
  invalidOption,
  validateClock,
  validateOptionsRecord,
  validateTimeout,
  validateTtl,
} from './validate.js';

export interface UserRecord {
  /** The user's JWT key; without one, `x-signature` is ignored. */
  jwtKey?: string | null;
  /** With a JWT key: refuse requests without `x-signature`. Default true. */
  signatureRequired?: boolean;
}

export interface OrganizationRecord {
  appSecret: string;
  isMember(apiKey: string): MaybePromise<boolean>;
}

export interface VerifyOptions {
  users(apiKey: string): MaybePromise<UserRecord | null | undefined>;
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

export interface VerifySuccess {
  ok: true;
  apiKey: string;
  /** The organization's App Key when the request came through one. */
  appKey?: string;
  /** True when `x-signature` was present and verified. */
  signed: boolean;
}

export interface VerifyFailure {
  ok: false;
  reason: FailureReason;
  /** The header the reason concerns. */
  header: HeaderName;
  status: 401 | 403;
}

export type VerifyResult = VerifySuccess | VerifyFailure;

/** What a server answers for a failure: the reason and header, never a token or secret. */
export function failureBody(failure: VerifyFailure): { error: FailureReason; header: HeaderName } {
  return { error: failure.reason, header: failure.header };
}

function fail(reason: FailureReason, header: HeaderName): VerifyFailure {
  return { ok: false, reason, header, status: statusFor(reason) };
}

export interface TokenCheck {
  /** The value the `key` claim must equal: the header the token signs for. */
  key: string;
  /** Whole seconds since the epoch. */
  now: number;
  leeway: number;
  maxTtl: number;
}

/**
 * The claim checks, run only after the signature matched (steps 4 to 6 of "Checking one
 * token"). Pure: usable by anything that has already verified the HMAC.
 */
export function checkClaims(
  payload: Record<string, unknown>,
  check: TokenCheck,
): TokenFailureReason | null {
  const { exp, key } = payload;
  if (exp === undefined) return 'missing_exp';
  if (typeof exp !== 'number' || !Number.isInteger(exp) || typeof key !== 'string') {
    return 'malformed_signature';
  }
  if (check.now > exp + check.leeway) return 'expired';
  if (exp - check.now > check.maxTtl + check.leeway) return 'exp_too_far';
  if (key !== check.key) return 'key_mismatch';
  return null;
}

/** Prepared secrets, per backend, so a busy server does not re-import a key per request. */
const keyCaches = new WeakMap<SigningBackend<unknown>, Map<string, MaybePromise<unknown>>>();
const KEY_CACHE_SIZE = 512;

function preparedKey(backend: SigningBackend<unknown>, secret: string): MaybePromise<unknown> {
  let cache = keyCaches.get(backend);
  if (cache === undefined) {
    cache = new Map();
    keyCaches.set(backend, cache);
  }
  const hit = cache.get(secret);
  if (hit !== undefined) return hit;
  const key = backend.importKey(secret);
  if (cache.size >= KEY_CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  cache.set(secret, key);
  if (isPromiseLike(key)) key.catch(() => cache.delete(secret));
  return key;
}

/** Checking one token, steps 1 to 6, against one secret. Null when it passes. */
export async function checkToken(
  backend: SigningBackend<unknown>,
  token: string,
  secret: string,
  check: TokenCheck,
): Promise<TokenFailureReason | null> {
  const decoded = decodeToken(token);
  if (decoded === null) return 'malformed_signature';
  if (decoded.header.alg !== TOKEN_ALGORITHM || decoded.header.crit !== undefined) {
    return 'unsupported_algorithm';
  }
  if (!(await backend.verifySignature(token, await preparedKey(backend, secret)))) {
    return 'bad_signature';
  }
  return checkClaims(decoded.payload, check);
}

interface VerifierConfig {
  users: VerifyOptions['users'];
  organizations: VerifyOptions['organizations'];
  clock: () => number;
  leeway: number;
  maxTtl: { signature: number; appSignature: number };
  lookupTimeoutMs: number;
}

const VERIFY_FIELDS = ['users', 'organizations', 'clock', 'leeway', 'maxTtl', 'lookupTimeoutMs'];

function validateVerifyOptions(options: unknown): VerifierConfig {
  const record = validateOptionsRecord('options', options, VERIFY_FIELDS);
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
  const timeout = validateTimeout(
    'lookupTimeoutMs',
    record.lookupTimeoutMs,
    DEFAULT_LOOKUP_TIMEOUT_MS,
    true,
  );
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
    lookupTimeoutMs: timeout,
  };
}

/**
 * Run a user-supplied lookup so that it can only fail closed: a throw or a rejection becomes
 * `lookup_failed`, a promise that does not settle in time becomes `lookup_timeout`.
 */
async function lookup<T>(name: string, timeoutMs: number, run: () => MaybePromise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    const pending = run();
    if (!isPromiseLike(pending)) return pending;
    if (timeoutMs === Number.POSITIVE_INFINITY) return await pending;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new ApiSigError('lookup_timeout', `${name} did not settle within ${timeoutMs} ms`, {
              field: name,
            }),
          ),
        timeoutMs,
      );
    });
    return await Promise.race([pending, timeout]);
  } catch (error) {
    if (error instanceof ApiSigError && error.code === 'lookup_timeout') throw error;
    throw new ApiSigError('lookup_failed', `${name} threw`, { field: name, cause: error });
  } finally {
    if (timer !== undefined) clearTimeout(timer);
  }
}

function present(value: string | undefined): value is string {
  return value !== undefined && value.trim() !== '';
}

function checkLookupSecret(field: string, value: unknown): string {
  if (typeof value !== 'string' || value.length === 0) {
    throw new ApiSigError('lookup_failed', `${field} must be a non-empty string`, { field });
  }
  return value;
}

export type Verifier = (headers: HeaderInput) => Promise<VerifyResult>;

/** Validate the options once; the returned function verifies one request's headers. */
export function createVerifierEngine(
  backend: SigningBackend<unknown>,
  options: VerifyOptions,
): Verifier {
  const config = validateVerifyOptions(options);
  const { leeway, maxTtl, lookupTimeoutMs: timeout } = config;

  return async (headers) => {
    const now = Math.floor(config.clock() / 1000);

    // 1. The API key.
    const apiKey = readHeader(headers, HEADERS.apiKey);
    if (!present(apiKey)) return fail('missing_api_key', HEADERS.apiKey);
    const user = await lookup('users', timeout, () => config.users(apiKey));
    if (user === null || user === undefined) return fail('unknown_api_key', HEADERS.apiKey);
    if (typeof user !== 'object') {
      throw new ApiSigError('lookup_failed', 'users() must return an object, null or undefined', {
        field: 'users',
      });
    }

    // 2. The user's own signature, when the user has a JWT key.
    let signed = false;
    if (user.jwtKey !== undefined && user.jwtKey !== null) {
      const jwtKey = checkLookupSecret('users().jwtKey', user.jwtKey);
      const signature = readHeader(headers, HEADERS.signature);
      if (present(signature)) {
        const check = { key: apiKey, now, leeway, maxTtl: maxTtl.signature };
        const reason = await checkToken(backend, signature, jwtKey, check);
        if (reason !== null) return fail(reason, HEADERS.signature);
        signed = true;
      } else if (user.signatureRequired !== false) {
        return fail('missing_signature', HEADERS.signature);
      }
    }

    // 3. The organization, when the request says it comes through one.
    const appKey = readHeader(headers, HEADERS.appKey);
    const appSignature = readHeader(headers, HEADERS.appSignature);
    if (!present(appKey) && !present(appSignature)) return { ok: true, apiKey, signed };
    if (!present(appKey)) return fail('missing_app_key', HEADERS.appKey);
    if (!present(appSignature)) return fail('missing_app_signature', HEADERS.appSignature);
    const organizations = config.organizations;
    const organization = organizations
      ? await lookup('organizations', timeout, () => organizations(appKey))
      : undefined;
    if (organization === null || organization === undefined) {
      return fail('unknown_app_key', HEADERS.appKey);
    }
    const appSecret = checkLookupSecret('organizations().appSecret', organization.appSecret);
    const check = { key: appKey, now, leeway, maxTtl: maxTtl.appSignature };
    const reason = await checkToken(backend, appSignature, appSecret, check);
    if (reason !== null) return fail(reason, HEADERS.appSignature);
    const member = await lookup('isMember', timeout, () => organization.isMember(apiKey));
    if (member !== true) return fail('not_a_member', HEADERS.appKey);
    return { ok: true, apiKey, appKey, signed };
  };
}

/** One-shot form of createVerifierEngine. */
export function verifyHeadersWith(
  backend: SigningBackend<unknown>,
  headers: HeaderInput,
  options: VerifyOptions,
): Promise<VerifyResult> {
  try {
    return createVerifierEngine(backend, options)(headers);
  } catch (error) {
    return Promise.reject(error);
  }
}
