/**
 * A secret as WebCrypto's HMAC SHA-256 key: its UTF-8 bytes, unchanged, imported once and
 * not extractable. Signing and verifying both start here.
 */
const utf8 = /* @__PURE__ */ new TextEncoder();

export function importHmacKey(secret: string): Promise<CryptoKey> {
  const subtle = globalThis.crypto?.subtle;
  if (subtle === undefined) {
    // Browsers expose WebCrypto only to secure contexts; say so rather than "undefined".
    throw new Error('no crypto.subtle: browsers offer WebCrypto on https:// and localhost only');
  }
  const algorithm = { name: 'HMAC', hash: 'SHA-256' };
  return subtle.importKey('raw', utf8.encode(secret), algorithm, false, ['sign', 'verify']);
}
