import { syncBackend } from '@apisig/test-support';
import { describe, expect, it } from 'vitest';
import { createSyncSigner } from '../src/adapter.js';
import { ApiSigError, isApiSigError, type SignerOptions } from '../src/index.js';
import { utf8ByteLength } from '../src/validate.js';

const base = { apiKey: 'ak_live_1', jwtKey: 'jk_secret_value' };

function refusal(options: unknown): ApiSigError {
  try {
    createSyncSigner(syncBackend().backend, options as SignerOptions);
  } catch (error) {
    expect(error).toBeInstanceOf(ApiSigError);
    return error as ApiSigError;
  }
  throw new Error('the signer accepted the options');
}

function expectRefused(options: unknown, code: string, field: string, secret?: string) {
  const error = refusal(options);
  expect({ code: error.code, field: error.field }).toEqual({ code, field });
  expect(error.message).toContain(field);
  if (secret !== undefined && secret.length > 4) {
    expect(error.message).not.toContain(secret);
    expect(JSON.stringify(error)).not.toContain(secret);
  }
}

describe('header keys (apiKey, appKey)', () => {
  const badKeys: Array<[string, unknown]> = [
    ['empty', ''],
    ['a leading space', ' ak_1'],
    ['a trailing space', 'ak_1 '],
    ['an inner space', 'ak 1'],
    ['CR LF (request splitting)', 'ak_1\r\nx-admin: yes'],
    ['a NUL', 'ak\u00001'],
    ['a tab', 'ak\t1'],
    ['DEL', 'ak\u007f1'],
    ['Latin-1', 'ak_é'],
    ['an emoji', 'ak_🔑'],
    ['1025 characters', 'a'.repeat(1025)],
    ['a number', 12345],
    ['null', null],
    ['undefined', undefined],
  ];
  for (const [label, value] of badKeys) {
    it(`refuses an apiKey with ${label}`, () => {
      expectRefused(
        { apiKey: value },
        'invalid_credentials',
        'apiKey',
        typeof value === 'string' ? value : undefined,
      );
    });
    it(`refuses an appKey with ${label}`, () => {
      expectRefused(
        { apiKey: 'ak_1', organization: { appKey: value, appSecret: 's' } },
        'invalid_credentials',
        'appKey',
        typeof value === 'string' ? value : undefined,
      );
    });
  }

  it('accepts every visible ASCII character and 1024 characters', () => {
    let visible = '';
    for (let code = 0x21; code <= 0x7e; code++) visible += String.fromCharCode(code);
    expect(createSyncSigner(syncBackend().backend, { apiKey: visible }).apiKey).toBe(visible);
    expect(() =>
      createSyncSigner(syncBackend().backend, { apiKey: 'k'.repeat(1024) }),
    ).not.toThrow();
    expect(() => createSyncSigner(syncBackend().backend, { apiKey: '!' })).not.toThrow();
  });
});

describe('secrets (jwtKey, appSecret)', () => {
  it('measures UTF-8 bytes, not UTF-16 units', () => {
    expect(utf8ByteLength('abc')).toBe(3);
    expect(utf8ByteLength('é')).toBe(2);
    expect(utf8ByteLength('ключ')).toBe(8);
    expect(utf8ByteLength('🔑')).toBe(4);
    expect(utf8ByteLength('\ud800')).toBe(3);
  });

  for (const [label, value] of [
    ['empty', ''],
    ['a number', 42],
    ['null', null],
    ['an object', { secret: true }],
    ['4097 bytes', 's'.repeat(4097)],
    ['4098 bytes of 2-byte characters', 'é'.repeat(2049)],
  ] as Array<[string, unknown]>) {
    it(`refuses a jwtKey that is ${label}`, () => {
      expectRefused(
        { apiKey: 'ak_1', jwtKey: value },
        'invalid_credentials',
        'jwtKey',
        typeof value === 'string' ? value : undefined,
      );
    });
    it(`refuses an appSecret that is ${label}`, () => {
      expectRefused(
        { apiKey: 'ak_1', organization: { appKey: 'app_1', appSecret: value } },
        'invalid_credentials',
        'appSecret',
        typeof value === 'string' ? value : undefined,
      );
    });
  }

  it('accepts 4096 bytes, any UTF-8, spaces and newlines unchanged', () => {
    for (const jwtKey of ['s'.repeat(4096), 'é'.repeat(2048), ' padded \n', '🔑'.repeat(1024)]) {
      expect(createSyncSigner(syncBackend().backend, { apiKey: 'ak_1', jwtKey }).mode).toBe(
        'signed',
      );
    }
  });

  it('refuses jwtKey present but undefined (an unset environment variable)', () => {
    expectRefused({ apiKey: 'ak_1', jwtKey: undefined }, 'invalid_credentials', 'jwtKey');
  });
});

describe('organization pairs', () => {
  it('refuses appKey without appSecret', () => {
    expectRefused(
      { apiKey: 'ak_1', organization: { appKey: 'app_1' } },
      'invalid_credentials',
      'appSecret',
    );
  });
  it('refuses appSecret without appKey', () => {
    expectRefused(
      { apiKey: 'ak_1', organization: { appSecret: 'top-secret-value' } },
      'invalid_credentials',
      'appKey',
      'top-secret-value',
    );
  });
  it('refuses an empty organization object', () => {
    expectRefused({ apiKey: 'ak_1', organization: {} }, 'invalid_credentials', 'appKey');
  });
});

describe('options', () => {
  for (const ttl of [0, 301, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, '15']) {
    it(`refuses ttl.signature = ${String(ttl)}`, () => {
      expectRefused({ ...base, ttl: { signature: ttl } }, 'invalid_option', 'ttl.signature');
    });
    it(`refuses ttl.appSignature = ${String(ttl)}`, () => {
      expectRefused({ ...base, ttl: { appSignature: ttl } }, 'invalid_option', 'ttl.appSignature');
    });
  }

  it('accepts ttl at both ends of 1..300', () => {
    for (const signature of [1, 300]) {
      expect(() =>
        createSyncSigner(syncBackend().backend, { ...base, ttl: { signature } }),
      ).not.toThrow();
    }
  });

  for (const clockOffset of [
    Number.NaN,
    Number.POSITIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
    '3',
    null,
  ]) {
    it(`refuses clockOffset = ${String(clockOffset)}`, () => {
      expectRefused({ ...base, clockOffset }, 'invalid_option', 'clockOffset');
    });
  }

  it('refuses setClockOffset with a non-finite number, keeping the old offset', () => {
    const signer = createSyncSigner(syncBackend().backend, { ...base, clockOffset: 7 });
    expect(() => signer.setClockOffset(Number.NaN)).toThrow(
      expect.objectContaining({ code: 'invalid_option', field: 'clockOffset' }),
    );
    expect(signer.clockOffset).toBe(7);
  });

  it('refuses a misspelt option instead of silently not signing', () => {
    expectRefused(
      { apiKey: 'ak_1', jwt_key: 'secret-value' },
      'invalid_option',
      'jwt_key',
      'secret-value',
    );
    expectRefused({ ...base, ttl: { sig: 5 } }, 'invalid_option', 'ttl.sig');
  });

  it('refuses a clock that is not a function', () => {
    expectRefused({ ...base, clock: 123 }, 'invalid_option', 'clock');
  });

  it('errors carry a stable code that works without instanceof', () => {
    const error = refusal({ apiKey: '' });
    expect(isApiSigError(error)).toBe(true);
    expect(isApiSigError(error, 'invalid_credentials')).toBe(true);
    expect(isApiSigError(error, 'invalid_option')).toBe(false);
    expect(isApiSigError({ name: 'ApiSigError', code: 'invalid_option' })).toBe(true);
    expect(isApiSigError(new Error('x'))).toBe(false);
    expect(error.name).toBe('ApiSigError');
  });
});
