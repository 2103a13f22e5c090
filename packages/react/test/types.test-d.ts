import type { ComponentProps } from 'react';
import { describe, expectTypeOf, it } from 'vitest';
import {
  type ApiSigProvider,
  type AsyncSigner,
  type AuthHeadersSnapshot,
  createRemoteSigner,
  createSigner,
  type FetchLike,
  type HeaderSource,
  type RemoteSigner,
  useAuthHeaders,
  useSignedFetch,
  useSigner,
} from '../src/index.js';

type Props = ComponentProps<typeof ApiSigProvider>;

describe('ApiSigProvider props', () => {
  it('takes a signer, or a function that makes one once; never options', () => {
    const baseUrl = 'https://api.example.com';
    expectTypeOf<{ signer: AsyncSigner; baseUrl: string }>().toExtend<Props>();
    expectTypeOf<{ signer: RemoteSigner; baseUrl: URL }>().toExtend<Props>();
    expectTypeOf<{ signer: () => AsyncSigner; baseUrl: typeof baseUrl }>().toExtend<Props>();
    expectTypeOf<{ signer: AsyncSigner }>().not.toExtend<Props>();
    expectTypeOf<{ options: { apiKey: string } }>().not.toExtend<Props>();
    expectTypeOf<{ children: null }>().not.toExtend<Props>();
  });

  it('accepts web signers, remote signers and any HeaderSource', () => {
    expectTypeOf(createSigner({ apiKey: 'ak' })).toExtend<HeaderSource>();
    expectTypeOf(createRemoteSigner({ url: '/sign' })).toExtend<HeaderSource>();
  });
});

describe('hooks', () => {
  it('return what they say', () => {
    expectTypeOf(useSignedFetch).returns.toEqualTypeOf<FetchLike>();
    expectTypeOf(useAuthHeaders).returns.toEqualTypeOf<AuthHeadersSnapshot>();
    expectTypeOf(useSigner<AsyncSigner>).returns.toEqualTypeOf<AsyncSigner>();
    expectTypeOf<AuthHeadersSnapshot['status']>().toEqualTypeOf<'pending' | 'ready' | 'error'>();
  });
});
