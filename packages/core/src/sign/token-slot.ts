/**
 * One token header of a signer (x-signature, or x-app-signature) and its cache: one token per
 * second, because a token depends only on (key, exp, secret) and exp moves once a second.
 * Concurrent calls in the second share the signing in flight; a failure is not kept.
 */
import type { SigningOnlyBackend } from '../backend.js';
import { expiryFor } from '../claims.js';
import type { HEADERS } from '../contract.js';
import { ApiSigError } from '../errors.js';
import { chain, isPromiseLike, type MaybePromise } from '../maybe-promise.js';

export type TokenHeader = typeof HEADERS.signature | typeof HEADERS.appSignature;

export interface TokenSlot {
  readonly header: TokenHeader;
  readonly ttl: number;
  /** The token for this second: the cached one when its exp is right, a new one otherwise. */
  tokenAt(nowSeconds: number): MaybePromise<string>;
}

/** A cause is kept for debugging unless it would carry the secret along with it. */
function safeCause(error: unknown, secret: string): unknown {
  const text = error instanceof Error ? `${error.message}\n${error.stack ?? ''}` : String(error);
  return text.includes(secret) ? undefined : error;
}

export function createTokenSlot<Key>(
  backend: SigningOnlyBackend<Key>,
  header: TokenHeader,
  key: string,
  secret: string,
  ttl: number,
): TokenSlot {
  let cached: { exp: number; token: MaybePromise<string> } | undefined;
  /** The backend's prepared secret, made on first use and kept. */
  let preparedKey: MaybePromise<Key> | undefined;

  const fail = (error: unknown): never => {
    throw new ApiSigError('signing_failed', `signing ${header} failed`, {
      cause: safeCause(error, secret),
    });
  };

  const mint = (exp: number): MaybePromise<string> => {
    try {
      if (preparedKey === undefined) {
        const prepared = backend.importKey(secret);
        preparedKey = prepared;
        // A failed import must not poison the slot: the next call tries again.
        if (isPromiseLike(prepared)) {
          prepared.catch(() => {
            if (preparedKey === prepared) preparedKey = undefined;
          });
        }
      }
      const token = chain(preparedKey, (prepared) => backend.sign({ key, exp }, prepared));
      return isPromiseLike(token) ? token.catch(fail) : token;
    } catch (error) {
      return fail(error);
    }
  };

  return {
    header,
    ttl,
    tokenAt(nowSeconds) {
      const exp = expiryFor(ttl, nowSeconds);
      if (cached !== undefined && cached.exp === exp) return cached.token;
      const token = mint(exp);
      const entry = { exp, token };
      cached = entry;
      if (isPromiseLike(token)) {
        // Once signed, the token is kept as a plain string: reusing it costs no promise hop.
        token.then(
          (value) => {
            if (cached === entry) cached = { exp, token: value };
          },
          () => {
            if (cached === entry) cached = undefined;
          },
        );
      }
      return token;
    },
  };
}
