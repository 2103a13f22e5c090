import { apisig, isApiSigError } from '@apisig/node';
import cors from 'cors';
import express, { type NextFunction, type Request, type Response } from 'express';

// Your stores. `jwtKey` is set for users who sign their requests.
const users = new Map([
  ['ak_live_3f9a2c1e7b4d', { jwtKey: process.env.JWT_KEY ?? 'jk_9b2e4c7a1f3d5e8b' }],
  ['ak_live_5e6f7a8b9c0d', {}],
]);
const acme = {
  appSecret: process.env.APP_SECRET ?? 'as_acme_secret',
  isMember: (apiKey: string) => users.has(apiKey),
};

const app = express();

// CORS first, so that a refusal carries Access-Control-Allow-Origin (the browser can read it).
// Preflights carry no credentials: apisig lets them through for cors() to answer.
app.use(
  cors({
    origin: 'https://app.example.com',
    allowedHeaders: ['x-api-key', 'x-signature', 'x-app-key', 'x-app-signature'],
  }),
);

app.get('/health', (_request, response) => {
  response.json({ ok: true });
});

// Options are checked here, once: a mistake throws ApiSigError (invalid_option) at startup.
app.use(
  '/v1',
  apisig({
    users: async (apiKey) => users.get(apiKey), // may be async (a database)
    organizations: (appKey) => (appKey === 'app_acme' ? acme : null),
    // Once per request. A verdict never holds a token or a secret.
    onVerdict: (verdict, request) => {
      if (!verdict.ok) console.warn('apisig refused', request.url, verdict.reason);
    },
  }),
);

// Refused requests never get here: they got 401/403 {"error": reason, "header": name}.
app.get('/v1/me', (request: Request, response: Response) => {
  response.json(request.apisig); // { apiKey, appKey?, signed, mode }
});

// A lookup that threw or timed out arrives as an error: nothing was let through.
app.use((error: unknown, _request: Request, response: Response, next: NextFunction) => {
  if (isApiSigError(error, 'lookup_failed') || isApiSigError(error, 'lookup_timeout')) {
    response.status(503).json({ error: 'try_again_later' });
    return;
  }
  next(error);
});

export default app; // app.listen(3000)
