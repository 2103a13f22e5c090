import { createSignedFetch, createSigner } from '@apisig/node';

const API_URL = process.env.API_URL ?? 'https://api.example.com';

// Missing or malformed credentials throw ApiSigError (code invalid_credentials) right here.
const signer = createSigner({
  apiKey: process.env.API_KEY ?? '',
  jwtKey: process.env.JWT_KEY ?? '',
});

// A fetch that signs every request to API_URL (and refuses any other origin), corrects the
// signer's clock from the server's Date header, and retries a 401 once when the clock was off.
const api = createSignedFetch(signer, { baseUrl: API_URL });

const response = await api('/v1/me', {
  headers: { accept: 'application/json' },
});
console.log(response.status, await response.json());
