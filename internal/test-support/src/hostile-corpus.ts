/**
 * The hostile-token corpus: one table of tokens built here with node:crypto, each with the
 * reason docs/contract.md assigns it, drawn from RFC 8725 (JWT best current practice) and the
 * known JWT library vulnerabilities. Every verifier (core with a test backend, node on
 * jsonwebtoken, web on jose) runs the same table and must give the same answers.
 */
import { createHmac, generateKeyPairSync } from 'node:crypto';

/** The two headers a token travels in. */
export type TokenHeader = 'x-signature' | 'x-app-signature';

export interface HostileCase {
  name: string;
  /** Where the attack comes from: an RFC 8725 section, a CVE, a contract rule. */
  source: string;
  header: TokenHeader;
  token: string;
  /** The reason docs/contract.md assigns, or 'accepted' for the controls. */
  expected: string;
}

/** The verifier's clock for the corpus: whole second NOW, 999 ms into it. */
export const CORPUS_NOW = 1_764_300_000;
export const corpusClock = () => CORPUS_NOW * 1000 + 999;

/** The contract's defaults, which the corpus's boundary cases are built for. */
const LEEWAY = 5;
const MAX_TTL: Record<TokenHeader, number> = { 'x-signature': 60, 'x-app-signature': 60 };

/**
 * alice: a JWT key, a member; bob: no JWT key, a member; carol: no JWT key, not a member;
 * mallory: another user with a JWT key; acme: the organization.
 */
export const corpusCredentials = {
  alice: { apiKey: 'ak_alice', jwtKey: 'jk_alice_corpus_secret_5b2e' },
  bob: { apiKey: 'ak_bob' },
  carol: { apiKey: 'ak_carol' },
  mallory: { apiKey: 'ak_mallory', jwtKey: 'jk_mallory_corpus_secret_91c0' },
  acme: { appKey: 'app_acme', appSecret: 'as_acme_corpus_secret_0d7f' },
} as const;

const { alice, bob, carol, mallory, acme } = corpusCredentials;

/** Lookups for a verifier: structural, so this package need not import @apisig/core. */
export const corpusLookups = {
  users: (apiKey: string): { jwtKey?: string } | null => {
    if (apiKey === alice.apiKey) return { jwtKey: alice.jwtKey };
    if (apiKey === mallory.apiKey) return { jwtKey: mallory.jwtKey };
    if (apiKey === bob.apiKey || apiKey === carol.apiKey) return {};
    return null;
  },
  organizations: (appKey: string) =>
    appKey === acme.appKey
      ? {
          appSecret: acme.appSecret,
          isMember: (apiKey: string) => apiKey === bob.apiKey || apiKey === alice.apiKey,
        }
      : null,
};

/**
 * The request a case is sent in: x-signature as alice (her JWT key signs), x-app-signature
 * as bob (no JWT key, a member) through acme.
 */
export function corpusRequest(
  entry: Pick<HostileCase, 'header' | 'token'>,
): Record<string, string> {
  if (entry.header === 'x-signature')
    return { 'x-api-key': alice.apiKey, 'x-signature': entry.token };
  return { 'x-api-key': bob.apiKey, 'x-app-key': acme.appKey, 'x-app-signature': entry.token };
}

const encode = (value: unknown): string =>
  Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

const mac = (input: string, secret: string | Buffer, hash = 'sha256') =>
  createHmac(hash, secret).update(input).digest('base64url');

/** header.payload.signature with the signature computed over the two segments as given. */
function signSegments(header: string, payload: string, secret: string | Buffer, hash?: string) {
  return `${header}.${payload}.${mac(`${header}.${payload}`, secret, hash)}`;
}

/** Objects are JSON-encoded, strings taken as raw JSON text (for duplicate keys, 1e400). */
function token(header: unknown, payload: unknown, secret: string | Buffer, hash?: string) {
  return signSegments(encode(header), encode(payload), secret, hash);
}

const HS256 = { alg: 'HS256', typ: 'JWT' };

/** Every casing of "none": RFC 8725 §2.1, CVE-2015-9235 and its case-folding variants. */
function noneCasings(): string[] {
  const casings: string[] = [];
  for (let mask = 0; mask < 16; mask++) {
    casings.push([...'none'].map((c, i) => ((mask >> i) & 1 ? c.toUpperCase() : c)).join(''));
  }
  return casings;
}

/** Flip the low bit of the last character: same bytes for a lax decoder, a new string. */
function nonCanonicalLastChar(segment: string): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  const last = segment.at(-1) as string;
  return segment.slice(0, -1) + alphabet[alphabet.indexOf(last) ^ 1];
}

/** A payload padded so the whole HS256 token is exactly `length` characters. */
function tokenOfLength(length: number, claims: object, secret: string): string {
  const base = token(HS256, claims, secret).length;
  for (let pad = Math.max(0, Math.floor(((length - base) * 3) / 4) - 16); ; pad++) {
    const candidate = token(HS256, { ...claims, pad: 'x'.repeat(pad) }, secret);
    if (candidate.length === length) return candidate;
    if (candidate.length > length + 2) throw new Error(`no token of exactly ${length} characters`);
  }
}

/** An RSA public key in PEM: the HMAC secret of the classic RS256→HS256 confusion. */
const rsaPublicPem = generateKeyPairSync('rsa', { modulusLength: 1024 })
  .publicKey.export({ type: 'spki', format: 'pem' })
  .toString();

/** The cases for one header, signed as that header's rightful signer would. */
function casesFor(header: TokenHeader, trapUrl: string): HostileCase[] {
  const key = header === 'x-signature' ? alice.apiKey : acme.appKey;
  const secret = header === 'x-signature' ? alice.jwtKey : acme.appSecret;
  const otherSecret = header === 'x-signature' ? acme.appSecret : alice.jwtKey;
  const otherKey = header === 'x-signature' ? acme.appKey : alice.apiKey;
  const blank = header === 'x-signature' ? 'missing_signature' : 'missing_app_signature';
  const now = CORPUS_NOW;
  const exp = now + MAX_TTL[header];
  const claims = { key, exp };
  const good = token(HS256, claims, secret);
  const [goodHeader, goodPayload, goodSignature] = good.split('.') as [string, string, string];
  const unsigned = `${goodHeader}.${goodPayload}`;

  const table: [name: string, source: string, token: string, expected: string][] = [
    // Controls: a genuine token, and what the contract deliberately leaves alone.
    ['genuine token', 'control', good, 'accepted'],
    [
      'extra claims (nbf in the future, iat as text) are not contract rules',
      'contract: claims beyond key and exp are ignored',
      token(HS256, { key, exp, nbf: now + 9999, iat: 'x' }, secret),
      'accepted',
    ],
    [
      'duplicate alg, last is HS256 (lexically last wins)',
      'RFC 7515 §5.2',
      token(`{"alg":"none","alg":"HS256","typ":"JWT"}`, claims, secret),
      'accepted',
    ],
    [
      'exp written as 1764300015.0 is an integer',
      'RFC 8259 numbers',
      token(HS256, `{"key":"${key}","exp":${exp}.0}`, secret),
      'accepted',
    ],

    // alg "none" (RFC 8725 §2.1, §3.1; CVE-2015-9235) in every casing, unsigned.
    ...noneCasings().map((alg): [string, string, string, string] => [
      `alg "${alg}", empty signature`,
      'RFC 8725 §2.1; CVE-2015-9235',
      `${encode({ alg, typ: 'JWT' })}.${goodPayload}.`,
      'unsupported_algorithm',
    ]),
    [
      'alg "none" with a valid HMAC',
      'RFC 8725 §3.1',
      token({ alg: 'none', typ: 'JWT' }, claims, secret),
      'unsupported_algorithm',
    ],
    [
      'duplicate alg, last is none',
      'RFC 7515 §5.2',
      token(`{"alg":"HS256","alg":"none","typ":"JWT"}`, claims, secret),
      'unsupported_algorithm',
    ],
    [
      'alg missing',
      'RFC 8725 §3.1',
      token({ typ: 'JWT' }, claims, secret),
      'unsupported_algorithm',
    ],
    ...(
      [
        'hs256',
        'Hs256',
        'HS256 ',
        ' HS256',
        'HS256\u0000',
        'HS2560',
        'HS25',
        'HMAC-SHA256',
        '',
      ] as const
    ).map((alg): [string, string, string, string] => [
      `alg ${JSON.stringify(alg)}`,
      'RFC 8725 §3.1',
      token({ alg, typ: 'JWT' }, claims, secret),
      'unsupported_algorithm',
    ]),
    ...([['array'], ['HS256'], {}, null, 256, true] as const).map(
      (alg): [string, string, string, string] => [
        `alg as ${JSON.stringify(alg)}`,
        'RFC 8725 §3.1',
        token({ alg, typ: 'JWT' }, claims, secret),
        'unsupported_algorithm',
      ],
    ),
    // Other HMAC algorithms, correctly computed with the right secret.
    [
      'HS384, right secret',
      'RFC 8725 §3.1',
      token({ alg: 'HS384', typ: 'JWT' }, claims, secret, 'sha384'),
      'unsupported_algorithm',
    ],
    [
      'HS512, right secret',
      'RFC 8725 §3.1',
      token({ alg: 'HS512', typ: 'JWT' }, claims, secret, 'sha512'),
      'unsupported_algorithm',
    ],
    // Algorithm confusion: asymmetric alg names, HMAC'd with a public key or the secret.
    ...(['RS256', 'RS512', 'PS256', 'ES256', 'ES256K', 'ES512', 'EdDSA', 'Ed25519'] as const).map(
      (alg): [string, string, string, string] => [
        `${alg}, HMAC with the right secret`,
        'RFC 8725 §2.1 (algorithm confusion)',
        token({ alg, typ: 'JWT' }, claims, secret),
        'unsupported_algorithm',
      ],
    ),
    [
      'RS256 HMAC-signed with an RSA public key PEM',
      'CVE-2016-5431; CVE-2022-29217',
      token({ alg: 'RS256', typ: 'JWT' }, claims, rsaPublicPem),
      'unsupported_algorithm',
    ],
    [
      'HS256 HMAC-signed with an RSA public key PEM',
      'CVE-2016-5431',
      token(HS256, claims, rsaPublicPem),
      'bad_signature',
    ],
    // crit and b64 (RFC 7797): an extension we do not implement must be refused.
    [
      'crit ["b64"], b64 false, payload unencoded',
      'RFC 7797; RFC 7515 §4.1.11',
      `${encode({ alg: 'HS256', b64: false, crit: ['b64'] })}.${JSON.stringify(claims)}.${mac(`${encode({ alg: 'HS256', b64: false, crit: ['b64'] })}.${JSON.stringify(claims)}`, secret)}`,
      'malformed_signature',
    ],
    [
      'crit ["b64"], b64 false, detached payload',
      'RFC 7797 §5',
      `${encode({ alg: 'HS256', b64: false, crit: ['b64'] })}..${mac(`${encode({ alg: 'HS256', b64: false, crit: ['b64'] })}.${JSON.stringify(claims)}`, secret)}`,
      'malformed_signature',
    ],
    [
      'crit ["b64"], b64 false, payload encoded, right secret',
      'RFC 7797',
      token({ alg: 'HS256', b64: false, crit: ['b64'] }, claims, secret),
      'unsupported_algorithm',
    ],
    [
      'crit ["b64"], b64 true, right secret',
      'RFC 7515 §4.1.11',
      token({ alg: 'HS256', typ: 'JWT', crit: ['b64'], b64: true }, claims, secret),
      'unsupported_algorithm',
    ],
    [
      'crit [], right secret',
      'RFC 7515 §4.1.11',
      token({ alg: 'HS256', crit: [] }, claims, secret),
      'unsupported_algorithm',
    ],
    [
      'crit null, right secret',
      'RFC 7515 §4.1.11',
      token({ alg: 'HS256', crit: null }, claims, secret),
      'unsupported_algorithm',
    ],
    [
      'crit ["exp"], right secret',
      'RFC 7515 §4.1.11',
      token({ alg: 'HS256', crit: ['exp'], exp }, claims, secret),
      'unsupported_algorithm',
    ],
    [
      'b64 false without crit, HMAC over the raw payload',
      'RFC 7797 §6',
      `${encode({ alg: 'HS256', b64: false })}.${goodPayload}.${mac(`${encode({ alg: 'HS256', b64: false })}.${JSON.stringify(claims)}`, secret)}`,
      'bad_signature',
    ],
    // kid / jku / x5u / jwk / x5c: the key never comes from the token (RFC 8725 §3.10).
    [
      'kid path traversal to /dev/null, empty-key HMAC',
      'RFC 8725 §3.10; CVE-2018-0114 family',
      token({ ...HS256, kid: '../../../../../../dev/null' }, claims, Buffer.alloc(0)),
      'bad_signature',
    ],
    [
      'kid SQL injection, HMAC with the injected value',
      'RFC 8725 §3.10',
      token({ ...HS256, kid: "x' UNION SELECT 'attacker' --" }, claims, 'attacker'),
      'bad_signature',
    ],
    [
      'kid naming the other credential, signed with it',
      'RFC 8725 §3.10',
      token({ ...HS256, kid: otherKey }, claims, otherSecret),
      'bad_signature',
    ],
    [
      'jku on loopback, attacker key',
      'RFC 8725 §3.10',
      token({ ...HS256, jku: `${trapUrl}/jwks.json` }, claims, 'attacker'),
      'bad_signature',
    ],
    [
      'x5u on loopback, attacker key',
      'RFC 8725 §3.10',
      token({ ...HS256, x5u: `${trapUrl}/cert.pem` }, claims, 'attacker'),
      'bad_signature',
    ],
    [
      'embedded jwk (oct) with the attacker key',
      'CVE-2018-0114',
      token({ ...HS256, jwk: { kty: 'oct', k: encode('attacker') } }, claims, 'attacker'),
      'bad_signature',
    ],
    [
      'embedded jwk (RSA), alg RS256',
      'CVE-2018-0114',
      token({ alg: 'RS256', jwk: { kty: 'RSA', n: 'AQAB', e: 'AQAB' } }, claims, 'attacker'),
      'unsupported_algorithm',
    ],
    [
      'x5c with garbage, attacker key',
      'RFC 8725 §3.10',
      token({ ...HS256, x5c: ['MIIB'] }, claims, 'attacker'),
      'bad_signature',
    ],
    // Psychic signatures (CVE-2022-21449) and their HMAC cousins.
    ['empty signature', 'CVE-2022-21449 (psychic signatures)', `${unsigned}.`, 'bad_signature'],
    [
      'all-zero 32-byte signature',
      'CVE-2022-21449',
      `${unsigned}.${'A'.repeat(43)}`,
      'bad_signature',
    ],
    ['one zero byte signature', 'CVE-2022-21449', `${unsigned}.AA`, 'bad_signature'],
    [
      'truncated HMAC (16 bytes)',
      'RFC 7518 §3.2',
      `${unsigned}.${Buffer.from(goodSignature, 'base64url').subarray(0, 16).toString('base64url')}`,
      'bad_signature',
    ],
    [
      'HMAC with a byte appended',
      'RFC 7518 §3.2',
      `${unsigned}.${Buffer.concat([Buffer.from(goodSignature, 'base64url'), Buffer.from([0])]).toString('base64url')}`,
      'bad_signature',
    ],
    [
      'HMAC of the header alone',
      'RFC 7515 §5.1',
      `${unsigned}.${mac(goodHeader, secret)}`,
      'bad_signature',
    ],
    [
      'HMAC with a non-canonical last character (same bytes)',
      'RFC 4648 §3.5 (malleability)',
      `${unsigned}.${nonCanonicalLastChar(goodSignature)}`,
      'malformed_signature',
    ],
    ['signature of 1 base64url character', 'RFC 4648 §5', `${unsigned}.A`, 'malformed_signature'],
    // Secrets that are not this header's.
    [
      "signed with the other header's secret",
      'contract: token check 3',
      token(HS256, claims, otherSecret),
      'bad_signature',
    ],
    [
      "another user's JWT key",
      'contract: token check 3',
      token(HS256, claims, mallory.jwtKey),
      'bad_signature',
    ],
    [
      'secret with a trailing space',
      'contract: the secret as given (no trimming)',
      token(HS256, claims, `${secret} `),
      'bad_signature',
    ],
    [
      'secret base64-decoded',
      'contract: the secret as given (no base64 decoding)',
      token(HS256, claims, Buffer.from(secret, 'base64')),
      'bad_signature',
    ],
    ['empty secret', 'RFC 8725 §3.5', token(HS256, claims, Buffer.alloc(0)), 'bad_signature'],
    // Structure: segments and alphabet.
    ['two segments', 'RFC 7515 §7.1', unsigned, 'malformed_signature'],
    ['four segments', 'RFC 7515 §7.1', `${good}.${goodSignature}`, 'malformed_signature'],
    [
      'five segments (a JWE shape)',
      'RFC 7516 §7.1',
      `${goodHeader}.${goodPayload}.AAAA.AAAA.${goodSignature}`,
      'malformed_signature',
    ],
    ['one segment', 'RFC 7515 §7.1', goodPayload, 'malformed_signature'],
    ['only dots', 'RFC 7515 §7.1', '..', 'malformed_signature'],
    [
      'empty header segment',
      'RFC 7515 §7.1',
      signSegments('', goodPayload, secret),
      'malformed_signature',
    ],
    [
      'empty payload segment',
      'RFC 7515 §7.1',
      signSegments(goodHeader, '', secret),
      'malformed_signature',
    ],
    [
      'padding "=" in the header',
      'RFC 7515 §2 (no padding)',
      signSegments(`${goodHeader}=`, goodPayload, secret),
      'malformed_signature',
    ],
    [
      'standard base64 "+" and "/" in the signature',
      'RFC 7515 §2',
      `${unsigned}.${goodSignature.replace(/-/g, '+').replace(/_/g, '/').replace(/^./, '+')}`,
      'malformed_signature',
    ],
    ['space before the token', 'RFC 7515 §7.1', ` ${good}`, 'malformed_signature'],
    [
      'tab inside the payload',
      'RFC 7515 §7.1',
      signSegments(goodHeader, `${goodPayload.slice(0, 4)}\t${goodPayload.slice(4)}`, secret),
      'malformed_signature',
    ],
    [
      'non-ASCII character in the header',
      'RFC 7515 §2',
      signSegments(`${goodHeader}é`, goodPayload, secret),
      'malformed_signature',
    ],
    [
      'non-canonical last character in the payload',
      'RFC 4648 §3.5',
      signSegments(
        goodHeader,
        nonCanonicalLastChar(encode(`{"key":"${key}","exp":${exp}}`)),
        secret,
      ),
      'malformed_signature',
    ],
    ['blank token', 'contract: steps 3 and 6 (blank is absent)', ' ', blank],
    // Header and payload that are not JSON objects.
    ...(
      [
        ['header is a JSON array', ['HS256'], claims],
        ['header is a JSON string', '"HS256"', claims],
        ['header is null', 'null', claims],
        ['header is a number', '256', claims],
        ['header is not JSON', 'alg=HS256', claims],
        ['header is truncated JSON', '{"alg":"HS256"', claims],
        ['payload is a JSON array', HS256, [key, exp]],
        ['payload is a JSON string', HS256, `"${key}"`],
        ['payload is null', HS256, 'null'],
        ['payload is true', HS256, 'true'],
        ['payload is not JSON', HS256, `key=${key}&exp=${exp}`],
        ['header with a UTF-8 BOM', `\uFEFF${JSON.stringify(HS256)}`, claims],
        ['payload with a UTF-8 BOM', HS256, `\uFEFF${JSON.stringify(claims)}`],
      ] as const
    ).map(([name, h, p]): [string, string, string, string] => [
      name,
      'RFC 7515 §5.2; RFC 8259 §8.1',
      token(h, p, secret),
      'malformed_signature',
    ]),
    [
      'header with invalid UTF-8',
      'RFC 8725 §3.7',
      signSegments(Buffer.from([0x7b, 0xff, 0x7d]).toString('base64url'), goodPayload, secret),
      'malformed_signature',
    ],
    [
      'payload with invalid UTF-8 in a string',
      'RFC 8725 §3.7',
      signSegments(
        goodHeader,
        Buffer.concat([
          Buffer.from(`{"key":"${key}`),
          Buffer.from([0xc3]),
          Buffer.from(`","exp":${exp}}`),
        ]).toString('base64url'),
        secret,
      ),
      'malformed_signature',
    ],
    // exp (all with the right secret: the HMAC passes, the claims decide).
    ['exp missing', 'contract: token check 4', token(HS256, { key }, secret), 'missing_exp'],
    [
      'exp missing, key a number',
      'contract: token check 4 (order)',
      token(HS256, { key: 1 }, secret),
      'missing_exp',
    ],
    [
      'exp as a float',
      'contract: token check 5',
      token(HS256, { key, exp: exp + 0.5 }, secret),
      'malformed_signature',
    ],
    [
      'exp as a string',
      'contract: token check 5',
      token(HS256, { key, exp: String(exp) }, secret),
      'malformed_signature',
    ],
    [
      'exp as a boolean',
      'contract: token check 5',
      token(HS256, { key, exp: true }, secret),
      'malformed_signature',
    ],
    [
      'exp null',
      'contract: token check 5',
      token(HS256, { key, exp: null }, secret),
      'malformed_signature',
    ],
    [
      'exp as an array',
      'contract: token check 5',
      token(HS256, { key, exp: [exp] }, secret),
      'malformed_signature',
    ],
    [
      'exp as an object',
      'contract: token check 5',
      token(HS256, { key, exp: { $gt: 0 } }, secret),
      'malformed_signature',
    ],
    [
      'exp 1e400 (overflows to Infinity)',
      'RFC 8725 §2.7 (numeric overflow)',
      token(HS256, `{"key":"${key}","exp":1e400}`, secret),
      'malformed_signature',
    ],
    [
      'exp -1e400 (overflows to -Infinity)',
      'RFC 8725 §2.7',
      token(HS256, `{"key":"${key}","exp":-1e400}`, secret),
      'malformed_signature',
    ],
    ['exp 1e308', 'numeric overflow', token(HS256, { key, exp: 1e308 }, secret), 'exp_too_far'],
    [
      'exp 2^53 + 1 (rounds to 2^53)',
      'numeric overflow',
      token(HS256, `{"key":"${key}","exp":9007199254740993}`, secret),
      'exp_too_far',
    ],
    [
      'exp 2^64',
      'numeric overflow',
      token(HS256, `{"key":"${key}","exp":18446744073709551616}`, secret),
      'exp_too_far',
    ],
    ['exp negative', 'contract: token check 6', token(HS256, { key, exp: -1 }, secret), 'expired'],
    ['exp 0', 'contract: token check 6', token(HS256, { key, exp: 0 }, secret), 'expired'],
    [
      'exp -2^53',
      'numeric overflow',
      token(HS256, `{"key":"${key}","exp":-9007199254740993}`, secret),
      'expired',
    ],
    [
      'exp in milliseconds',
      'contract: token check 7',
      token(HS256, { key, exp: exp * 1000 }, secret),
      'exp_too_far',
    ],
    [
      'duplicate exp, last one a year ahead',
      'RFC 7515 §5.2',
      token(HS256, `{"key":"${key}","exp":${exp},"exp":${exp + 31_536_000}}`, secret),
      'exp_too_far',
    ],
    // The leeway and the maximum ttl, exactly on both sides (now = CORPUS_NOW, leeway 5).
    [
      `exp = now - ${LEEWAY} (last accepted second)`,
      'contract: token check 6',
      token(HS256, { key, exp: now - LEEWAY }, secret),
      'accepted',
    ],
    [
      `exp = now - ${LEEWAY + 1}`,
      'contract: token check 6',
      token(HS256, { key, exp: now - LEEWAY - 1 }, secret),
      'expired',
    ],
    [
      `exp = now + maxTtl + leeway (${MAX_TTL[header] + LEEWAY})`,
      'contract: token check 7',
      token(HS256, { key, exp: now + MAX_TTL[header] + LEEWAY }, secret),
      'accepted',
    ],
    [
      `exp = now + maxTtl + leeway + 1 (${MAX_TTL[header] + LEEWAY + 1})`,
      'contract: token check 7',
      token(HS256, { key, exp: now + MAX_TTL[header] + LEEWAY + 1 }, secret),
      'exp_too_far',
    ],
    // key.
    [
      'key missing',
      'contract: token check 5',
      token(HS256, { exp }, secret),
      'malformed_signature',
    ],
    [
      'key as a number',
      'contract: token check 5',
      token(HS256, { key: 42, exp }, secret),
      'malformed_signature',
    ],
    [
      'key as an array',
      'contract: token check 5',
      token(HS256, { key: [key], exp }, secret),
      'malformed_signature',
    ],
    [
      'key null',
      'contract: token check 5',
      token(HS256, { key: null, exp }, secret),
      'malformed_signature',
    ],
    [
      'key as an object',
      'contract: token check 5',
      token(HS256, { key: { toString: key }, exp }, secret),
      'malformed_signature',
    ],
    ...(
      [
        ['upper case', key.toUpperCase()],
        ['trailing space', `${key} `],
        ['leading space', ` ${key}`],
        ['trailing NUL', `${key}\u0000`],
        ['trailing newline', `${key}\n`],
        ['Cyrillic look-alike a', key.replace('a', '\u0430')],
        ['zero-width joiner inside', `${key.slice(0, 3)}\u200d${key.slice(3)}`],
        ['fullwidth look-alike', key.replace('_', '\uff3f')],
        ['prefix only', key.slice(0, -1)],
        ['extended', `${key}x`],
        ['empty', ''],
        ["the other header's key", otherKey],
      ] as const
    ).map(([what, value]): [string, string, string, string] => [
      `key look-alike: ${what}`,
      'contract: token check 8',
      token(HS256, { key: value, exp }, secret),
      'key_mismatch',
    ]),
    [
      'duplicate key, last one someone else',
      'RFC 7515 §5.2',
      token(HS256, `{"key":"${key}","key":"${otherKey}","exp":${exp}}`, secret),
      'key_mismatch',
    ],
    // Size: refused before any decoding or HMAC work (contract token check 1; RFC 8725 §3.12 DoS).
    [
      'exactly 8192 characters, valid',
      'contract: token check 1',
      tokenOfLength(8192, claims, secret),
      'accepted',
    ],
    [
      '8193 characters, validly signed',
      'contract: token check 1',
      tokenOfLength(8193, claims, secret),
      'malformed_signature',
    ],
  ];
  return table.map(([name, source, value, expected]) => ({
    name,
    source,
    header,
    token: value,
    expected,
  }));
}

/** Tokens this big must be refused by length alone: the spy tests use these. */
export function oversizeCases(): HostileCase[] {
  const claims = { key: alice.apiKey, exp: CORPUS_NOW + 15 };
  return [64 * 1024, 64 * 1024 + 1, 1024 * 1024].map((length) => ({
    name: `${length} characters, validly signed`,
    source: 'RFC 8725 §3.12 (denial of service); contract token check 1',
    header: 'x-signature' as const,
    token: tokenOfLength(length, claims, alice.jwtKey),
    expected: 'malformed_signature',
  }));
}

/**
 * The whole corpus: both headers' cases, the oversize ones, and the cross-header replays.
 * `trapUrl` is a loopback server that counts requests: a verifier that fetched a jku/x5u
 * would be caught there.
 */
export function hostileCorpus(trapUrl: string): HostileCase[] {
  return [
    ...casesFor('x-signature', trapUrl),
    ...casesFor('x-app-signature', trapUrl),
    ...oversizeCases(),
  ];
}

/** Every secret the corpus knows: no verdict may contain one. */
export const corpusSecrets: readonly string[] = [alice.jwtKey, mallory.jwtKey, acme.appSecret];

/** A whole request and the verdict docs/contract.md gives it. */
export interface OrganizationCase {
  name: string;
  request: Record<string, string | string[]>;
  expected: { reason: string; header: string; status: 401 | 403 } | 'accepted';
}

/** The organization paths: which header fails, in the contract's order, for each mix-up. */
export function organizationCases(): OrganizationCase[] {
  const userToken = (key: string, secret: string) =>
    token(HS256, { key, exp: CORPUS_NOW + 15 }, secret);
  const appToken = (key: string, secret: string) =>
    token(HS256, { key, exp: CORPUS_NOW + 60 }, secret);
  const aliceSig = userToken(alice.apiKey, alice.jwtKey);
  const acmeSig = appToken(acme.appKey, acme.appSecret);
  const fail = (reason: string, header: string, status: 401 | 403 = 401) => ({
    reason,
    header,
    status,
  });
  return [
    {
      name: 'member through the organization (control)',
      request: { 'x-api-key': bob.apiKey, 'x-app-key': acme.appKey, 'x-app-signature': acmeSig },
      expected: 'accepted',
    },
    {
      name: 'all four headers (control)',
      request: {
        'x-api-key': alice.apiKey,
        'x-signature': aliceSig,
        'x-app-key': acme.appKey,
        'x-app-signature': acmeSig,
      },
      expected: 'accepted',
    },
    {
      name: 'App Key without its signature',
      request: { 'x-api-key': bob.apiKey, 'x-app-key': acme.appKey },
      expected: fail('missing_app_signature', 'x-app-signature'),
    },
    {
      name: 'App signature without its App Key',
      request: { 'x-api-key': bob.apiKey, 'x-app-signature': acmeSig },
      expected: fail('missing_app_key', 'x-app-key'),
    },
    {
      name: 'blank App Key beside a valid signature',
      request: { 'x-api-key': bob.apiKey, 'x-app-key': ' ', 'x-app-signature': acmeSig },
      expected: fail('missing_app_key', 'x-app-key'),
    },
    {
      name: 'unknown App Key, token signed for it with the real App Secret',
      request: {
        'x-api-key': bob.apiKey,
        'x-app-key': 'app_unknown',
        'x-app-signature': appToken('app_unknown', acme.appSecret),
      },
      expected: fail('unknown_app_key', 'x-app-key'),
    },
    {
      name: 'App Key in another case',
      request: {
        'x-api-key': bob.apiKey,
        'x-app-key': acme.appKey.toUpperCase(),
        'x-app-signature': appToken(acme.appKey.toUpperCase(), acme.appSecret),
      },
      expected: fail('unknown_app_key', 'x-app-key'),
    },
    {
      name: 'App Key sent twice (joined into one value)',
      request: {
        'x-api-key': bob.apiKey,
        'x-app-key': [acme.appKey, acme.appKey],
        'x-app-signature': acmeSig,
      },
      expected: fail('unknown_app_key', 'x-app-key'),
    },
    {
      name: "the user's JWT key used as App Secret",
      request: {
        'x-api-key': alice.apiKey,
        'x-signature': aliceSig,
        'x-app-key': acme.appKey,
        'x-app-signature': appToken(acme.appKey, alice.jwtKey),
      },
      expected: fail('bad_signature', 'x-app-signature'),
    },
    {
      name: 'the App Secret used as the JWT key',
      request: {
        'x-api-key': alice.apiKey,
        'x-signature': userToken(alice.apiKey, acme.appSecret),
        'x-app-key': acme.appKey,
        'x-app-signature': acmeSig,
      },
      expected: fail('bad_signature', 'x-signature'),
    },
    {
      name: "the App Key's signature carrying the API key as its key",
      request: {
        'x-api-key': bob.apiKey,
        'x-app-key': acme.appKey,
        'x-app-signature': appToken(bob.apiKey, acme.appSecret),
      },
      expected: fail('key_mismatch', 'x-app-signature'),
    },
    {
      name: "the user's token replayed as the App signature",
      request: {
        'x-api-key': alice.apiKey,
        'x-signature': aliceSig,
        'x-app-key': acme.appKey,
        'x-app-signature': aliceSig,
      },
      expected: fail('bad_signature', 'x-app-signature'),
    },
    {
      name: "the App signature replayed as the user's token",
      request: {
        'x-api-key': alice.apiKey,
        'x-signature': acmeSig,
        'x-app-key': acme.appKey,
        'x-app-signature': acmeSig,
      },
      expected: fail('bad_signature', 'x-signature'),
    },
    {
      name: 'a non-member with a valid App signature',
      request: { 'x-api-key': carol.apiKey, 'x-app-key': acme.appKey, 'x-app-signature': acmeSig },
      expected: fail('not_a_member', 'x-app-key', 403),
    },
    {
      name: 'an unknown API key with a valid App signature',
      request: { 'x-api-key': 'ak_nobody', 'x-app-key': acme.appKey, 'x-app-signature': acmeSig },
      expected: fail('unknown_api_key', 'x-api-key'),
    },
    {
      name: "the user's signature missing, the App's valid",
      request: { 'x-api-key': alice.apiKey, 'x-app-key': acme.appKey, 'x-app-signature': acmeSig },
      expected: fail('missing_signature', 'x-signature'),
    },
    {
      name: "mallory's token for alice, through the organization",
      request: {
        'x-api-key': alice.apiKey,
        'x-signature': userToken(alice.apiKey, mallory.jwtKey),
        'x-app-key': acme.appKey,
        'x-app-signature': acmeSig,
      },
      expected: fail('bad_signature', 'x-signature'),
    },
  ];
}
