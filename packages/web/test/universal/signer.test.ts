/**
 * createSigner on the real jose backend, in Node and in Chromium: the token's exact shape,
 * one signing per token per second under a burst, typed errors that never carry a secret.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createSigner, decodeToken, isApiSigError } from '../../src/index.js';

const T0 = Date.UTC(2026, 0, 1, 12, 0, 0);
const user = { apiKey: 'ak_burst', jwtKey: 'jk_burst_secret_9d2f' };
const organization = { appKey: 'app_burst', appSecret: 'as_burst_secret_4e6a' };

/** Counts the HMACs WebCrypto computes and the keys it imports, for whoever calls it. */
function countWebCrypto() {
  return {
    sign: vi.spyOn(crypto.subtle, 'sign'),
    importKey: vi.spyOn(crypto.subtle, 'importKey'),
  };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('the token', () => {
  it('has the protected header {"alg":"HS256","typ":"JWT"} and claims {key, exp} only', async () => {
    const signer = createSigner({ ...user, clock: () => T0 + 750 });
    const token = (await signer.headers())['x-signature'] as string;
    const [header, payload] = token.split('.') as [string, string];
    const text = (segment: string) =>
      new TextDecoder().decode(
        Uint8Array.from(atob(segment.replace(/-/g, '+').replace(/_/g, '/')), (c) =>
          c.charCodeAt(0),
        ),
      );
    expect(text(header)).toBe('{"alg":"HS256","typ":"JWT"}');
    expect(text(payload)).toBe(`{"key":"ak_burst","exp":${T0 / 1000 + 15}}`);
    expect(decodeToken(token)?.payload).toEqual({ key: 'ak_burst', exp: T0 / 1000 + 15 });
  });

  it('sends the headers of each mode, in wire order', async () => {
    const clock = () => T0;
    expect(Object.keys(await createSigner({ apiKey: 'ak_only', clock }).headers())).toEqual([
      'x-api-key',
    ]);
    const both = await createSigner({ ...user, organization, clock }).headers();
    expect(Object.keys(both)).toEqual(['x-api-key', 'x-signature', 'x-app-key', 'x-app-signature']);
    expect(decodeToken(both['x-app-signature'] as string)?.payload).toEqual({
      key: 'app_burst',
      exp: T0 / 1000 + 60,
    });
  });
});

describe('a burst of 10,000 concurrent calls', () => {
  it('signs once per token per second, and imports each secret once', async () => {
    let now = T0 + 10;
    const signer = createSigner({ ...user, organization, clock: () => now });
    const webCrypto = countWebCrypto();

    const first = await Promise.all(Array.from({ length: 10_000 }, () => signer.headers()));
    expect(webCrypto.sign).toHaveBeenCalledTimes(2); // x-signature and x-app-signature
    expect(webCrypto.importKey).toHaveBeenCalledTimes(2);
    expect(new Set(first.map((h) => JSON.stringify(h))).size).toBe(1);

    now += 1000; // the next second: new exp, so new tokens, from the same imported keys
    const second = await Promise.all(Array.from({ length: 10_000 }, () => signer.headers()));
    expect(webCrypto.sign).toHaveBeenCalledTimes(4);
    expect(webCrypto.importKey).toHaveBeenCalledTimes(2);
    expect(new Set(second.map((h) => JSON.stringify(h))).size).toBe(1);
    expect(second[0]?.['x-signature']).not.toBe(first[0]?.['x-signature']);
  });

  it('on the real clock: at most one signing per second the burst spans', async () => {
    const signer = createSigner(user);
    const webCrypto = countWebCrypto();
    const startSecond = Math.floor(Date.now() / 1000);
    const all = await Promise.all(Array.from({ length: 10_000 }, () => signer.headers()));
    const seconds = Math.floor(Date.now() / 1000) - startSecond + 1;
    expect(webCrypto.sign.mock.calls.length).toBeGreaterThanOrEqual(1);
    expect(webCrypto.sign.mock.calls.length).toBeLessThanOrEqual(seconds);
    expect(new Set(all.map((h) => h['x-signature'])).size).toBe(webCrypto.sign.mock.calls.length);
  });

  it('shares a failed signing with its burst, then tries again', async () => {
    const signer = createSigner({ ...user, clock: () => T0 });
    const sign = vi.spyOn(crypto.subtle, 'sign').mockRejectedValueOnce(new Error('device busy'));
    const failed = await Promise.allSettled(Array.from({ length: 100 }, () => signer.headers()));
    expect(
      failed.every((r) => r.status === 'rejected' && isApiSigError(r.reason, 'signing_failed')),
    ).toBe(true);
    expect(sign).toHaveBeenCalledTimes(1);
    await expect(signer.headers()).resolves.toHaveProperty('x-signature');
    expect(sign).toHaveBeenCalledTimes(2);
  });
});

describe('bad input', () => {
  it('is refused with a typed error naming the field, never its value', () => {
    const secret = 'jk_do_not_print_me';
    const attempts = [
      () => createSigner({ apiKey: 'ak with space', jwtKey: secret }),
      () => createSigner({ apiKey: 'ak_x', jwtKey: '' }),
      () => createSigner({ apiKey: 'ak_x', jwtKey: secret, ttl: { signature: 301 } }),
      () =>
        createSigner({
          apiKey: 'ak_x',
          organization: { appKey: 'a', appSecret: 'é'.repeat(2049) },
        }),
    ];
    const fields = attempts.map((attempt) => {
      try {
        attempt();
      } catch (error) {
        expect(isApiSigError(error)).toBe(true);
        expect(String((error as Error).message)).not.toContain(secret);
        return (error as { field?: string }).field;
      }
      return 'accepted';
    });
    expect(fields).toEqual(['apiKey', 'jwtKey', 'ttl.signature', 'appSecret']);
  });

  it('prints a signer without its secrets', () => {
    const signer = createSigner({ ...user, organization });
    const printed = `${JSON.stringify(signer)} ${String(signer)}`;
    for (const secret of [user.jwtKey, organization.appSecret])
      expect(printed).not.toContain(secret);
    expect(printed).toContain(user.apiKey);
  });
});
