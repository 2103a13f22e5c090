import { createRemoteSigner, createSignedFetch } from '@apisig/web';

// In the browser: no secret, only headers that expire within seconds, asked of your own
// server (@apisig/node's createSigningHandler answers this POST).
export const signer = createRemoteSigner({ url: '/api/apisig/sign' });

export const api = createSignedFetch(signer, { baseUrl: 'https://api.example.com' });

const me = await api('/v1/me');
console.log(await me.json());

// After a log-out, forget the cached headers: the next request asks the endpoint again.
signer.clear();
