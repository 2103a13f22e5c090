/**
 * What a lookup answers, against one verifier (docs/contract.md "Verifying"): only plain own
 * data with known fields of the right types is a record. A misspelt or foreign field, a field
 * of the wrong type, a class instance or an array is the app's bug (lookup_failed, a 500),
 * never a pass; what `RECORDS[key]` gives for `__proto__` or `constructor` is no record at
 * all (unknown_api_key); a polluted Object.prototype is never read; and a header value no
 * signer could send never reaches the lookup. Each attack with its control.
 */
import type { VerifyOptions } from '@apisig/core';
import { afterEach, describe, expect, it } from 'vitest';
import { acme, alice, bob } from '../cast.js';
import { CORPUS_NOW, corpusClock } from '../corpus/index.js';
import { forgeToken, HS256 } from '../forge.js';
import type { VerifyHeadersLike } from './adapter.js';

const userToken = forgeToken(HS256, { key: alice.apiKey, exp: CORPUS_NOW + 15 }, alice.jwtKey);
const appToken = forgeToken(HS256, { key: acme.appKey, exp: CORPUS_NOW + 60 }, acme.appSecret);

/** alice without her signature: passes only if the verifier failed to see her JWT key. */
const unsignedAlice = { 'x-api-key': alice.apiKey };
const signedAlice = { 'x-api-key': alice.apiKey, 'x-signature': userToken };
const throughAcme = {
  'x-api-key': bob.apiKey,
  'x-app-key': acme.appKey,
  'x-app-signature': appToken,
};

const acmeRecord = {
  appSecret: acme.appSecret,
  isMember: (apiKey: string) => apiKey === bob.apiKey,
};

class UserRow {
  jwtKey = alice.jwtKey;
}

/** The outcome of one verification: its verdict, or the code of the error it rejected with. */
async function outcome(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    (result) => result,
    (error: { code?: string }) => ({ error: error.code }),
  );
}

export function describeLookupRecords({ verifyHeaders }: VerifyHeadersLike): void {
  const verify = (headers: Record<string, string | string[]>, options: Partial<VerifyOptions>) =>
    outcome(
      verifyHeaders(headers, {
        users: () => null,
        organizations: () => null,
        clock: corpusClock,
        ...options,
      }),
    );

  describe('user records: known fields of the right types, or a lookup failure', () => {
    it.each<[string, unknown]>([
      ['a misspelt field (jwtkey)', { jwtkey: alice.jwtKey }],
      [
        'a database row as it is',
        { api_key: alice.apiKey, jwt_key: alice.jwtKey, signature_required: true },
      ],
      ['a guessed plural (jwtKeys)', { jwtKeys: [alice.jwtKey] }],
      ['a known field plus an unknown one', { jwtKey: alice.jwtKey, role: 'admin' }],
      ['jwtKey of the wrong type', { jwtKey: 42 }],
      ['jwtKey empty', { jwtKey: '' }],
      ['signatureRequired as text', { jwtKey: alice.jwtKey, signatureRequired: 'no' }],
      ['a class instance', new UserRow()],
      ['an array', [alice.jwtKey]],
      ['a Map', new Map([['jwtKey', alice.jwtKey]])],
      ['a string', 'yes'],
      ['true', true],
    ])('%s: lookup_failed, never let in unsigned', async (_, record) => {
      expect(await verify(unsignedAlice, { users: () => record as never })).toEqual({
        error: 'lookup_failed',
      });
    });

    it('the control: { jwtKey } requires the signature, and accepts it', async () => {
      const users = () => ({ jwtKey: alice.jwtKey });
      expect(await verify(unsignedAlice, { users })).toMatchObject({ reason: 'missing_signature' });
      expect(await verify(signedAlice, { users })).toMatchObject({ ok: true, signed: true });
    });
  });

  describe('organization records', () => {
    it.each<[string, unknown]>([
      ['a misspelt field (app_secret)', { app_secret: acme.appSecret, isMember: () => true }],
      ['a known field plus an unknown one', { ...acmeRecord, members: [bob.apiKey] }],
      ['appSecret of the wrong type', { appSecret: 7, isMember: () => true }],
      ['isMember not a function', { appSecret: acme.appSecret, isMember: 'yes' }],
      ['no isMember', { appSecret: acme.appSecret }],
      ['an array', [acme.appSecret]],
    ])('%s: lookup_failed', async (_, record) => {
      const organizations = () => record as never;
      expect(await verify(throughAcme, { users: () => ({}), organizations })).toEqual({
        error: 'lookup_failed',
      });
    });

    it('the control: { appSecret, isMember } lets the member through', async () => {
      expect(
        await verify(throughAcme, { users: () => ({}), organizations: () => acmeRecord }),
      ).toMatchObject({ ok: true, appKey: acme.appKey });
    });
  });

  describe('records read as own data (lookups over an object literal)', () => {
    const USERS: Record<string, { jwtKey?: string }> = { [alice.apiKey]: { jwtKey: alice.jwtKey } };
    const ORGANIZATIONS: Record<string, typeof acmeRecord> = { [acme.appKey]: acmeRecord };
    const users = (apiKey: string) => USERS[apiKey];
    const organizations = (appKey: string) => ORGANIZATIONS[appKey];

    it.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'])(
      'x-api-key: %s is an unknown API key (no record, no 500)',
      async (name) => {
        expect(await verify({ 'x-api-key': name }, { users })).toMatchObject({
          reason: 'unknown_api_key',
        });
      },
    );

    it.each(['__proto__', 'constructor', 'toString'])(
      'x-app-key: %s is an unknown App Key',
      async (name) => {
        const headers = {
          'x-api-key': alice.apiKey,
          'x-signature': userToken,
          'x-app-key': name,
          'x-app-signature': appToken,
        };
        expect(await verify(headers, { users, organizations })).toMatchObject({
          reason: 'unknown_app_key',
        });
      },
    );

    describe('with Object.prototype polluted', () => {
      afterEach(() => {
        delete (Object.prototype as Record<string, unknown>).signatureRequired;
        delete (Object.prototype as Record<string, unknown>).isMember;
      });

      it('signatureRequired = false on the prototype does not turn signing off', async () => {
        (Object.prototype as Record<string, unknown>).signatureRequired = false;
        expect(await verify(unsignedAlice, { users })).toMatchObject({
          reason: 'missing_signature',
        });
        expect(await verify(signedAlice, { users })).toMatchObject({ ok: true });
      });

      it('isMember on the prototype is not a member check', async () => {
        (Object.prototype as Record<string, unknown>).isMember = () => true;
        const bare: Record<string, unknown> = { [acme.appKey]: { appSecret: acme.appSecret } };
        expect(
          await verify(throughAcme, { users: () => ({}), organizations: (k) => bare[k] as never }),
        ).toEqual({ error: 'lookup_failed' });
      });
    });

    it('the control: the real key over the same literal is accepted', async () => {
      expect(await verify(signedAlice, { users })).toMatchObject({
        ok: true,
        apiKey: alice.apiKey,
      });
    });
  });

  describe('a header value no signer could send never reaches a lookup', () => {
    const cases: Array<[string, string | string[]]> = [
      ['12,000 characters', 'k'.repeat(12_000)],
      ['inner spaces and SQL', "ak' OR '1'='1"],
      ['Latin-1 bytes', 'ak_caf\u00e9'],
      ['a duplicated header, joined', ['ak_one', 'ak_two']],
      ['a NUL', 'ak\u0000x'],
    ];

    it.each(cases)('x-api-key with %s: unknown_api_key, users() never called', async (_, value) => {
      const asked: string[] = [];
      const result = await verify(
        { 'x-api-key': value },
        {
          users: (apiKey) => {
            asked.push(apiKey);
            return {};
          },
        },
      );
      expect(result).toMatchObject({ reason: 'unknown_api_key' });
      expect(asked).toEqual([]);
    });

    it.each(cases)(
      'x-app-key with %s: unknown_app_key, organizations() never called',
      async (_, value) => {
        const asked: string[] = [];
        const result = await verify(
          { 'x-api-key': bob.apiKey, 'x-app-key': value, 'x-app-signature': appToken },
          {
            users: () => ({}),
            organizations: (appKey) => {
              asked.push(appKey);
              return acmeRecord;
            },
          },
        );
        expect(result).toMatchObject({ reason: 'unknown_app_key' });
        expect(asked).toEqual([]);
      },
    );

    it('the control: a well-formed key is looked up, once per lookup', async () => {
      const asked: string[] = [];
      await verify(throughAcme, {
        users: (apiKey) => {
          asked.push(apiKey);
          return {};
        },
        organizations: (appKey) => {
          asked.push(appKey);
          return acmeRecord;
        },
      });
      expect(asked).toEqual([bob.apiKey, acme.appKey]);
    });
  });
}
