/**
 * The verifier engine: docs/contract.md "The checks, in order", first failure decides.
 * Parameterised by a VerifyingBackend, which only answers "does this HMAC match"; every claim
 * check and every reason code is decided here and in token-check.ts.
 */
import type { VerifyingBackend } from '../backend.js';
import {
  type AuthMode,
  authModeOf,
  type FailureReason,
  HEADERS,
  type HeaderName,
  statusFor,
} from '../contract.js';
import { type HeaderInput, readHeader } from '../headers.js';
import type { MaybePromise } from '../maybe-promise.js';
import { isHeaderKey } from '../validate.js';
import {
  ownField,
  readRecord,
  recordBoolean,
  recordFunction,
  recordSecrets,
  runLookup,
} from './lookup.js';
import { checkToken } from './token-check.js';
import { type VerifyOptions, validateVerifyOptions } from './verifier-options.js';

/**
 * A request the verifier accepted, and how it authenticated. Never holds a token or a secret.
 *
 * @example
 * ```ts
 * const result = await verify(request.headers);
 * if (result.ok) console.log(result.apiKey, result.mode); // 'ak_…' 'signed-organization'
 * ```
 */
export interface VerifySuccess {
  ok: true;
  /** The user's API key. */
  apiKey: string;
  /** The organization's App Key when the request came through one. */
  appKey?: string;
  /** True when `x-signature` was present and verified. */
  signed: boolean;
  /** How the request authenticated: `signed` and `appKey` in one word. */
  mode: AuthMode;
}

/**
 * A request the verifier refused: the reason, the header it concerns, and the HTTP status
 * (401, or 403 for `not_a_member`). Never echoes a token or a secret.
 *
 * @example
 * ```ts
 * if (!result.ok) response.status(result.status).json(failureBody(result));
 * ```
 */
export interface VerifyFailure {
  ok: false;
  reason: FailureReason;
  /** The header the reason concerns. */
  header: HeaderName;
  status: 401 | 403;
}

/**
 * The verdict on one request.
 *
 * @example
 * ```ts
 * const result: VerifyResult = await verifyHeaders(request.headers, options);
 * ```
 */
export type VerifyResult = VerifySuccess | VerifyFailure;

/**
 * Verifies one request's headers (a fetch Headers, a record in any casing, or Node's
 * IncomingHttpHeaders). A lookup that throws or hangs rejects with ApiSigError
 * `lookup_failed` / `lookup_timeout`: never a verdict.
 *
 * @example
 * ```ts
 * const verify: Verifier = createVerifier({ users });
 * const result = await verify(request.headers);
 * ```
 */
export type Verifier = (headers: HeaderInput) => Promise<VerifyResult>;

/**
 * What a server answers for a refusal: `{ error: reason, header }`, never a token or secret.
 *
 * @example
 * ```ts
 * if (!result.ok) return Response.json(failureBody(result), { status: result.status });
 * ```
 */
export function failureBody(failure: VerifyFailure): { error: FailureReason; header: HeaderName } {
  return { error: failure.reason, header: failure.header };
}

function fail(reason: FailureReason, header: HeaderName): VerifyFailure {
  return { ok: false, reason, header, status: statusFor(reason) };
}

function present(value: string | undefined): value is string {
  return value !== undefined && value.trim() !== '';
}

const USER_FIELDS = ['jwtKey', 'signatureRequired'];
const ORGANIZATION_FIELDS = ['appSecret', 'isMember'];

/**
 * The verifier engine over a backend: validates the options once and returns a function that
 * verifies one request's headers, in the contract's order.
 *
 * @example
 * ```ts
 * export const createVerifier = (options: VerifyOptions) =>
 *   createVerifierEngine(jsonwebtokenBackend, options);
 * ```
 */
export function createVerifierEngine(
  backend: VerifyingBackend<unknown>,
  options: VerifyOptions,
): Verifier {
  const config = validateVerifyOptions(options);
  const { leeway, maxTtl, lookupTimeoutMs: timeout } = config;

  return async (headers) => {
    const now = Math.floor(config.clock() / 1000);

    // Steps 1-2: the API key. A value no signer could send never reaches the lookup.
    const apiKey = readHeader(headers, HEADERS.apiKey);
    if (!present(apiKey)) return fail('missing_api_key', HEADERS.apiKey);
    if (!isHeaderKey(apiKey)) return fail('unknown_api_key', HEADERS.apiKey);
    const user = readRecord(
      'users()',
      await runLookup('users', timeout, () => config.users(apiKey)),
      USER_FIELDS,
    );
    if (user === null) return fail('unknown_api_key', HEADERS.apiKey);
    const jwtKeyField = ownField(user, 'jwtKey');
    const jwtKeys =
      jwtKeyField === undefined || jwtKeyField === null
        ? undefined
        : recordSecrets('users().jwtKey', jwtKeyField);
    const required = recordBoolean(
      'users().signatureRequired',
      ownField(user, 'signatureRequired'),
    );

    // Steps 3-4: the user's own signature, when the user has a JWT key.
    let signed = false;
    if (jwtKeys !== undefined) {
      const signature = readHeader(headers, HEADERS.signature);
      if (present(signature)) {
        const check = { key: apiKey, now, leeway, maxTtl: maxTtl.signature };
        const reason = await checkToken(backend, signature, jwtKeys, check);
        if (reason !== null) return fail(reason, HEADERS.signature);
        signed = true;
      } else if (required !== false) {
        return fail('missing_signature', HEADERS.signature);
      }
    }

    // Steps 5-9: the organization, when the request says it comes through one.
    const appKey = readHeader(headers, HEADERS.appKey);
    const appSignature = readHeader(headers, HEADERS.appSignature);
    if (!present(appKey) && !present(appSignature)) {
      return { ok: true, apiKey, signed, mode: authModeOf(signed, false) };
    }
    if (!present(appKey)) return fail('missing_app_key', HEADERS.appKey);
    if (!present(appSignature)) return fail('missing_app_signature', HEADERS.appSignature);
    const organizations = config.organizations;
    if (organizations === undefined || !isHeaderKey(appKey)) {
      return fail('unknown_app_key', HEADERS.appKey);
    }
    const organization = readRecord(
      'organizations()',
      await runLookup('organizations', timeout, () => organizations(appKey)),
      ORGANIZATION_FIELDS,
    );
    if (organization === null) return fail('unknown_app_key', HEADERS.appKey);
    const appSecrets = recordSecrets(
      'organizations().appSecret',
      ownField(organization, 'appSecret'),
    );
    const isMember = recordFunction<(apiKey: string) => MaybePromise<boolean>>(
      'organizations().isMember',
      ownField(organization, 'isMember'),
    );
    const check = { key: appKey, now, leeway, maxTtl: maxTtl.appSignature };
    const reason = await checkToken(backend, appSignature, appSecrets, check);
    if (reason !== null) return fail(reason, HEADERS.appSignature);
    const member = await runLookup('isMember', timeout, () => isMember.call(organization, apiKey));
    if (member !== true) return fail('not_a_member', HEADERS.appKey);
    return { ok: true, apiKey, appKey, signed, mode: authModeOf(signed, true) };
  };
}

/** One-shot form of createVerifierEngine. */
export function verifyHeadersWith(
  backend: VerifyingBackend<unknown>,
  headers: HeaderInput,
  options: VerifyOptions,
): Promise<VerifyResult> {
  try {
    return createVerifierEngine(backend, options)(headers);
  } catch (error) {
    return Promise.reject(error);
  }
}
