/**
 * The signer engine: which headers a mode sends, one token per (slot, second), the clock
 * offset. Parameterised by a SigningBackend, so node (jsonwebtoken) and web (jose) share it.
 */
import {
  chain,
  isPromiseLike,
  type MaybePromise,
  type SigningOnlyBackend,
  type SyncSigningBackend,
} from './backend.js';
import { expiryFor } from './claims.js';
import { type ClockObservation, nextClockOffset } from './clock.js';
import { HEADERS } from './contract.js';
import { ApiSigError } from './errors.js';
import {
  type SignerConfig,
  type SignerOptions,
  validateClockOffset,
  validateHeaderKey,
  validateOptionsRecord,
  validateSecret,
  validateSignerOptions,
} from './validate.js';

export type SignerMode = 'api-key' | 'signed' | 'organization' | 'signed-organization';

/** The headers a request carries, lower-case, in wire order. */
// A type alias, not an interface: only an alias is assignable to fetch's HeadersInit, so
// `fetch(url, { headers: await signer.headers() })` type-checks.
export type AuthHeaders = {
  'x-api-key': string;
  'x-signature'?: string;
  'x-app-key'?: string;
  'x-app-signature'?: string;
};

export interface SignedHeaders {
  headers: AuthHeaders;
  /** When the earliest token expires, epoch ms on the corrected clock; null without tokens. */
  expiresAt: number | null;
}

/** A value now (node) or a promise of it (WebCrypto). */
export type Resolved<Sync extends boolean, T> = Sync extends true ? T : Promise<T>;

export interface Signer<Sync extends boolean = boolean> {
  /** The API key this signer sends (not a secret: it travels in every request). */
  readonly apiKey: string;
  readonly mode: SignerMode;
  /** Seconds added to the clock; moved by setClockOffset or syncClock. */
  readonly clockOffset: number;
  /** Headers for one request. Tokens are reused within a second, never across seconds. */
  headers(): Resolved<Sync, AuthHeaders>;
  /** Headers plus when they stop being valid: what a remote-signing endpoint hands out. */
  sign(): Resolved<Sync, SignedHeaders>;
  setClockOffset(seconds: number): void;
  /** Feed a response's Date header; true when the offset moved (a rejected request may pass now). */
  syncClock(observation: ClockObservation): boolean;
  /** The signer's raw clock, epoch ms, without the offset. */
  clock(): number;
  /**
   * A signer for another user of the same organization: its own API key (and JWT key), the
   * same App Key token cache, ttl and clock offset. For an organization serving many users.
   */
  forUser(user: UserCredentials): Signer<Sync>;
  toJSON(): { apiKey: string; mode: SignerMode };
}

export interface UserCredentials {
  apiKey: string;
  jwtKey?: string;
}

interface TokenSlot<Key> {
  readonly header: typeof HEADERS.signature | typeof HEADERS.appSignature;
  readonly key: string;
  readonly ttl: number;
  readonly issue: (exp: number) => MaybePromise<string>;
  cached: { exp: number; token: MaybePromise<string> } | undefined;
  /** The backend's prepared secret, made on first use and kept. */
  preparedKey?: MaybePromise<Key>;
}

interface ClockState {
  offset: number;
}

/** A cause is kept for debugging unless it would carry the secret along with it. */
function safeCause(error: unknown, secret: string): unknown {
  const text = error instanceof Error ? `${error.message}\n${error.stack ?? ''}` : String(error);
  return text.includes(secret) ? undefined : error;
}

function createSlot<Key>(
  backend: SigningOnlyBackend<Key>,
  header: TokenSlot<Key>['header'],
  key: string,
  secret: string,
  ttl: number,
): TokenSlot<Key> {
  const fail = (error: unknown): never => {
    throw new ApiSigError('signing_failed', `signing ${header} failed`, {
      cause: safeCause(error, secret),
    });
  };
  const slot: TokenSlot<Key> = {
    header,
    key,
    ttl,
    cached: undefined,
    issue(exp) {
      try {
        if (slot.preparedKey === undefined) {
          const prepared = backend.importKey(secret);
          slot.preparedKey = prepared;
          // A failed import must not poison the slot: the next call tries again.
          if (isPromiseLike(prepared)) {
            prepared.catch(() => {
              if (slot.preparedKey === prepared) slot.preparedKey = undefined;
            });
          }
        }
        const token = chain(slot.preparedKey, (prepared) => backend.sign({ key, exp }, prepared));
        return isPromiseLike(token) ? token.catch(fail) : token;
      } catch (error) {
        return fail(error);
      }
    },
  };
  return slot;
}

/** The token for this second: the cached one when its exp is right, a fresh one otherwise. */
function tokenFor(slot: TokenSlot<unknown>, nowSeconds: number): MaybePromise<string> {
  const exp = expiryFor(slot.ttl, nowSeconds);
  const cached = slot.cached;
  if (cached !== undefined && cached.exp === exp) return cached.token;
  const token = slot.issue(exp);
  const entry = { exp, token };
  slot.cached = entry;
  if (isPromiseLike(token)) {
    // Concurrent calls in this second share the in-flight signing; a failure is not cached.
    // Once signed, the token is kept as a plain string: reusing it then costs no promise hop.
    token.then(
      (value) => {
        if (slot.cached === entry) slot.cached = { exp, token: value };
      },
      () => {
        if (slot.cached === entry) slot.cached = undefined;
      },
    );
  }
  return token;
}

interface Shared {
  backend: SigningOnlyBackend<unknown>;
  config: SignerConfig;
  state: ClockState;
  appSlot: TokenSlot<unknown> | undefined;
  sync: boolean;
}

const inspectSymbols = [Symbol.for('nodejs.util.inspect.custom'), Symbol.for('Deno.customInspect')];

function modeOf(signed: boolean, organization: boolean): SignerMode {
  if (organization) return signed ? 'signed-organization' : 'organization';
  return signed ? 'signed' : 'api-key';
}

function buildSigner(shared: Shared, apiKey: string, jwtKey: string | undefined): Signer {
  const { backend, config, state, appSlot, sync } = shared;
  const userSlot =
    jwtKey === undefined
      ? undefined
      : createSlot(backend, HEADERS.signature, apiKey, jwtKey, config.ttl.signature);
  const mode = modeOf(userSlot !== undefined, appSlot !== undefined);
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

  const ttls = [userSlot?.ttl, appSlot?.ttl].filter((ttl) => ttl !== undefined);
  const shortestTtl = ttls.length === 0 ? undefined : Math.min(...ttls);

  const nowSeconds = () => Math.floor(config.clock() / 1000 + state.offset);

  /** This second's headers: at once when its tokens are signed, later while one is signing. */
  const headersAt = (now: number): MaybePromise<AuthHeaders> => {
    const signature = userSlot && tokenFor(userSlot, now);
    const appSignature = appSlot && tokenFor(appSlot, now);
    if (isPromiseLike(signature) || isPromiseLike(appSignature)) {
      return Promise.all([signature, appSignature]).then(([sig, app]) => assemble(sig, app));
    }
    return assemble(signature, appSignature);
  };

  const issue = (): MaybePromise<SignedHeaders> => {
    const now = nowSeconds();
    const expiresAt = shortestTtl === undefined ? null : (now + shortestTtl) * 1000;
    return chain(headersAt(now), (headers) => ({ headers, expiresAt }));
  };
  const currentHeaders = () => headersAt(nowSeconds());

  // One engine, two idioms: node's backend is synchronous, WebCrypto's always a promise.
  const deliver = <T>(produce: () => MaybePromise<T>): MaybePromise<T> => {
    if (!sync) {
      try {
        return Promise.resolve(produce());
      } catch (error) {
        return Promise.reject(error);
      }
    }
    const value = produce();
    if (isPromiseLike(value)) {
      throw new TypeError('a synchronous signer was given a backend that returned a promise');
    }
    return value;
  };

  const describe = () => ({ apiKey, mode });
  const signer = {
    apiKey,
    mode,
    get clockOffset() {
      return state.offset;
    },
    headers: () => deliver(currentHeaders),
    sign: () => deliver(issue),
    setClockOffset(seconds: number) {
      state.offset = validateClockOffset('clockOffset', seconds);
    },
    syncClock(observation: ClockObservation) {
      const next = nextClockOffset(state.offset, observation);
      if (next === state.offset) return false;
      state.offset = next;
      return true;
    },
    clock: () => config.clock(),
    forUser(user: UserCredentials) {
      const record = validateOptionsRecord('user', user, ['apiKey', 'jwtKey']);
      const userApiKey = validateHeaderKey('apiKey', record.apiKey);
      const userJwtKey =
        record.jwtKey === undefined ? undefined : validateSecret('jwtKey', record.jwtKey);
      return buildSigner(shared, userApiKey, userJwtKey);
    },
    toJSON: describe,
    toString: () => `Signer(${mode}, apiKey=${apiKey})`,
  };
  for (const symbol of inspectSymbols) {
    Object.defineProperty(signer, symbol, { value: () => `Signer ${JSON.stringify(describe())}` });
  }
  return Object.freeze(signer) as unknown as Signer;
}

function createEngine(
  backend: SigningOnlyBackend<unknown>,
  options: SignerOptions,
  sync: boolean,
): Signer {
  const config = validateSignerOptions(options);
  const organization = config.organization;
  const shared: Shared = {
    backend,
    config,
    sync,
    state: { offset: config.clockOffset },
    appSlot:
      organization &&
      createSlot(
        backend,
        HEADERS.appSignature,
        organization.appKey,
        organization.appSecret,
        config.ttl.appSignature,
      ),
  };
  return buildSigner(shared, config.apiKey, config.jwtKey);
}

/** A signer whose `headers()` returns plain values (for a synchronous backend: jsonwebtoken). */
export function createSyncSigner<Key>(
  backend: SyncSigningBackend<Key>,
  options: SignerOptions,
): Signer<true> {
  return createEngine(backend as SigningOnlyBackend<unknown>, options, true) as Signer<true>;
}

/** A signer whose `headers()` returns promises (for an asynchronous backend: WebCrypto). */
export function createAsyncSigner<Key>(
  backend: SigningOnlyBackend<Key>,
  options: SignerOptions,
): Signer<false> {
  return createEngine(backend as SigningOnlyBackend<unknown>, options, false) as Signer<false>;
}
