import { createSigner } from '@apisig/node';
import { apiSigHooks } from '@apisig/node/got';
import got from 'got';

const API_URL = process.env.API_URL ?? 'https://api.example.com';

const signer = createSigner({
  apiKey: process.env.API_KEY ?? '',
  jwtKey: process.env.JWT_KEY ?? '',
});

// Each attempt and redirect hop is signed again; another origin is refused before a
// connection is made (RequestError, code origin_refused); a 401 from a clock that was off is
// retried once, however got's own retry is set.
const api = got.extend({ prefixUrl: API_URL }, apiSigHooks(signer, { baseUrl: API_URL }));

const response = await api.get('v1/me', { responseType: 'json' });
console.log(response.statusCode, response.body);
