import { createSigner, createVerifier, generateApiKey, generateSecret } from '@apisig/node';

// Hand out credentials: an API key and a JWT key, from node:crypto's random source.
const apiKey = generateApiKey({ prefix: 'ak_live_' }); // 'ak_live_' + 32 characters
const oldKey = generateSecret(); // 43 characters, 256 bits
const record: { jwtKey: string | string[] } = { jwtKey: oldKey };

const verify = createVerifier({ users: (key) => (key === apiKey ? record : null) });
const client = createSigner({ apiKey, jwtKey: oldKey });

// 1. Add the new key beside the old one: tokens under either pass, and the verdict is the
//    same whichever matched.
const newKey = generateSecret();
record.jwtKey = [newKey, oldKey];
const rotated = createSigner({ apiKey, jwtKey: newKey });
console.log((await verify(client.headers())).ok, (await verify(rotated.headers())).ok); // true true

// 2. Give the client the new key. 3. Once no request uses the old key, remove it.
record.jwtKey = newKey;
console.log((await verify(client.headers())).ok, (await verify(rotated.headers())).ok); // false true
