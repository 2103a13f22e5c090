import { type ApiSigEnv, apisig } from '@apisig/web/hono';
import { Hono } from 'hono';
import { cors } from 'hono/cors';

// Your user store. `jwtKey` is set for users who sign their requests.
const users = new Map([['ak_live_3f9a2c1e7b4d', { jwtKey: 'jk_9b2e4c7a1f3d5e8b' }]]);

// The guarded routes: a sub-app typed with ApiSigEnv, so c.get('apisig') is typed here.
const v1 = new Hono<ApiSigEnv>();
v1.use(
  apisig({
    users: (apiKey) => users.get(apiKey),
    // Once per request. A lookup that threw is answered 500 (503 if it timed out) and
    // reported here only: verdict.error is what it threw, for your own logs.
    onVerdict: (verdict, c) => {
      if (!verdict.ok) console.warn(`apisig ${verdict.reason} ${c.req.method} ${c.req.path}`);
    },
  }),
);
v1.get('/me', (c) => {
  const { apiKey, mode } = c.get('apisig');
  return c.json({ apiKey, mode });
});

const app = new Hono();
// CORS first: it answers preflights, and our 401s get Access-Control-Allow-Origin too.
app.use(
  '/v1/*',
  cors({
    origin: 'https://app.example.com',
    allowHeaders: ['content-type', 'x-api-key', 'x-signature', 'x-app-key', 'x-app-signature'],
  }),
);
app.route('/v1', v1);
app.get('/health', (c) => c.text('ok'));

export default app;
