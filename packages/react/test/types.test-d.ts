import { type Signer as CoreSigner, createRemoteSigner, createSigner } from '@apisig/web';
import type { ComponentProps } from 'react';
import { describe, expectTypeOf, it } from 'vitest';
import {
  type ApiSigProvider,
  type AuthHeadersSnapshot,
  type FetchLike,
  type RemoteSigner,
  type Signer,
  type SigningSource,
  useAuthHeaders,
  useSignedFetch,
  useSigner,
} from '../src/index.js';

type Props = ComponentProps<typeof ApiSigProvider>;

describe('ApiSigProvider props', () => {
  it('takes options or a signer, never both, never neither', () => {
    expectTypeOf<{ options: { apiKey: string } }>().toExtend<Props>();
    expectTypeOf<{ signer: Signer }>().toExtend<Props>();
    expectTypeOf<{ signer: RemoteSigner }>().toExtend<Props>();
    expectTypeOf<{ options: { apiKey: string }; signer: Signer }>().not.toExtend<Props>();
    expectTypeOf<{ children: null }>().not.toExtend<Props>();
  });

  it('accepts web signers, remote signers and synchronous (node) signers', () => {
    expectTypeOf(createSigner({ apiKey: 'ak' })).toExtend<SigningSource>();
    expectTypeOf(createRemoteSigner({ url: '/sign' })).toExtend<SigningSource>();
    expectTypeOf<CoreSigner<true>>().toExtend<SigningSource>();
  });
});

describe('hooks', () => {
  it('return what they say', () => {
    expectTypeOf(useSignedFetch).returns.toEqualTypeOf<FetchLike>();
    expectTypeOf(useAuthHeaders).returns.toEqualTypeOf<AuthHeadersSnapshot>();
    expectTypeOf(useSigner<Signer>).returns.toEqualTypeOf<Signer>();
    expectTypeOf<AuthHeadersSnapshot['status']>().toEqualTypeOf<'pending' | 'ready' | 'error'>();
  });
});
