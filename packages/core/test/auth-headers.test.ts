import { describe, expect, it } from 'vitest';
import { ApiSigError } from '../src/index.js';
import { validateAuthHeaders } from '../src/sign/remote-signing.js';

const token = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJrZXkiOiJha18xIiwiZXhwIjoxfQ.c2ln';

function refusal(value: unknown): ApiSigError {
  try {
    validateAuthHeaders('headers', value);
  } catch (error) {
    expect(error).toBeInstanceOf(ApiSigError);
    return error as ApiSigError;
  }
  throw new Error('the headers were accepted');
}

describe('validateAuthHeaders (headers received from elsewhere)', () => {
  it('accepts each mode and returns the headers in wire order, nothing else', () => {
    expect(validateAuthHeaders('headers', { 'x-api-key': 'ak_1' })).toEqual({
      'x-api-key': 'ak_1',
    });
    const all = validateAuthHeaders('headers', {
      'x-app-signature': token,
      'x-app-key': 'app_1',
      'x-signature': token,
      'x-api-key': 'ak_1',
    });
    expect(Object.keys(all)).toEqual(['x-api-key', 'x-signature', 'x-app-key', 'x-app-signature']);
  });

  it('accepts a token longer than a key may be, up to MAX_TOKEN_LENGTH', () => {
    const long = `${token}${'a'.repeat(3000)}`;
    expect(validateAuthHeaders('headers', { 'x-api-key': 'ak_1', 'x-signature': long })).toEqual({
      'x-api-key': 'ak_1',
      'x-signature': long,
    });
  });

  const refused: Array<[string, unknown, string]> = [
    ['not an object', 'x-api-key: ak_1', 'headers'],
    ['an array', [['x-api-key', 'ak_1']], 'headers'],
    ['null', null, 'headers'],
    ['no x-api-key', { 'x-signature': token }, 'headers.x-api-key'],
    ['a blank x-api-key', { 'x-api-key': '' }, 'headers.x-api-key'],
    ['CR LF in x-api-key', { 'x-api-key': 'ak\r\nx-admin: 1' }, 'headers.x-api-key'],
    ['a number as x-api-key', { 'x-api-key': 7 }, 'headers.x-api-key'],
    [
      'a space in x-signature',
      { 'x-api-key': 'ak_1', 'x-signature': 'a b' },
      'headers.x-signature',
    ],
    ['a non-string x-signature', { 'x-api-key': 'ak_1', 'x-signature': {} }, 'headers.x-signature'],
    [
      'a token over 8192 characters',
      { 'x-api-key': 'ak_1', 'x-signature': 'a'.repeat(8193) },
      'headers.x-signature',
    ],
    ['a header that is not ours', { 'x-api-key': 'ak_1', cookie: 'sid=1' }, 'headers'],
    ['an upper-case name', { 'X-Api-Key': 'ak_1' }, 'headers'],
    ['x-app-key alone', { 'x-api-key': 'ak_1', 'x-app-key': 'app_1' }, 'headers.x-app-signature'],
    [
      'x-app-signature alone',
      { 'x-api-key': 'ak_1', 'x-app-signature': token },
      'headers.x-app-key',
    ],
    [
      'a non-ASCII x-app-key',
      { 'x-api-key': 'ak_1', 'x-app-key': 'app_é', 'x-app-signature': token },
      'headers.x-app-key',
    ],
  ];
  for (const [name, value, field] of refused) {
    it(`refuses ${name}, naming ${field}`, () => {
      const error = refusal(value);
      expect(error.code).toBe('invalid_credentials');
      expect(error.field).toBe(field);
    });
  }

  it('never echoes a refused value', () => {
    const error = refusal({ 'x-api-key': 'ak_1', 'x-signature': 'secret-looking value' });
    expect(error.message).not.toContain('secret-looking');
  });
});

describe('ApiSigError status', () => {
  it('carries the HTTP status it was given, and none otherwise', () => {
    expect(new ApiSigError('remote_signer_refused', 'refused', { status: 401 }).status).toBe(401);
    expect(new ApiSigError('invalid_option', 'bad').status).toBeUndefined();
  });
});
