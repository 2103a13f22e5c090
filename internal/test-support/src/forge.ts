/**
 * Forging tokens with node:crypto, for tests: any header, any payload, any secret, signed
 * HS256 (or another HMAC) whatever the header claims.
 */
import { createHmac, generateKeyPairSync } from 'node:crypto';

export const encode = (value: unknown): string =>
  Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

export const mac = (input: string, secret: string | Buffer, hash = 'sha256') =>
  createHmac(hash, secret).update(input).digest('base64url');

/** header.payload.signature with the signature computed over the two segments as given. */
export function signSegments(
  header: string,
  payload: string,
  secret: string | Buffer,
  hash?: string,
) {
  return `${header}.${payload}.${mac(`${header}.${payload}`, secret, hash)}`;
}

/** Objects are JSON-encoded, strings taken as raw JSON text (for duplicate keys, 1e400). */
export function forgeToken(
  header: unknown,
  payload: unknown,
  secret: string | Buffer,
  hash?: string,
): string {
  return signSegments(encode(header), encode(payload), secret, hash);
}

export const HS256 = { alg: 'HS256', typ: 'JWT' };

/** Every casing of "none": RFC 8725 §2.1, CVE-2015-9235 and its case-folding variants. */
export function noneCasings(): string[] {
  const casings: string[] = [];
  for (let mask = 0; mask < 16; mask++) {
    casings.push([...'none'].map((c, i) => ((mask >> i) & 1 ? c.toUpperCase() : c)).join(''));
  }
  return casings;
}

/** Flip the low bit of the last character: same bytes for a lax decoder, a new string. */
export function nonCanonicalLastChar(segment: string): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  const last = segment.at(-1) as string;
  return segment.slice(0, -1) + alphabet[alphabet.indexOf(last) ^ 1];
}

/** A payload padded so the whole HS256 token is exactly `length` characters. */
export function tokenOfLength(length: number, claims: object, secret: string): string {
  const base = forgeToken(HS256, claims, secret).length;
  for (let pad = Math.max(0, Math.floor(((length - base) * 3) / 4) - 16); ; pad++) {
    const candidate = forgeToken(HS256, { ...claims, pad: 'x'.repeat(pad) }, secret);
    if (candidate.length === length) return candidate;
    if (candidate.length > length + 2) throw new Error(`no token of exactly ${length} characters`);
  }
}

/** An RSA public key in PEM: the HMAC secret of the classic RS256→HS256 confusion. */
export const rsaPublicPem = generateKeyPairSync('rsa', { modulusLength: 1024 })
  .publicKey.export({ type: 'spki', format: 'pem' })
  .toString();
