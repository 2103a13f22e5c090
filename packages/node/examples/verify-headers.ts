import { createVerifier, verifyHeaders } from '@apisig/node';

const users = new Map([['ak_live_3f9a2c1e7b4d', { jwtKey: 'jk_9b2e4c7a1f3d5e8b' }]]);
const options = { users: (apiKey: string) => users.get(apiKey) };

// Options checked once, here; then a function of one request's headers: a fetch Headers, a
// record in any casing, or node:http's IncomingHttpHeaders.
const verify = createVerifier(options);

export async function whoIs(headers: Record<string, string>): Promise<string> {
  const result = await verify(headers);
  if (!result.ok) return `${result.status} ${result.reason} (${result.header})`; // '401 expired (x-signature)'
  return `${result.apiKey}, ${result.mode}`; // 'ak_live_3f9a2c1e7b4d, signed'
}

// The one-shot form, for a script: the options are checked on every call.
const result = await verifyHeaders({ 'X-Api-Key': 'ak_live_3f9a2c1e7b4d' }, options);
console.log(result); // { ok: false, reason: 'missing_signature', header: 'x-signature', status: 401, ... }
