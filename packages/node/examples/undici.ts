import { createSigner } from '@apisig/node';
import { apiSig } from '@apisig/node/undici';
import { Agent, fetch, interceptors, request } from 'undici';

const API_URL = process.env.API_URL ?? 'https://api.example.com';

const signer = createSigner({
  apiKey: process.env.API_KEY ?? '',
  jwtKey: process.env.JWT_KEY ?? '',
});

// The redirect interceptor goes after apiSig (outside it), so every hop passes through apiSig:
// signed again within the API, bare anywhere else. Any other origin is refused.
export const dispatcher = new Agent().compose(
  apiSig(signer, { baseUrl: API_URL }),
  interceptors.redirect({ maxRedirections: 5 }),
);

const { statusCode, body } = await request(`${API_URL}/v1/me`, { dispatcher });
console.log(statusCode, await body.json());

// fetch (undici's, or Node's own) follows redirects itself, each hop through the dispatcher.
const response = await fetch(`${API_URL}/v1/me`, { dispatcher });
console.log(response.status, await response.json());
