import { createSigner } from '@apisig/node';
import { withApiSig } from '@apisig/node/axios';
import axios from 'axios';

const API_URL = process.env.API_URL ?? 'https://api.example.com';

const signer = createSigner({
  apiKey: process.env.API_KEY ?? '',
  jwtKey: process.env.JWT_KEY ?? '',
});

// Every request of `api` is signed for API_URL, under all your interceptors: another origin
// is refused before anything is sent, a redirect elsewhere goes without our headers, and a
// 401 from a clock that was off is retried once (not with a stream body).
const api = axios.create({ baseURL: API_URL });
const eject = withApiSig(api, signer, { baseUrl: API_URL });

const { status, data } = await api.get('/v1/me');
console.log(status, data);

eject(); // from here on, `api` sends unsigned requests again
