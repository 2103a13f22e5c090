/** @apisig/web/verify's fetch idioms: a Request in, a 401/403 JSON Response out. */
import { describe, expect, it } from 'vitest';
import { createSigner, isApiSigError } from '../../src/index.js';
import { createVerifier, failureResponse, verifyRequest } from '../../src/verify.js';
import { acme, alice, bob } from '../support/credentials.js';

const options = {
  users: (apiKey: string) =>
    apiKey === alice.apiKey ? { jwtKey: alice.jwtKey } : apiKey === bob.apiKey ? {} : null,
  organizations: (appKey: string) =>
    appKey === acme.appKey ? { appSecret: acme.appSecret, isMember: () => false } : null,
};

describe('verifyRequest', () => {
  it('accepts a signed Request, leaving its body unread', async () => {
    const headers = await createSigner(alice).headers();
    const request = new Request('https://api.test/v1', { method: 'POST', headers, body: 'x' });
    expect(await verifyRequest(request, options)).toEqual({
      ok: true,
      apiKey: alice.apiKey,
      signed: true,
      mode: 'signed',
    });
    expect(request.bodyUsed).toBe(false);
  });

  it('reads header names in any case', async () => {
    const { 'x-api-key': apiKey, 'x-signature': signature } = await createSigner(alice).headers();
    const request = new Request('https://api.test/', {
      headers: { 'X-Api-Key': apiKey, 'X-SIGNATURE': signature as string },
    });
    expect(await verifyRequest(request, options)).toMatchObject({ ok: true });
  });

  it('refuses bad verifier options with a typed error before any request', () => {
    expect(() => createVerifier({ ...options, leeway: -1 })).toThrow(
      expect.objectContaining({ name: 'ApiSigError', field: 'leeway' }),
    );
  });
});

describe('failureResponse', () => {
  it('401 with the reason and header, and neither the token nor the secret', async () => {
    const { 'x-signature': token } = await createSigner({ ...alice, jwtKey: 'jk_other' }).headers();
    const request = new Request('https://api.test/', {
      headers: { 'x-api-key': alice.apiKey, 'x-signature': token as string },
    });
    const result = await verifyRequest(request, options);
    if (result.ok) throw new Error('expected a failure');
    const response = failureResponse(result);
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const text = await response.text();
    expect(JSON.parse(text)).toEqual({ error: 'bad_signature', header: 'x-signature' });
    for (const secret of [token as string, alice.jwtKey, 'jk_other']) {
      expect(text).not.toContain(secret);
    }
  });

  it('403 for a user who is not a member of the organization', async () => {
    const headers = await createSigner({ apiKey: bob.apiKey, organization: acme }).headers();
    const result = await verifyRequest(new Request('https://api.test/', { headers }), options);
    if (result.ok) throw new Error('expected a failure');
    expect(failureResponse(result).status).toBe(403);
  });

  it('a lookup that throws fails closed with a typed error', async () => {
    const request = new Request('https://api.test/', { headers: { 'x-api-key': 'ak_any' } });
    const failing = {
      users: () => {
        throw new Error('db down');
      },
    };
    await expect(verifyRequest(request, failing)).rejects.toSatisfy((error) =>
      isApiSigError(error, 'lookup_failed'),
    );
  });
});
