/**
 * The shared vectors (PyJWT and golang-jwt tokens for fixed inputs) through this package's
 * jsonwebtoken backend: our tokens byte for byte, theirs accepted, every hostile token
 * refused with the contract's reason.
 */
import { rejectionVectors, signatureVectors } from '@apisig/test-support';
import { describeLifetimeVectors } from '@apisig/test-support/suites';
import jwt from 'jsonwebtoken';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  createSigner,
  DEFAULT_TTL,
  decodeToken,
  type VerifyOptions,
  verifyHeaders,
} from '../src/index.js';
import { jsonwebtokenBackend } from '../src/lib/backend.js';

const userVectors = signatureVectors.filter((v) => v.kind === 'user');
const organizationVectors = signatureVectors.filter((v) => v.kind === 'organization');
const MEMBER = 'ak_member_9d2c';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('signing: byte-exact with PyJWT', () => {
  it('covers both kinds of vector', () => {
    expect(userVectors.length).toBeGreaterThan(0);
    expect(organizationVectors.length).toBeGreaterThan(0);
  });

  for (const v of userVectors) {
    it(`x-signature ${v.name}`, () => {
      const clock = () => (v.exp - DEFAULT_TTL.signature) * 1000 + 999;
      const signer = createSigner({ apiKey: v.key, jwtKey: v.secret, clock });
      const headers = signer.headers();
      expect(headers['x-signature']).toBe(v.token);
      expect(headers['x-api-key']).toBe(v.key);
      expect(decodeToken(v.token)?.payload).toStrictEqual({ key: v.key, exp: v.exp });
    });
  }

  for (const v of organizationVectors) {
    it(`x-app-signature ${v.name}`, () => {
      const signer = createSigner({
        apiKey: MEMBER,
        organization: { appKey: v.key, appSecret: v.secret },
        clock: () => (v.exp - DEFAULT_TTL.appSignature) * 1000,
      });
      expect(signer.headers()).toStrictEqual({
        'x-api-key': MEMBER,
        'x-app-key': v.key,
        'x-app-signature': v.token,
      });
    });
  }

  it('claims are exactly { key, exp }: no iat from jsonwebtoken', () => {
    const signer = createSigner({ apiKey: 'ak_1', jwtKey: 'secret', clock: () => 1_000_000 });
    const token = signer.headers()['x-signature'] as string;
    expect(jwt.decode(token, { complete: true })).toMatchObject({
      header: { alg: 'HS256', typ: 'JWT' },
      payload: { key: 'ak_1', exp: 1015 },
    });
    expect(Object.keys(decodeToken(token)?.payload ?? {})).toStrictEqual(['key', 'exp']);
  });

  it('makes the KeyObject once per signer, not per token', () => {
    const importKey = vi.spyOn(jsonwebtokenBackend, 'importKey');
    let now = 1_764_300_000_000;
    const signer = createSigner({ apiKey: 'ak_1', jwtKey: 'secret', clock: () => now });
    const tokens = new Set<string | undefined>();
    for (let i = 0; i < 5; i++) {
      tokens.add(signer.headers()['x-signature']);
      now += 1000;
    }
    expect(tokens.size).toBe(5);
    expect(importKey).toHaveBeenCalledTimes(1);
    expect(importKey.mock.results[0]?.value).toMatchObject({ type: 'secret', symmetricKeySize: 6 });
  });
});

describe('verifying: PyJWT and golang-jwt tokens accepted', () => {
  for (const v of userVectors) {
    for (const [maker, token] of [
      ['PyJWT', v.token],
      ['golang-jwt', v.goToken],
    ] as const) {
      it(`x-signature ${v.name} (${maker})`, async () => {
        const result = await verifyHeaders(
          { 'X-Api-Key': v.key, 'X-Signature': token },
          { users: () => ({ jwtKey: v.secret }), clock: () => (v.exp - 3) * 1000 },
        );
        expect(result).toStrictEqual({ ok: true, apiKey: v.key, signed: true, mode: 'signed' });
      });
    }
  }

  for (const v of organizationVectors) {
    for (const [maker, token] of [
      ['PyJWT', v.token],
      ['golang-jwt', v.goToken],
    ] as const) {
      it(`x-app-signature ${v.name} (${maker})`, async () => {
        const result = await verifyHeaders(
          { 'x-api-key': MEMBER, 'x-app-key': v.key, 'x-app-signature': token },
          {
            users: () => ({}),
            organizations: (appKey) =>
              appKey === v.key ? { appSecret: v.secret, isMember: () => true } : null,
            clock: () => (v.exp - 30) * 1000,
          },
        );
        expect(result).toStrictEqual({
          ok: true,
          apiKey: MEMBER,
          appKey: v.key,
          signed: false,
          mode: 'organization',
        });
      });
    }
  }

  it('the backend alone: true for the right key, false for a wrong one or a tampered token', () => {
    const v = userVectors[0];
    if (v === undefined) throw new Error('no vectors');
    const key = jsonwebtokenBackend.importKey(v.secret);
    expect(jsonwebtokenBackend.verifySignature(v.goToken, key)).toBe(true);
    expect(jsonwebtokenBackend.verifySignature(v.token, jsonwebtokenBackend.importKey('x'))).toBe(
      false,
    );
    const tampered = `${v.token.slice(0, -2)}${v.token.endsWith('A0') ? 'B0' : 'A0'}`;
    expect(jsonwebtokenBackend.verifySignature(tampered, key)).toBe(false);
  });
});

describe('verifying: every rejection vector gets its reason', () => {
  for (const v of rejectionVectors) {
    it(`${v.name} → ${v.reason}`, async () => {
      const options: VerifyOptions = {
        users: (apiKey) => (apiKey === v.apiKey ? { jwtKey: v.secret } : null),
        clock: () => v.now * 1000,
        leeway: v.leeway,
        maxTtl: { signature: v.maxTtl },
      };
      const result = await verifyHeaders(
        { 'x-api-key': v.apiKey, 'x-signature': v.token },
        options,
      );
      expect(result).toStrictEqual({
        ok: false,
        reason: v.reason,
        header: 'x-signature',
        status: 401,
      });
    });
  }
});

describeLifetimeVectors({ name: 'node verifier (jsonwebtoken)', verifyHeaders });
