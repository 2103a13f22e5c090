import { createVerifier, failureResponse } from '@apisig/web/verify';
import { Hono } from 'hono';

// Your user store. `jwtKey` is set for users who sign their requests.
const users = new Map([['ak_live_3f9a2c1e7b4d', { jwtKey: 'jk_9b2e4c7a1f3d5e8b' }]]);

const verify = createVerifier({ users: (apiKey) => users.get(apiKey) });

const app = new Hono<{ Variables: { apiKey: string } }>();

app.use('/v1/*', async (c, next) => {
  const result = await verify(c.req.raw.headers);
  if (!result.ok) return failureResponse(result); // 401/403 {"error","header"}
  c.set('apiKey', result.apiKey);
  await next();
});

app.get('/v1/me', (c) => c.json({ apiKey: c.get('apiKey') }));

export default app;
