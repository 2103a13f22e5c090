/**
 * Reading a compact JWS's structure: the only token parsing core does. It never computes or
 * compares an HMAC (the backend does); it decides whether a token is well-formed enough to
 * hand to the backend, and reads the header and claims the contract's checks look at.
 */
import { MAX_TOKEN_LENGTH } from './contract.js';

/**
 * A token's header and claims, read without checking its signature: for debugging only.
 *
 * @example
 * ```ts
 * const decoded: DecodedToken | null = decodeToken(headers['x-signature']!);
 * console.log(decoded?.payload.exp); // 1764300015
 * ```
 */
export interface DecodedToken {
  header: Record<string, unknown>;
  payload: Record<string, unknown>;
}

const BASE64URL_SEGMENT = /^[A-Za-z0-9_-]*$/;
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
// Marked pure so a bundle that never decodes a token (a browser app that only signs) drops
// the table and the decoder.
const VALUES = /* @__PURE__ */ base64UrlValues();
// ignoreBOM keeps a leading BOM in the text, so JSON.parse refuses it: jose would strip it
// and jsonwebtoken would not, and one token must get one answer from every adapter.
const utf8 = /* @__PURE__ */ new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function base64UrlValues(): Uint8Array {
  const values = new Uint8Array(128);
  for (let i = 0; i < ALPHABET.length; i++) values[ALPHABET.charCodeAt(i)] = i;
  return values;
}

/** Strict base64url (no padding, no whitespace) to bytes; null when it is not that. */
export function decodeBase64Url(segment: string): Uint8Array | null {
  if (!BASE64URL_SEGMENT.test(segment) || segment.length % 4 === 1) return null;
  const bytes = new Uint8Array(Math.floor((segment.length * 3) / 4));
  let buffer = 0;
  let bits = 0;
  let out = 0;
  for (let i = 0; i < segment.length; i++) {
    buffer = ((buffer << 6) | (VALUES[segment.charCodeAt(i)] as number)) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes[out++] = (buffer >> bits) & 0xff;
    }
  }
  // Leftover bits must be zero, or two different strings would decode to the same bytes.
  if ((buffer & ((1 << bits) - 1)) !== 0) return null;
  return bytes;
}

function decodeJsonObject(segment: string): Record<string, unknown> | null {
  const bytes = decodeBase64Url(segment);
  if (bytes === null) return null;
  let value: unknown;
  try {
    value = JSON.parse(utf8.decode(bytes));
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  return value as Record<string, unknown>;
}

/**
 * The header and claims of a compact JWS, or null when it is not one: too long (checked
 * first, before any decoding), not three base64url segments, or a header or payload that is
 * not a JSON object. The signature is NOT checked here.
 */
export function decodeToken(token: string): DecodedToken | null {
  if (token.length > MAX_TOKEN_LENGTH) return null;
  const segments = token.split('.');
  if (segments.length !== 3) return null;
  const [headerSegment, payloadSegment, signatureSegment] = segments as [string, string, string];
  // Strict like the other two: a lax decoder (jose's) maps two strings to one HMAC, so a
  // token could be re-spelt without the secret, and adapters would disagree on it.
  if (decodeBase64Url(signatureSegment) === null) return null;
  const header = decodeJsonObject(headerSegment);
  if (header === null) return null;
  const payload = decodeJsonObject(payloadSegment);
  if (payload === null) return null;
  return { header, payload };
}

/** Bytes to base64url without padding (RFC 4648 §5), as tokens and generated keys spell them. */
export function encodeBase64Url(bytes: Uint8Array): string {
  let text = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const chunk = ((bytes[i] as number) << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const chars = Math.min(4, Math.ceil(((bytes.length - i) * 8) / 6));
    for (let c = 0; c < chars; c++) text += ALPHABET[(chunk >> (18 - 6 * c)) & 63];
  }
  return text;
}
