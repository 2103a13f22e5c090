import { createSigner } from '@apisig/web';
import { act, cleanup, render, renderHook, screen, waitFor } from '@testing-library/react';
import { Component, type ReactNode, StrictMode, useEffect } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  ApiSigProvider,
  type ApiSigProviderProps,
  type AsyncSigner,
  type FetchLike,
  type HeaderSource,
  useAuthHeaders,
  useSignedFetch,
  useSigner,
} from '../src/index.js';
import { accepted, credentials, trackedSigner } from './support.js';

// No vitest globals here, so testing-library cannot unmount by itself.
afterEach(cleanup);

class Catch extends Component<{ children: ReactNode }, { error: unknown }> {
  override state = { error: null as unknown };
  static getDerivedStateFromError(error: unknown) {
    return { error };
  }
  override render() {
    const { error } = this.state;
    if (error === null) return this.props.children;
    const { code, message } = error as { code?: string; message: string };
    return <p role="alert">{code ? `${code}: ${message}` : message}</p>;
  }
}

function SignerProbe({ tick, seen }: { tick: number; seen: Set<HeaderSource> }) {
  seen.add(useSigner());
  return <p>{tick}</p>;
}

/** Shows the current x-signature; hands its signed fetch out through `handle`. */
function SignatureView({ id, handle }: { id: string; handle?: { fetch?: FetchLike } }) {
  const signedFetch = useSignedFetch();
  if (handle) handle.fetch = signedFetch;
  const { headers } = useAuthHeaders();
  return <p data-testid={id}>{headers?.['x-signature'] ?? 'none'}</p>;
}

function Items() {
  const signedFetch = useSignedFetch();
  useEffect(() => {
    void signedFetch('https://api.example.test/items');
  }, [signedFetch]);
  return null;
}

/** React logs caught render errors; keep the test output readable. */
function quietly<T>(run: () => T): T {
  const spy = vi.spyOn(console, 'error').mockImplementation(() => {});
  try {
    return run();
  } finally {
    spy.mockRestore();
  }
}

describe('outside <ApiSigProvider>', () => {
  for (const [name, hook] of [
    ['useSignedFetch', useSignedFetch],
    ['useAuthHeaders', useAuthHeaders],
    ['useSigner', useSigner],
  ] as const) {
    it(`${name} throws a clear error`, () => {
      expect(() => quietly(() => renderHook(() => hook()))).toThrow(
        `${name}() must be called inside <ApiSigProvider>`,
      );
    });
  }
});

/** Counts the renders of its place in the tree. */
const rendered = vi.fn();
function Probe() {
  rendered();
  return <p>unreachable</p>;
}

describe('<ApiSigProvider baseUrl="https://api.example.test" options>', () => {
  it('makes one web signer, kept across re-renders and a StrictMode double mount', () => {
    const seen = new Set<HeaderSource>();
    const tree = (tick: number) => (
      <StrictMode>
        <ApiSigProvider baseUrl="https://api.example.test" signer={() => createSigner(credentials)}>
          <SignerProbe tick={tick} seen={seen} />
        </ApiSigProvider>
      </StrictMode>
    );
    const { rerender } = render(tree(1));
    rerender(tree(2));
    rerender(tree(3));
    expect(seen.size).toBe(1);
    const [signer] = [...seen] as AsyncSigner[];
    expect(signer?.apiKey).toBe(credentials.apiKey);
    expect(signer?.mode).toBe('signed');
  });

  it('refuses bad options with a typed error naming the field, never the secret', () => {
    quietly(() =>
      render(
        <Catch>
          <ApiSigProvider
            baseUrl="https://api.example.test"
            signer={() => createSigner({ apiKey: 'ak 1', jwtKey: 'jk_never_shown' })}
          >
            <p>unreachable</p>
          </ApiSigProvider>
        </Catch>,
      ),
    );
    const alert = screen.getByRole('alert').textContent ?? '';
    expect(alert).toMatch(/^invalid_credentials: apiKey/);
    expect(alert).not.toContain('jk_never_shown');
  });

  it.each([
    ['a relative baseUrl', { baseUrl: '/v1', signer: () => createSigner(credentials) }, 'baseUrl'],
    [
      'a baseUrl that is not http(s)',
      { baseUrl: 'ftp://api.example.test', signer: () => createSigner(credentials) },
      'baseUrl',
    ],
    [
      'a signer that is not one',
      { baseUrl: 'https://api.example.test', signer: { headers: () => ({}) } },
      'signer',
    ],
    [
      'a factory that makes no signer',
      { baseUrl: 'https://api.example.test', signer: () => null },
      'signer',
    ],
  ])('refuses %s at its first render, naming the prop, before any hook runs', (_, props, field) => {
    rendered.mockClear();
    quietly(() =>
      render(
        <Catch>
          <ApiSigProvider {...(props as unknown as ApiSigProviderProps)}>
            <Probe />
          </ApiSigProvider>
        </Catch>,
      ),
    );
    expect(screen.getByRole('alert').textContent).toMatch(new RegExp(`^invalid_option: ${field}`));
    expect(rendered).not.toHaveBeenCalled();
    // Control: the same tree with good props renders its children.
    cleanup();
    render(
      <ApiSigProvider baseUrl="https://api.example.test" signer={() => createSigner(credentials)}>
        <Probe />
      </ApiSigProvider>,
    );
    expect(rendered).toHaveBeenCalled();
  });
});

describe('useSignedFetch', () => {
  it('signs every call with headers a verifier accepts, keeping the caller headers', async () => {
    const sent: Headers[] = [];
    const fakeFetch: FetchLike = async (_input, init) => {
      sent.push(new Headers(init?.headers));
      return new Response('ok');
    };
    const { result } = renderHook(() => useSignedFetch(), {
      wrapper: ({ children }) => (
        <ApiSigProvider
          baseUrl="https://api.example.test"
          signer={() => createSigner(credentials)}
          fetch={fakeFetch}
        >
          {children}
        </ApiSigProvider>
      ),
    });
    const response = await result.current('https://api.example.test/items', {
      headers: { accept: 'application/json', 'x-api-key': 'forged' },
    });
    expect(await response.text()).toBe('ok');
    expect(sent[0]?.get('accept')).toBe('application/json');
    expect(sent[0]?.get('x-api-key')).toBe(credentials.apiKey);
    expect(await accepted(sent[0] ?? null)).toBe(true);
  });

  it('keeps its identity across re-renders', () => {
    const { result, rerender } = renderHook(() => useSignedFetch(), {
      wrapper: ({ children }) => (
        <ApiSigProvider baseUrl="https://api.example.test" signer={() => createSigner(credentials)}>
          {children}
        </ApiSigProvider>
      ),
    });
    const first = result.current;
    rerender();
    rerender();
    expect(result.current).toBe(first);
  });

  it('gets a new identity (and store) only when the signer prop changes', () => {
    const a = createSigner(credentials);
    const b = createSigner({ apiKey: 'ak_other' });
    let signer: HeaderSource = a;
    const { result, rerender } = renderHook(
      () => ({ fetch: useSignedFetch(), signer: useSigner() }),
      {
        wrapper: ({ children }) => (
          <ApiSigProvider baseUrl="https://api.example.test" signer={signer}>
            {children}
          </ApiSigProvider>
        ),
      },
    );
    const first = result.current.fetch;
    rerender();
    expect(result.current.fetch).toBe(first);
    signer = b;
    rerender();
    expect(result.current.signer).toBe(b);
    expect(result.current.fetch).not.toBe(first);
  });
});

describe('useAuthHeaders', () => {
  it('goes from pending to headers a verifier accepts', async () => {
    const statuses: string[] = [];
    const { result } = renderHook(
      () => {
        const snapshot = useAuthHeaders();
        statuses.push(snapshot.status);
        return snapshot;
      },
      {
        wrapper: ({ children }) => (
          <ApiSigProvider
            baseUrl="https://api.example.test"
            signer={() => createSigner(credentials)}
          >
            {children}
          </ApiSigProvider>
        ),
      },
    );
    expect(result.current).toEqual({ headers: null, status: 'pending', error: null });
    await waitFor(() => expect(result.current.status).toBe('ready'));
    expect(await accepted(result.current.headers)).toBe(true);
    expect(result.current.error).toBeNull();
    expect(statuses).toEqual(['pending', 'ready']);
  });

  it('reports a failing signer as an error, and recovers on the retry', async () => {
    vi.useFakeTimers();
    try {
      const real = trackedSigner();
      let refuse = true;
      const failing: HeaderSource = {
        ...real.source,
        sign: () => (refuse ? Promise.reject(new Error('endpoint down')) : real.source.sign()),
      };
      const { result } = renderHook(() => useAuthHeaders(), {
        wrapper: ({ children }) => (
          <ApiSigProvider baseUrl="https://api.example.test" signer={failing}>
            {children}
          </ApiSigProvider>
        ),
      });
      await real.settle();
      expect(result.current.status).toBe('error');
      expect(result.current.headers).toBeNull();
      expect((result.current.error as Error).message).toBe('endpoint down');
      refuse = false;
      await act(() => vi.advanceTimersByTimeAsync(1000));
      await real.settle();
      expect(result.current.status).toBe('ready');
      expect(result.current.error).toBeNull();
      expect(await accepted(result.current.headers)).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });

  it('shares one refresh cycle among consumers', async () => {
    const tracked = trackedSigner();
    render(
      <ApiSigProvider baseUrl="https://api.example.test" signer={tracked.source}>
        <SignatureView id="a" />
        <SignatureView id="b" />
      </ApiSigProvider>,
    );
    await tracked.settle();
    expect(screen.getByTestId('a').textContent).toMatch(/^ey/);
    expect(screen.getByTestId('b').textContent).toBe(screen.getByTestId('a').textContent);
    expect(tracked.signings()).toBe(1);
  });

  it('replaces its headers at once when a response moves the clock offset', async () => {
    const tracked = trackedSigner();
    const serverAhead = new Date(Date.now() + 120_000).toUTCString();
    const fakeFetch: FetchLike = async () =>
      new Response('', { status: 401, headers: { date: serverAhead } });
    const handle: { fetch?: FetchLike } = {};
    render(
      <ApiSigProvider baseUrl="https://api.example.test" signer={tracked.source} fetch={fakeFetch}>
        <SignatureView id="sig" handle={handle} />
      </ApiSigProvider>,
    );
    await tracked.settle();
    const before = screen.getByTestId('sig').textContent;
    await act(async () => {
      await handle.fetch?.('https://api.example.test/');
    });
    await tracked.settle();
    expect(tracked.source.clockOffset).toBeGreaterThan(100);
    expect(screen.getByTestId('sig').textContent).not.toBe(before);
    expect(
      await accepted(
        new Headers({
          'x-api-key': credentials.apiKey,
          'x-signature': screen.getByTestId('sig').textContent ?? '',
        }),
        Date.now() + 120_000,
      ),
    ).toBe(true);
  });
});

describe('a render-time effect that fetches', () => {
  it('can call the signed fetch from useEffect', async () => {
    const urls: string[] = [];
    const fakeFetch: FetchLike = async (input) => {
      urls.push(String(input));
      return new Response('[]');
    };
    render(
      <ApiSigProvider
        baseUrl="https://api.example.test"
        signer={() => createSigner(credentials)}
        fetch={fakeFetch}
      >
        <Items />
      </ApiSigProvider>,
    );
    await waitFor(() => expect(urls).toEqual(['https://api.example.test/items']));
  });
});
