/** Type tests: `req.apisig` for node:http and Express users, handler and signer shapes. */
import type { IncomingMessage } from 'node:http';
import type { Request } from 'express';
import { describe, expectTypeOf, it } from 'vitest';
import {
  type ApiSigIdentity,
  type Authorization,
  apisig,
  createSigner,
  createSigningHandler,
  type NodeHandler,
} from '../src/index.js';

describe('req.apisig', () => {
  it('is typed on node:http IncomingMessage', () => {
    expectTypeOf<IncomingMessage['apisig']>().toEqualTypeOf<ApiSigIdentity | undefined>();
  });

  it('is typed on Express Request', () => {
    expectTypeOf<Request['apisig']>().toEqualTypeOf<ApiSigIdentity | undefined>();
  });

  it("is the verifier's success result without ok: API key, App Key, signed, mode", () => {
    expectTypeOf<ApiSigIdentity>().toEqualTypeOf<{
      apiKey: string;
      appKey?: string;
      signed: boolean;
      mode: 'api-key' | 'signed' | 'organization' | 'signed-organization';
    }>();
  });
});

describe('handlers', () => {
  it('the middleware resolves whether the request may go on', () => {
    expectTypeOf(apisig({ users: () => null })).toEqualTypeOf<NodeHandler<boolean>>();
  });

  it('authorize may answer a boolean or a Signer, now or later', () => {
    const signer = createSigner({ apiKey: 'ak_1', jwtKey: 'jk_1' });
    expectTypeOf(signer.headers()['x-api-key']).toEqualTypeOf<string>();
    createSigningHandler({ signer, authorize: () => true });
    createSigningHandler({ signer, authorize: async () => signer.forUser({ apiKey: 'ak_2' }) });
    expectTypeOf(signer.forUser({ apiKey: 'ak_2' })).toExtend<Authorization>();
    expectTypeOf(true).toExtend<Authorization>();
    expectTypeOf('yes').not.toExtend<Authorization>();
  });
});
