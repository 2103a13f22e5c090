/**
 * `pnpm --filter @apisig/web bench`: what one request's auth headers cost with the jose
 * signer, against signing per call with jose's SignJWT and against a bare WebCrypto HMAC
 * (the floor for anything that signs per call). Run on the real clock: steady state means
 * one signing per second, every other call served from the token of that second.
 */
import { SignJWT } from 'jose';
import { bench, describe } from 'vitest';
import { createSigner } from '../src/index.js';

const apiKey = 'ak_live_3f9a2c1e7b4d';
const jwtKey = 'jk_9b2e4c7a1f3d5e8b';
const utf8 = new TextEncoder();
const hmac = { name: 'HMAC', hash: 'SHA-256' };
const cryptoKey = await crypto.subtle.importKey('raw', utf8.encode(jwtKey), hmac, false, ['sign']);
const exp = () => Math.floor(Date.now() / 1000) + 15;

/**
 * Every case runs 100 sequential calls per iteration: a steady-state headers() costs about
 * 100 ns, less than the harness's own per-iteration await, which would otherwise dominate
 * (and shrink) its ratios. Same batch for every case, so ratios compare like with like.
 */
const BATCH = 100;
const batch = (call: () => Promise<unknown>) => async () => {
  for (let i = 0; i < BATCH; i++) await call();
};

const steady = createSigner({ apiKey, jwtKey });
await steady.headers();

let fakeNow = Date.now();
const everyCallANewSecond = createSigner({ apiKey, jwtKey, clock: () => (fakeNow += 1000) });
await everyCallANewSecond.headers();

describe('headers for one request', () => {
  bench(
    'apisig web signer.headers() (steady state)',
    batch(async () => {
      await steady.headers();
    }),
  );

  bench(
    'jose SignJWT per call (key imported once)',
    batch(async () => {
      await new SignJWT({ key: apiKey, exp: exp() })
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .sign(cryptoKey);
    }),
  );

  bench(
    'jose SignJWT per call (secret bytes each call)',
    batch(async () => {
      await new SignJWT({ key: apiKey, exp: exp() })
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .sign(utf8.encode(jwtKey));
    }),
  );

  bench(
    'crypto.subtle.sign HMAC-SHA-256 alone (floor)',
    batch(async () => {
      await crypto.subtle.sign('HMAC', cryptoKey, utf8.encode(`header.${exp()}`));
    }),
  );
});

describe('a fresh token', () => {
  bench(
    'signer.headers() in a new second (key already imported)',
    batch(async () => {
      await everyCallANewSecond.headers();
    }),
  );

  bench(
    'createSigner + first headers() (imports the key)',
    batch(async () => {
      await createSigner({ apiKey, jwtKey }).headers();
    }),
  );
});
