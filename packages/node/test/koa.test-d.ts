/** Type tests: `ctx.state.apisig` through Koa's generics (the app's, a router's, or chaining). */
import Router from '@koa/router';
import Koa, { type Middleware, type ParameterizedContext } from 'koa';
import { describe, expectTypeOf, it } from 'vitest';
import { type ApiSigIdentity, type ApiSigState, apisig } from '../src/koa.js';

const users = (apiKey: string) => (apiKey === 'ak_1' ? {} : null);

describe('ctx.state.apisig', () => {
  it('is typed in an app made with new Koa<ApiSigState>()', () => {
    const app = new Koa<ApiSigState>();
    app.use(apisig({ users }));
    app.use((ctx) => {
      expectTypeOf(ctx.state.apisig).toEqualTypeOf<ApiSigIdentity | undefined>();
      // @ts-expect-error possibly undefined: a preflight let through has none
      ctx.state.apisig.apiKey;
    });
  });

  it('is typed after chaining use(apisig(...)) on a plain Koa app', () => {
    new Koa().use(apisig({ users })).use((ctx) => {
      expectTypeOf(ctx.state.apisig).toEqualTypeOf<ApiSigIdentity | undefined>();
      // @ts-expect-error not a field of the identity
      ctx.state.apisig?.nope;
    });
  });

  it('is typed on the routes of a Router<ApiSigState>', () => {
    const router = new Router<ApiSigState>();
    router.use(apisig({ users }));
    router.get('/me', (ctx) => {
      expectTypeOf(ctx.state.apisig?.mode).toEqualTypeOf<ApiSigIdentity['mode'] | undefined>();
    });
  });

  it("goes with the app's own state", () => {
    interface AppState {
      requestId: string;
    }
    const app = new Koa<AppState & ApiSigState>();
    app.use(apisig({ users }));
    app.use((ctx) => {
      expectTypeOf(ctx.state.requestId).toEqualTypeOf<string>();
      expectTypeOf(ctx.state.apisig).toEqualTypeOf<ApiSigIdentity | undefined>();
    });
  });
});

describe('apisig(options)', () => {
  it("is Koa middleware over ApiSigState; its hooks get Koa's context", () => {
    expectTypeOf(apisig({ users })).toEqualTypeOf<Middleware<ApiSigState>>();
    apisig({
      users,
      onVerdict: (_verdict, ctx) => {
        expectTypeOf(ctx).toEqualTypeOf<ParameterizedContext<ApiSigState>>();
      },
      onRefusal: (verdict) => ({
        status: verdict.status,
        headers: { 'x-docs': '/auth' },
        body: {},
      }),
    });
    // @ts-expect-error users is required
    apisig({});
  });
});
