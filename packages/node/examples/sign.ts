import { createSigner } from '@apisig/node';

// API key only: x-api-key.
export const plain = createSigner({ apiKey: 'ak_live_5e6f7a8b9c0d' });

// API key + JWT key: x-api-key and x-signature (a token valid 15 s, reused within a second).
export const signed = createSigner({
  apiKey: 'ak_live_3f9a2c1e7b4d',
  jwtKey: process.env.JWT_KEY ?? 'jk_9b2e4c7a1f3d5e8b',
});

// An organization acting for one of its users: x-api-key (the user's), x-app-key and
// x-app-signature (valid 60 s). Add the user's jwtKey, if it has one, to send all four.
export const organization = createSigner({
  apiKey: 'ak_live_5e6f7a8b9c0d',
  organization: { appKey: 'app_acme', appSecret: process.env.APP_SECRET ?? 'as_acme_secret' },
});

console.log(signed.headers());
// { 'x-api-key': 'ak_live_3f9a2c1e7b4d', 'x-signature': 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9...' }
console.log(organization.forUser({ apiKey: 'ak_live_3f9a2c1e7b4d' }).headers());
// { 'x-api-key': 'ak_live_3f9a2c1e7b4d', 'x-app-key': 'app_acme', 'x-app-signature': 'eyJ...' }
