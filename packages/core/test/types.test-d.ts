import { describe, expectTypeOf, it } from 'vitest';
import {
  createAsyncSigner,
  createSyncSigner,
  type SigningBackend,
  type SyncSigningBackend,
} from '../src/adapter.js';
import {
  type ApiSigErrorCode,
  type AsyncSigner,
  type AuthHeaders,
  type FailureReason,
  HEADERS,
  type SyncSigner,
  type VerifyResult,
} from '../src/index.js';

declare const syncBackend: SyncSigningBackend<string>;
declare const asyncBackend: SigningBackend<CryptoKey>;

describe('public types', () => {
  it('a sync backend gives synchronous headers, an async one promises', () => {
    expectTypeOf(
      createSyncSigner(syncBackend, { apiKey: 'k' }).headers(),
    ).toEqualTypeOf<AuthHeaders>();
    expectTypeOf(createAsyncSigner(asyncBackend, { apiKey: 'k' }).headers()).toEqualTypeOf<
      Promise<AuthHeaders>
    >();
    expectTypeOf(
      createSyncSigner(syncBackend, { apiKey: 'k' }).forUser({ apiKey: 'u' }),
    ).toEqualTypeOf<SyncSigner>();
  });

  it('a signer needs only importKey and sign (a signing-only bundle carries no verifier)', () => {
    const { verifySignature: _unused, ...signOnly } = asyncBackend;
    expectTypeOf(createAsyncSigner(signOnly, { apiKey: 'k' })).toEqualTypeOf<AsyncSigner>();
  });

  it('an async backend cannot make a sync signer', () => {
    // @ts-expect-error sign returns a promise
    createSyncSigner(asyncBackend, { apiKey: 'k' });
  });

  it('options are checked at compile time too', () => {
    // @ts-expect-error apiKey is required
    createSyncSigner(syncBackend, { jwtKey: 'x' });
    // @ts-expect-error organization needs appSecret
    createSyncSigner(syncBackend, { apiKey: 'k', organization: { appKey: 'a' } });
  });

  it('headers can be handed to fetch as they are', () => {
    expectTypeOf<AuthHeaders>().toExtend<HeadersInit>();
  });

  it('header names are literal types', () => {
    expectTypeOf(HEADERS.signature).toEqualTypeOf<'x-signature'>();
  });

  it('a verify result narrows on ok', () => {
    const result = {} as VerifyResult;
    if (result.ok) {
      expectTypeOf(result.apiKey).toEqualTypeOf<string>();
      expectTypeOf(result.appKey).toEqualTypeOf<string | undefined>();
    } else {
      expectTypeOf(result.reason).toEqualTypeOf<FailureReason>();
      expectTypeOf(result.status).toEqualTypeOf<401 | 403>();
    }
  });

  it('error codes are a closed union', () => {
    expectTypeOf<'invalid_credentials'>().toMatchTypeOf<ApiSigErrorCode>();
    expectTypeOf<'nope'>().not.toMatchTypeOf<ApiSigErrorCode>();
  });
});
