import { type ApiSigState, apisig } from '@apisig/node/koa';
import cors from '@koa/cors';
import Router from '@koa/router';
import Koa from 'koa';

// Your stores. `jwtKey` is set for users who sign their requests.
const users = new Map([
  ['ak_live_3f9a2c1e7b4d', { jwtKey: process.env.JWT_KEY ?? 'jk_9b2e4c7a1f3d5e8b' }],
  ['ak_live_5e6f7a8b9c0d', {}],
]);
const acme = {
  appSecret: process.env.APP_SECRET ?? 'as_acme_secret',
  isMember: (apiKey: string) => users.has(apiKey),
};

// ApiSigState types ctx.state.apisig.
const app = new Koa<ApiSigState>();

// CORS first, so that a refusal carries Access-Control-Allow-Origin (the browser can read it).
// Preflights carry no credentials: apisig lets them through for @koa/cors to answer.
app.use(
  cors({
    origin: 'https://app.example.com',
    allowHeaders: ['x-api-key', 'x-signature', 'x-app-key', 'x-app-signature'],
  }),
);

const open = new Router();
open.get('/health', (ctx) => {
  ctx.body = { ok: true };
});

const v1 = new Router<ApiSigState>({ prefix: '/v1' });
// Before the routes it guards: Koa runs middleware in order.
// Options are checked here, once: a mistake throws ApiSigError (invalid_option).
v1.use(
  apisig({
    users: async (apiKey) => users.get(apiKey), // may be async (a database)
    organizations: (appKey) => (appKey === 'app_acme' ? acme : null),
  }),
);

// Refused requests never get here: they got 401/403 {"error": reason, "header": name},
// or 500/503 {"error": "lookup_failed" | "lookup_timeout"} if a lookup threw or hung.
v1.get('/me', (ctx) => {
  ctx.body = ctx.state.apisig; // { apiKey, appKey?, signed, mode }
});

app.use(open.routes()).use(v1.routes());

export default app; // app.listen(3000)
