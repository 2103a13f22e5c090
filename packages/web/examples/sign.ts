import { createSignedFetch, createSigner, isApiSigError } from '@apisig/web';

// A JWT key here is readable by anyone who has the code: in a browser, see
// "A JWT key in browser code is public" below.
const signer = createSigner({ apiKey: 'ak_live_3f9a2c1e7b4d', jwtKey: 'jk_9b2e4c7a1f3d5e8b' });

console.log(await signer.headers()); // { 'x-api-key': 'ak_live_…', 'x-signature': 'eyJ…' }

// One signed fetch per API: relative URLs resolve against baseUrl, and nothing signed is
// sent anywhere else.
export const api = createSignedFetch(signer, { baseUrl: 'https://api.example.com' });

const order = await api('/v1/orders', {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ sku: 'A1' }),
});
console.log(order.status);

try {
  await api('https://tracker.example/collect');
} catch (error) {
  if (isApiSigError(error, 'origin_refused')) console.log('not sent: another origin');
}
