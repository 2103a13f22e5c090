import { apisig } from '@apisig/node/fastify';
import cors from '@fastify/cors';
import Fastify from 'fastify';

// Your stores. `jwtKey` is set for users who sign their requests.
const users = new Map([
  ['ak_live_3f9a2c1e7b4d', { jwtKey: process.env.JWT_KEY ?? 'jk_9b2e4c7a1f3d5e8b' }],
  ['ak_live_5e6f7a8b9c0d', {}],
]);
const acme = {
  appSecret: process.env.APP_SECRET ?? 'as_acme_secret',
  isMember: (apiKey: string) => users.has(apiKey),
};

const app = Fastify();

// CORS first, so that a refusal carries Access-Control-Allow-Origin (the browser can read it).
// Preflights carry no credentials: apisig lets them through for @fastify/cors to answer.
await app.register(cors, {
  origin: 'https://app.example.com',
  allowedHeaders: ['x-api-key', 'x-signature', 'x-app-key', 'x-app-signature'],
});

// Outside the plugin below: not guarded.
app.get('/health', async () => ({ ok: true }));

// apisig guards the context it is registered in: here, every route under /v1.
await app.register(
  async (v1) => {
    // Options are checked here, once: a mistake rejects with ApiSigError (invalid_option).
    await v1.register(apisig, {
      users: async (apiKey) => users.get(apiKey), // may be async (a database)
      organizations: (appKey) => (appKey === 'app_acme' ? acme : null),
      // Once per request. A verdict never holds a token or a secret.
      onVerdict: (verdict, request) => {
        if (!verdict.ok) request.log.warn({ apisig: verdict.reason }, 'apisig refused');
      },
    });

    // Refused requests never get here: they got 401/403 {"error": reason, "header": name},
    // or 500/503 {"error": "lookup_failed" | "lookup_timeout"} if a lookup threw or hung.
    v1.get('/me', async (request) => request.apisig); // { apiKey, appKey?, signed, mode }
  },
  { prefix: '/v1' },
);

export default app; // await app.listen({ port: 3000 })
