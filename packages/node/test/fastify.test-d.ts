/** Type tests: `request.apisig` on every Fastify request once the plugin is imported, and its options. */
import Fastify, { type FastifyRequest } from 'fastify';
import { describe, expectTypeOf, it } from 'vitest';
import { type ApiSigFastifyOptions, type ApiSigIdentity, apisig } from '../src/fastify.js';

const users = (apiKey: string) => (apiKey === 'ak_1' ? {} : null);

describe('request.apisig', () => {
  it('is typed on FastifyRequest: the identity, absent where nothing was verified', () => {
    expectTypeOf<FastifyRequest['apisig']>().toEqualTypeOf<ApiSigIdentity | undefined>();
  });

  it('is typed in a route handler, with no cast and no declaration of the app’s own', () => {
    const app = Fastify();
    app.get('/v1/me', async (request) => {
      expectTypeOf(request.apisig).toEqualTypeOf<ApiSigIdentity | undefined>();
      // @ts-expect-error possibly undefined: a route outside the plugin's context has none
      request.apisig.apiKey;
      return { apiKey: request.apisig?.apiKey, mode: request.apisig?.mode };
    });
  });
});

describe('register(apisig, options)', () => {
  it('takes the verifier options and the hooks, typed by Fastify’s request', () => {
    const app = Fastify();
    app.register(apisig, { users });
    app.register(apisig, {
      users,
      onVerdict: (verdict, request) => {
        expectTypeOf(request).toEqualTypeOf<FastifyRequest>();
        expectTypeOf(verdict.ok).toEqualTypeOf<boolean>();
      },
      onRefusal: (verdict) => ({ status: verdict.status, body: { message: 'no' } }),
      verifyPreflight: false,
    });
  });

  it('refuses a call without users, an answer without status, and a prefix', () => {
    const app = Fastify();
    // @ts-expect-error users is required
    app.register(apisig, {});
    // @ts-expect-error an onRefusal answer needs a status
    app.register(apisig, { users, onRefusal: () => ({ body: {} }) });
    // @ts-expect-error a prefix cannot scope the plugin: register it inside the prefixed plugin
    app.register(apisig, { users, prefix: '/v1' });
    expectTypeOf<ApiSigFastifyOptions['prefix']>().toEqualTypeOf<undefined>();
  });
});
