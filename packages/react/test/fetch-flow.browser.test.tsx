/**
 * The fetch flow in real headless Chromium against a real API on 127.0.0.1 (another origin:
 * real CORS preflights), with a local web signer and with the remote signer.
 */
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import { StrictMode, useEffect, useState } from 'react';
import { afterEach, describe, expect, inject, it } from 'vitest';
import {
  ApiSigProvider,
  type ApiSigProviderProps,
  type AsyncSigner,
  createRemoteSigner,
  createSigner,
  isApiSigError,
  useAuthHeaders,
  useSignedFetch,
  useSigner,
} from '../src/index.js';

// No vitest globals here, so testing-library cannot unmount by itself.
afterEach(cleanup);

const apiUrl = inject('apiUrl');
const credentials = inject('browserCredentials');

/** Calls the API once through useSignedFetch and shows `status apiKey`. */
function ApiCall() {
  const signedFetch = useSignedFetch();
  const [result, setResult] = useState('waiting');
  useEffect(() => {
    let live = true;
    signedFetch(`${apiUrl}/api`)
      .then(async (response) => {
        const body = (await response.json()) as { apiKey?: string; error?: string };
        if (live) setResult(`${response.status} ${body.apiKey ?? body.error}`);
      })
      .catch((error: unknown) => {
        if (live) setResult(`failed ${isApiSigError(error) ? error.code : String(error)}`);
      });
    return () => {
      live = false;
    };
  }, [signedFetch]);
  return <p data-testid="result">{result}</p>;
}

function SignerHandle({ handle }: { handle: { signer?: AsyncSigner } }) {
  handle.signer = useSigner<AsyncSigner>();
  return null;
}

function HeadersState() {
  const { headers, status, error } = useAuthHeaders();
  const code = isApiSigError(error) ? `${error.code} ${error.status}` : '';
  return <p data-testid="headers">{`${status} ${headers?.['x-api-key'] ?? '-'} ${code}`}</p>;
}

function app(props: Omit<ApiSigProviderProps, 'baseUrl'>) {
  return render(
    <StrictMode>
      <ApiSigProvider baseUrl={apiUrl} {...props}>
        <ApiCall />
        <HeadersState />
      </ApiSigProvider>
    </StrictMode>,
  );
}

const shows = (id: string, text: string) =>
  waitFor(() => expect(screen.getByTestId(id).textContent).toBe(text), { timeout: 5000 });

describe('in Chromium, against a real API', () => {
  it('a web signer made by the provider signs a cross-origin request the API accepts', async () => {
    app({ signer: () => createSigner(credentials) });
    await shows('result', `200 ${credentials.apiKey}`);
    await shows('headers', `ready ${credentials.apiKey} `);
  });

  it('corrects a browser clock ten minutes slow from the Date header, retrying once', async () => {
    const handle: { signer?: AsyncSigner } = {};
    render(
      <ApiSigProvider
        baseUrl={apiUrl}
        signer={() => createSigner({ ...credentials, clockOffset: -600 })}
      >
        <ApiCall />
        <SignerHandle handle={handle} />
      </ApiSigProvider>,
    );
    await shows('result', `200 ${credentials.apiKey}`);
    expect(Math.abs(handle.signer?.clockOffset ?? -600)).toBeLessThanOrEqual(2);
  });

  it('the remote signer gets headers from the backend: no secret in the browser', async () => {
    const signer = createRemoteSigner({
      url: `${apiUrl}/sign`,
      headers: { 'x-csrf-token': inject('csrfToken') },
    });
    app({ signer });
    await shows('result', `200 ${credentials.apiKey}`);
    await shows('headers', `ready ${credentials.apiKey} `);
  });

  it('a refusing endpoint shows as a typed error, and the API call fails closed', async () => {
    const signer = createRemoteSigner({
      url: `${apiUrl}/sign`,
      headers: { 'x-csrf-token': 'wrong' },
    });
    app({ signer });
    await shows('headers', 'error - remote_signer_refused 403');
    await shows('result', 'failed remote_signer_refused');
  });
});
