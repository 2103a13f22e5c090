/**
 * The README's code: each example file appears in README.md verbatim and runs here, under
 * React 18 and 19 in happy-dom, against an in-memory network: the signing endpoint answers as
 * @apisig/node's createSigningHandler does, and the API answers what its verifier made of
 * each request, so a copy-paste from the README works.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { remoteSigningAnswer } from '@apisig/core/adapter';
import { createSigner } from '@apisig/web';
import { verifyRequest } from '@apisig/web/verify';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, cleanup, render, renderHook, screen, waitFor } from '@testing-library/react';
import { renderToString } from 'react-dom/server';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from '../examples/App.js';
import { InternalTool } from '../examples/InternalTool.js';
import RootLayout from '../examples/next/layout.js';
import { Providers } from '../examples/next/providers.js';
import { Orders } from '../examples/Orders.js';
import { SessionBanner } from '../examples/SessionBanner.js';
import { useGraphQLClient } from '../examples/use-graphql-client.js';

const packageDir = join(import.meta.dirname, '..');
const readme = readFileSync(join(packageDir, 'README.md'), 'utf8');
const EXAMPLES: Array<[string, 'ts' | 'tsx']> = [
  ['main.tsx', 'tsx'],
  ['App.tsx', 'tsx'],
  ['next/providers.tsx', 'tsx'],
  ['next/layout.tsx', 'tsx'],
  ['Orders.tsx', 'tsx'],
  ['use-graphql-client.ts', 'ts'],
  ['SessionBanner.tsx', 'tsx'],
  ['InternalTool.tsx', 'tsx'],
];

const ORDERS = [{ id: 'o1', total: 42 }];
/** The user the examples are written for (InternalTool.tsx names these keys). */
const credentials = { apiKey: 'ak_live_3f9a2c1e7b4d', jwtKey: 'jk_9b2e4c7a1f3d5e8b' };

/** What reached the network: the signing endpoint's calls and the API's verdicts. */
interface Network {
  signingCalls: number;
  verdicts: Array<{ ok: boolean; mode?: string; reason?: string }>;
}

/**
 * The global fetch for one test. `endpoint` answers the signing POST (default: headers from
 * the server's own signer, as createSigningHandler does); the API verifies every request.
 */
function network(endpoint?: () => Response): Network {
  const seen: Network = { signingCalls: 0, verdicts: [] };
  const backendSigner = createSigner(credentials); // the server's: it holds the secret
  vi.stubGlobal('fetch', async (input: RequestInfo | URL, init?: RequestInit) => {
    if (input === '/api/apisig/sign') {
      seen.signingCalls++;
      expect(init?.method).toBe('POST');
      return (
        endpoint?.() ?? Response.json(remoteSigningAnswer(await backendSigner.sign(), Date.now()))
      );
    }
    const request = new Request(input, init);
    const result = await verifyRequest(request, {
      users: (apiKey) => (apiKey === credentials.apiKey ? { jwtKey: credentials.jwtKey } : null),
    });
    seen.verdicts.push(
      result.ok ? { ok: true, mode: result.mode } : { ok: false, reason: result.reason },
    );
    if (!result.ok)
      return Response.json(
        { error: result.reason, header: result.header },
        { status: result.status },
      );
    if (new URL(request.url).pathname === '/graphql')
      return Response.json({ data: { me: result.apiKey } });
    return Response.json(ORDERS);
  });
  return seen;
}

beforeEach(() => {
  document.body.innerHTML = '';
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('README examples', () => {
  for (const [file, language] of EXAMPLES) {
    it(`README.md shows examples/${file} verbatim`, () => {
      const source = readFileSync(join(packageDir, 'examples', file), 'utf8');
      expect(readme).toContain(`\`\`\`${language}\n${source}\`\`\``);
    });
  }

  it('main.tsx + App.tsx: the page renders the orders, fetched with headers from the endpoint', async () => {
    const seen = network();
    const root = document.createElement('div');
    root.id = 'root';
    document.body.append(root);
    await import('../examples/main.js');
    await waitFor(() => expect(root.textContent).toBe(JSON.stringify(ORDERS)));
    // StrictMode runs the effect twice in development: two requests, both accepted.
    expect(seen.verdicts.length).toBeGreaterThan(0);
    for (const verdict of seen.verdicts)
      expect(verdict).toStrictEqual({ ok: true, mode: 'signed' });
    expect(seen.signingCalls).toBe(1);
  });

  it('InternalTool.tsx: a local signer, signing in the page', async () => {
    const seen = network();
    render(
      <InternalTool>
        <App />
      </InternalTool>,
    );
    expect(await screen.findByText(JSON.stringify(ORDERS))).toBeTruthy();
    expect(seen).toStrictEqual({ signingCalls: 0, verdicts: [{ ok: true, mode: 'signed' }] });
  });

  it('next/layout.tsx: server rendering signs nothing and sends nothing', () => {
    const seen = network();
    const html = renderToString(
      <RootLayout>
        <p>hello</p>
      </RootLayout>,
    );
    expect(html).toContain('<body><p>hello</p></body>');
    expect(seen).toStrictEqual({ signingCalls: 0, verdicts: [] });
  });

  it('Orders.tsx under next/providers.tsx: TanStack Query gets the orders', async () => {
    const seen = network();
    render(
      <Providers>
        <QueryClientProvider client={new QueryClient()}>
          <Orders />
        </QueryClientProvider>
      </Providers>,
    );
    expect(await screen.findByText('42')).toBeTruthy();
    expect(seen.verdicts).toStrictEqual([{ ok: true, mode: 'signed' }]);
  });

  it('Orders.tsx: a refusal becomes the query error, with its reason', async () => {
    // The endpoint hands out headers signed with another key: the API refuses them.
    const forger = createSigner({ ...credentials, jwtKey: 'jk_not_the_users_key' });
    const answer = remoteSigningAnswer(await forger.sign(), Date.now());
    network(() => Response.json(answer));
    render(
      <Providers>
        <QueryClientProvider
          client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}
        >
          <Orders />
        </QueryClientProvider>
      </Providers>,
    );
    expect(await screen.findByText('refused: bad_signature')).toBeTruthy();
  });

  it('use-graphql-client.ts: a client with the current headers, which the API accepts', async () => {
    const seen = network();
    const { result } = renderHook(() => useGraphQLClient(), { wrapper: InternalTool });
    expect(result.current).toBeNull(); // before the first signing
    await waitFor(() => expect(result.current).not.toBeNull());
    const client = result.current;
    expect(await client?.request<{ me: string }>('{ me }')).toStrictEqual({
      me: credentials.apiKey,
    });
    expect(seen.verdicts).toStrictEqual([{ ok: true, mode: 'signed' }]);
  });

  it('SessionBanner.tsx: shown when the endpoint answers 401, not while it signs', async () => {
    network(() => Response.json({ error: 'unauthorized' }, { status: 401 }));
    render(
      <Providers>
        <SessionBanner />
      </Providers>,
    );
    expect((await screen.findByRole('link')).textContent).toBe(
      'Your session expired: log in again',
    );

    cleanup();
    const seen = network();
    const { container } = render(
      <Providers>
        <SessionBanner />
      </Providers>,
    );
    await waitFor(() => expect(seen.signingCalls).toBe(1));
    await act(async () => {}); // let the answer reach the store and render
    expect(container.innerHTML).toBe('');
  });
});
