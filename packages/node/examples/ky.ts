import { createSignedFetch, createSigner, isApiSigError } from '@apisig/node';
import ky from 'ky';

const API_URL = process.env.API_URL ?? 'https://api.example.com';

const signer = createSigner({
  apiKey: process.env.API_KEY ?? '',
  jwtKey: process.env.JWT_KEY ?? '',
});

// ky needs no integration: give it the signed fetch.
const api = ky.create({
  prefixUrl: API_URL,
  fetch: createSignedFetch(signer, { baseUrl: API_URL }),
  // ky retries every error that is not an HTTP one: not apisig's refusals, which would only
  // be refused again.
  retry: { shouldRetry: ({ error }) => (isApiSigError(error) ? false : undefined) },
});

const me = await api.get('v1/me').json();
console.log(me);
