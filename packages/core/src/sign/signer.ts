/**
 * The signer engine: which headers a mode sends, one token per header per second (token-slot),
 * the clock offset, and `forUser` signers that share an organization's token. Parameterised
 * by a SigningBackend, so node (jsonwebtoken, answers at once) and web (jose, answers later)
 * share it.
 */
import type { SigningOnlyBackend, SyncSigningBackend } from '../backend.js';
import { type AuthHeaders, type AuthMode, authModeOf, HEADERS } from '../contract.js';
import { chain, isPromiseLike, type MaybePromise } from '../maybe-promise.js';
import { validateSeconds } from '../validate.js';
import { type ClockObservation, nextClockOffset } from './clock.js';
import type { HeaderSource, SignedHeaders } from './header-source.js';
import {
  type SignerConfig,
  type SignerOptions,
  type UserCredentials,
  validateSignerOptions,
  validateUserCredentials,
} from './signer-options.js';
import { createTokenSlot, type TokenSlot } from './token-slot.js';

/** What every signer has, whether its headers come at once or later. */
interface SignerBase extends HeaderSource {
  /** The API key this signer sends (not a secret: it travels in every request). */
  readonly apiKey: string;
  /** Which headers it sends. */
  readonly mode: AuthMode;
  /** Seconds added to the clock; moved by setClockOffset or syncClock. */
  readonly clockOffset: number;
  /** Set the clock offset (seconds, finite). */
  setClockOffset(seconds: number): void;
  /** Feed a response's Date header; true when the offset moved (a refused request may pass now). */
  syncClock(observation: ClockObservation): boolean;
  /** The signer's raw clock, epoch ms, without the offset. */
  clock(): number;
  /** What printing the signer shows: never a secret. */
  toJSON(): { apiKey: string; mode: AuthMode };
}

/**
 * A signer whose headers come at once: `@apisig/node`'s (jsonwebtoken).
 *
 * @example
 * ```ts
 * import { createSigner } from '@apisig/node';
 *
 * const signer: SyncSigner = createSigner({ apiKey, jwtKey });
 * const headers = signer.headers(); // { 'x-api-key': …, 'x-signature': 'eyJ…' }
 * ```
 */
export interface SyncSigner extends SignerBase {
  /** Headers for one request. Tokens are reused within a second, never across seconds. */
  headers(): AuthHeaders;
  /** Headers plus when they stop being valid: what a signing endpoint hands out. */
  sign(): SignedHeaders;
  /**
   * A signer for another user of the same organization: its own API key (and JWT key), the
   * same App Key token, ttl and clock offset.
   */
  forUser(user: UserCredentials): SyncSigner;
}

/**
 * A signer whose headers come as promises: `@apisig/web`'s (jose on WebCrypto).
 *
 * @example
 * ```ts
 * import { createSigner } from '@apisig/web';
 *
 * const signer: AsyncSigner = createSigner({ apiKey, jwtKey });
 * const headers = await signer.headers();
 * ```
 */
export interface AsyncSigner extends SignerBase {
  /** Headers for one request. Tokens are reused within a second, never across seconds. */
  headers(): Promise<AuthHeaders>;
  /** Headers plus when they stop being valid: what a signing endpoint hands out. */
  sign(): Promise<SignedHeaders>;
  /** A signer for another user of the same organization (see SyncSigner.forUser). */
  forUser(user: UserCredentials): AsyncSigner;
}

/**
 * A local signer: it holds the secrets and makes the tokens.
 *
 * @example
 * ```ts
 * function describe(signer: Signer): string {
 *   return `${signer.mode} signer for ${signer.apiKey}`;
 * }
 * ```
 */
export type Signer = SyncSigner | AsyncSigner;

/** How a signer hands out what it made: as it is (sync) or always as a promise (async). */
type Answer = <T>(produce: () => MaybePromise<T>) => MaybePromise<T>;

// One engine, two idioms. Each factory passes its own, so a bundle with only the async
// signer carries no check for the sync one.
const answerLater: Answer = (produce) => new Promise((resolve) => resolve(produce()));

const answerNow: Answer = (produce) => {
  const value = produce();
  if (isPromiseLike(value)) {
    throw new TypeError('a synchronous signer was given a backend that returned a promise');
  }
  return value;
};

/** What the signers of one organization share: a forUser signer is made from the same. */
interface SignerFamily {
  backend: SigningOnlyBackend<unknown>;
  config: SignerConfig;
  clockState: { offset: number };
  appSlot: TokenSlot | undefined;
  answer: Answer;
}

function buildSigner(family: SignerFamily, apiKey: string, jwtKey: string | undefined): Signer {
  const { backend, config, clockState, appSlot, answer } = family;
  const userSlot =
    jwtKey === undefined
      ? undefined
      : createTokenSlot(backend, HEADERS.signature, apiKey, jwtKey, config.ttl.signature);
  const mode = authModeOf(userSlot !== undefined, appSlot !== undefined);
  const appKey = config.organization?.appKey;

  const assemble = (signature?: string, appSignature?: string): AuthHeaders => {
    const headers: AuthHeaders = { [HEADERS.apiKey]: apiKey };
    if (signature !== undefined) headers[HEADERS.signature] = signature;
    if (appKey !== undefined && appSignature !== undefined) {
      headers[HEADERS.appKey] = appKey;
      headers[HEADERS.appSignature] = appSignature;
    }
    return headers;
  };

  // Infinity when the signer carries no token (API-key mode): its headers never expire.
  const shortestTtl = Math.min(userSlot?.ttl ?? Infinity, appSlot?.ttl ?? Infinity);

  const nowSeconds = () => Math.floor(config.clock() / 1000 + clockState.offset);

  /** The headers of second `now`: at once when its tokens are signed, later while one is signing. */
  const headersAt = (now: number): MaybePromise<AuthHeaders> => {
    const signature = userSlot?.tokenAt(now);
    const appSignature = appSlot?.tokenAt(now);
    if (isPromiseLike(signature) || isPromiseLike(appSignature)) {
      return Promise.all([signature, appSignature]).then(([sig, app]) => assemble(sig, app));
    }
    return assemble(signature, appSignature);
  };

  const signedHeadersNow = (): MaybePromise<SignedHeaders> => {
    const now = nowSeconds();
    const expiresAt = shortestTtl === Infinity ? null : (now + shortestTtl) * 1000;
    return chain(headersAt(now), (headers) => ({ headers, expiresAt }));
  };

  const describe = () => ({ apiKey, mode });
  const signer = {
    apiKey,
    mode,
    get clockOffset() {
      return clockState.offset;
    },
    headers: () => answer(() => headersAt(nowSeconds())),
    sign: () => answer(signedHeadersNow),
    setClockOffset(seconds: number) {
      clockState.offset = validateSeconds('clockOffset', seconds, config.maxClockOffset);
    },
    syncClock(observation: ClockObservation) {
      const next = nextClockOffset(clockState.offset, observation, config.maxClockOffset);
      if (next === clockState.offset) return false;
      clockState.offset = next;
      return true;
    },
    clock: () => config.clock(),
    forUser(user: UserCredentials) {
      const credentials = validateUserCredentials('user', user);
      return buildSigner(family, credentials.apiKey, credentials.jwtKey);
    },
    // Printing a signer shows these; its secrets live in closures, out of reach of inspect.
    toJSON: describe,
    toString: () => `Signer(${mode}, apiKey=${apiKey})`,
  };
  return Object.freeze(signer) as unknown as Signer;
}

function createFamily(
  backend: SigningOnlyBackend<unknown>,
  options: SignerOptions,
  answer: Answer,
): Signer {
  const config = validateSignerOptions(options);
  const organization = config.organization;
  const family: SignerFamily = {
    backend,
    config,
    answer,
    clockState: { offset: config.clockOffset },
    appSlot:
      organization &&
      createTokenSlot(
        backend,
        HEADERS.appSignature,
        organization.appKey,
        organization.appSecret,
        config.ttl.appSignature,
      ),
  };
  return buildSigner(family, config.apiKey, config.jwtKey);
}

/**
 * A signer whose `headers()` answers at once, for a backend that does (jsonwebtoken).
 *
 * @example
 * ```ts
 * export const createSigner = (options: SignerOptions) =>
 *   createSyncSigner(jsonwebtokenBackend, options);
 * ```
 */
export function createSyncSigner<Key>(
  backend: SyncSigningBackend<Key>,
  options: SignerOptions,
): SyncSigner {
  return createFamily(backend as SigningOnlyBackend<unknown>, options, answerNow) as SyncSigner;
}

/**
 * A signer whose `headers()` answers with promises, for a backend that does (WebCrypto).
 *
 * @example
 * ```ts
 * export const createSigner = (options: SignerOptions) =>
 *   createAsyncSigner(joseSigningBackend, options);
 * ```
 */
export function createAsyncSigner<Key>(
  backend: SigningOnlyBackend<Key>,
  options: SignerOptions,
): AsyncSigner {
  return createFamily(backend as SigningOnlyBackend<unknown>, options, answerLater) as AsyncSigner;
}
