/**
 * The remote signer in Node and in Chromium, against the test API's signing endpoints: its
 * answer is taken, a redirect is refused before its target hears from us, and an answer of
 * 50 MB is refused after the first few kB.
 */
import { describe, expect, inject, it } from 'vitest';
import { createRemoteSigner } from '../../src/index.js';
import { alice } from '../support/credentials.js';
import '../support/context.js';

const apiUrl = inject('apiUrl');
const trapUrl = inject('trapUrl');
const trapLog = async (): Promise<unknown[]> => (await fetch(`${trapUrl}/log`)).json();

describe('createRemoteSigner against a real endpoint', () => {
  it('takes headers from the endpoint (the control)', async () => {
    const signer = createRemoteSigner({ url: `${apiUrl}/sign` });
    const headers = await signer.headers();
    expect(headers['x-api-key']).toBe(alice.apiKey);
    expect(headers['x-signature']).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
  });

  it('refuses an endpoint that redirects to another origin, which hears nothing', async () => {
    const before = (await trapLog()).length;
    const signer = createRemoteSigner({
      url: `${apiUrl}/sign-away`,
      headers: { 'x-csrf-token': 'csrf-secret' },
    });
    await expect(signer.headers()).rejects.toMatchObject({ code: 'remote_signer_refused' });
    expect(await trapLog()).toHaveLength(before);
  });

  it('refuses a 50 MB answer without reading it all', async () => {
    const signer = createRemoteSigner({ url: `${apiUrl}/sign-huge` });
    await expect(signer.headers()).rejects.toMatchObject({
      code: 'remote_signer_invalid_response',
    });
  });
});
