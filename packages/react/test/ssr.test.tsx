// @vitest-environment node
/**
 * Server rendering: importing the package and rendering a provider with consumers touches
 * no `window` or `document` (a trap records any read), and signs nothing.
 */
import { renderToString } from 'react-dom/server';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { credentials } from './support.js';

const touched: string[] = [];

beforeAll(() => {
  expect(typeof window).toBe('undefined');
  expect(typeof document).toBe('undefined');
  for (const name of ['window', 'document', 'navigator', 'localStorage', 'location']) {
    Object.defineProperty(globalThis, name, {
      configurable: true,
      get() {
        touched.push(name);
        return undefined;
      },
    });
  }
});

afterAll(() => {
  for (const name of ['window', 'document', 'navigator', 'localStorage', 'location']) {
    Reflect.deleteProperty(globalThis, name);
  }
});

type Api = typeof import('../src/index.js');

function Page({ api }: { api: Api }) {
  const signedFetch = api.useSignedFetch();
  const { headers, status } = api.useAuthHeaders();
  const signer = api.useSigner();
  const shown = headers === null ? 'no headers' : 'headers';
  return <p>{`${typeof signedFetch} ${status} ${shown} ${JSON.stringify(signer)}`}</p>;
}

it('imports and renders to a string without touching browser globals', async () => {
  const api: Api = await import('../src/index.js');
  const html = renderToString(
    <api.ApiSigProvider
      baseUrl="https://api.example.test"
      signer={() => api.createSigner(credentials)}
    >
      <Page api={api} />
    </api.ApiSigProvider>,
  );
  expect(html).toContain('function pending no headers');
  expect(html).toContain(credentials.apiKey);
  expect(html).not.toContain(credentials.jwtKey);
  expect(touched).toEqual([]);
});
