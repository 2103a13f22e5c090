/**
 * Type tests: `c.get('apisig')` is the identity wherever Hono types a route with the
 * middleware's Env (a sub-app, a chain, the route itself), and nowhere else.
 */
import { Hono, type MiddlewareHandler } from 'hono';
import { describe, expectTypeOf, it } from 'vitest';
import {
  type ApiSigEnv,
  type ApiSigHonoOptions,
  type ApiSigIdentity,
  apisig,
  type ErrorVerdict,
  type RefusedVerdict,
} from '../src/hono.js';

const options: ApiSigHonoOptions = { users: () => null };

describe('the middleware', () => {
  it('is Hono middleware over ApiSigEnv, whose Variables hold the identity', () => {
    expectTypeOf(apisig(options)).toEqualTypeOf<MiddlewareHandler<ApiSigEnv>>();
    expectTypeOf<ApiSigEnv['Variables']['apisig']>().toEqualTypeOf<ApiSigIdentity>();
  });

  it('takes onRefusal answering a Response (c.json included), or nothing for the standard one', () => {
    apisig({
      users: () => null,
      onRefusal: (verdict, c) => {
        expectTypeOf(verdict).toEqualTypeOf<RefusedVerdict | ErrorVerdict>();
        return verdict.status === 401 ? c.json({ message: 'sign in again' }, 401) : undefined;
      },
      onVerdict: (verdict, c) => {
        expectTypeOf(c.req.path).toEqualTypeOf<string>();
        if (!verdict.ok && 'error' in verdict) expectTypeOf(verdict.error).toEqualTypeOf<unknown>();
      },
    });
    // @ts-expect-error an answer is a Response, not a body
    apisig({ users: () => null, onRefusal: () => ({ message: 'no' }) });
    // @ts-expect-error users is required
    apisig({});
  });
});

describe("c.get('apisig')", () => {
  it('is typed in a sub-app made with new Hono<ApiSigEnv>()', () => {
    const v1 = new Hono<ApiSigEnv>();
    v1.use(apisig(options));
    v1.get('/me', (c) => {
      expectTypeOf(c.get('apisig')).toEqualTypeOf<ApiSigIdentity>();
      return c.json({ apiKey: c.get('apisig').apiKey });
    });
    new Hono().route('/v1', v1);
  });

  it('is typed on a chain', () => {
    new Hono().use('/v1/*', apisig(options)).get('/v1/me', (c) => {
      expectTypeOf(c.get('apisig')).toEqualTypeOf<ApiSigIdentity>();
      return c.text(c.get('apisig').mode);
    });
  });

  it('is typed with the middleware on the route, path params kept', () => {
    new Hono().get('/v1/items/:id', apisig(options), (c) => {
      expectTypeOf(c.get('apisig')).toEqualTypeOf<ApiSigIdentity>();
      expectTypeOf(c.req.param('id')).toEqualTypeOf<string>();
      return c.text(c.req.param('id'));
    });
  });

  it("merges with the app's own Env: Bindings and Variables keep their types", () => {
    type AppEnv = { Bindings: { DB_URL: string }; Variables: { requestId: string } };
    const app = new Hono<AppEnv & ApiSigEnv>();
    app.get('/v1/me', (c) => {
      expectTypeOf(c.get('apisig')).toEqualTypeOf<ApiSigIdentity>();
      expectTypeOf(c.get('requestId')).toEqualTypeOf<string>();
      expectTypeOf(c.env.DB_URL).toEqualTypeOf<string>();
      return c.text('ok');
    });
    new Hono<AppEnv>().get('/v1/me', apisig(options), (c) => {
      expectTypeOf(c.get('apisig')).toEqualTypeOf<ApiSigIdentity>();
      expectTypeOf(c.env.DB_URL).toEqualTypeOf<string>();
      return c.text('ok');
    });
  });

  it('is not typed by a separate app.use(): that statement does not change the app’s type', () => {
    const app = new Hono();
    app.use('/v1/*', apisig(options));
    // @ts-expect-error Hono's get() has no 'apisig' on an app whose type lacks ApiSigEnv
    app.get('/v1/me', (c) => c.text(c.get('apisig').apiKey));
  });
});
