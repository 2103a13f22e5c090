/**
 * A React app whose remote signer endpoint answers garbage or an error: useAuthHeaders
 * reports a typed ApiSigError and no headers, useSignedFetch rejects with it, and the API
 * never receives a request (so none without our headers). The network here is an in-memory
 * fetch that records what reaches the API; the real-HTTP flow is fetch-flow.browser.test.
 */
import { createRemoteSigner, isApiSigError } from '@apisig/web';
import { cleanup, renderHook, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiSigProvider, type FetchLike, useAuthHeaders, useSignedFetch } from '../src/index.js';

afterEach(cleanup);

const SIGN_URL = 'http://127.0.0.1:9/sign';
const API_URL = 'http://127.0.0.1:9/data';
const token = 'eyJhbGciOiJIUzI1NiJ9.eyJrZXkiOiJhayJ9.c2ln';
const later = () => Date.now() + 60_000;

const garbage: Array<[string, () => Response, string]> = [
  ['a 500', () => new Response('oops', { status: 500 }), 'remote_signer_refused'],
  [
    'an HTML login page',
    () => new Response('<!doctype html><form>'),
    'remote_signer_invalid_response',
  ],
  [
    'x-api-key with CR LF',
    () => Response.json({ headers: { 'x-api-key': 'ak\r\nx-evil: 1' }, expiresAt: later() }),
    'remote_signer_invalid_response',
  ],
  [
    'an extra header',
    () => Response.json({ headers: { 'x-api-key': 'ak', cookie: 'a=b' }, expiresAt: later() }),
    'remote_signer_invalid_response',
  ],
  [
    'a 9000-character token',
    () =>
      Response.json({
        headers: { 'x-api-key': 'ak', 'x-signature': `${token}${'A'.repeat(9000)}` },
        expiresAt: later(),
      }),
    'remote_signer_invalid_response',
  ],
];

/** The signing endpoint answers `answer`; the API records each request's headers. */
function network(answer: () => Response) {
  const reachedApi: Headers[] = [];
  const fetch: FetchLike = async (input, init) => {
    const url = String(input instanceof Request ? input.url : input);
    if (url === SIGN_URL) return answer();
    reachedApi.push(new Headers(init?.headers));
    return Response.json({ ok: true });
  };
  return { fetch, reachedApi };
}

describe('a remote signer endpoint that answers garbage, seen from React', () => {
  it.each(garbage)(
    '%s: a typed error in useAuthHeaders and useSignedFetch, no request sent',
    async (_, answer, code) => {
      const { fetch, reachedApi } = network(answer);
      const signer = createRemoteSigner({ url: SIGN_URL, fetch });
      const { result } = renderHook(
        () => ({ auth: useAuthHeaders(), signedFetch: useSignedFetch() }),
        {
          wrapper: ({ children }) => (
            <ApiSigProvider signer={signer} baseUrl={API_URL} fetch={fetch}>
              {children}
            </ApiSigProvider>
          ),
        },
      );
      await waitFor(() => expect(result.current.auth.status).toBe('error'));
      expect(result.current.auth.headers).toBeNull();
      expect(isApiSigError(result.current.auth.error, code as never)).toBe(true);

      const rejection = await result.current.signedFetch(API_URL).then(
        () => undefined,
        (error: unknown) => error,
      );
      expect(isApiSigError(rejection, code as never)).toBe(true);
      expect(reachedApi).toEqual([]);
    },
  );
});
