import { createSigner, createSigningHandler } from '@apisig/node';
import express from 'express';

// The organization's secrets stay on this server; browsers get headers valid for seconds.
const signer = createSigner({
  apiKey: 'ak_live_5e6f7a8b9c0d',
  organization: { appKey: 'app_acme', appSecret: process.env.APP_SECRET ?? 'as_acme_secret' },
});

// Your session lookup (cookie-session, express-session, a JWT cookie...). Here: a stub whose
// user has a JWT key too, kept on the server like the App Secret.
const sessions = new Map([
  ['s3cr3t-session-id', { apiKey: 'ak_live_3f9a2c1e7b4d', jwtKey: 'jk_9b2e4c7a1f3d5e8b' }],
]);
const userOf = (cookie = '') => sessions.get(/(?:^|; )sid=([^;]+)/.exec(cookie)?.[1] ?? '');

const app = express();

app.all(
  '/api/apisig/sign',
  createSigningHandler({
    signer,
    // Sign for the logged-in user (all four headers); anyone else gets 401 {"error":"unauthorized"}.
    authorize: (request) => {
      const user = userOf(request.headers.cookie);
      return user ? signer.forUser({ apiKey: user.apiKey, jwtKey: user.jwtKey }) : false;
    },
  }),
);

export default app; // app.listen(3000)
