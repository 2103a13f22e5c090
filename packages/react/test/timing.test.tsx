/**
 * Render counts and timers under fake time. WebCrypto signs on a thread, outside fake time:
 * trackedSigner().settle() waits for it in real time before each assertion.
 */
import { act, cleanup, render } from '@testing-library/react';
import { StrictMode } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  ApiSigProvider,
  type AuthHeadersSnapshot,
  createSigner,
  type FetchLike,
  useAuthHeaders,
  useSignedFetch,
} from '../src/index.js';
import { accepted, credentials, trackedSigner } from './support.js';

// No vitest globals here, so testing-library cannot unmount by itself.
afterEach(cleanup);

const START = Date.UTC(2026, 0, 1, 12, 0, 0, 250);

beforeEach(() => {
  vi.useFakeTimers({ now: START });
});
afterEach(() => {
  vi.useRealTimers();
});

interface Probe {
  renders: number;
  fetch?: FetchLike;
  snapshots: AuthHeadersSnapshot[];
}

function FetchConsumer({ probe }: { probe: Probe }) {
  probe.renders++;
  probe.fetch = useSignedFetch();
  return null;
}

function HeadersConsumer({ probe }: { probe: Probe }) {
  probe.renders++;
  probe.snapshots.push(useAuthHeaders());
  return null;
}

const newProbe = (): Probe => ({ renders: 0, snapshots: [] });

/** A useAuthHeaders consumer under the provider, once the first signing has settled. */
async function mountHeadersConsumer(tracked = trackedSigner()) {
  const probe = newProbe();
  const { unmount } = render(
    <ApiSigProvider baseUrl="https://api.example.test" signer={tracked.source}>
      <HeadersConsumer probe={probe} />
    </ApiSigProvider>,
  );
  await tracked.settle();
  return { tracked, probe, unmount };
}

/** What a browser fires when a hidden tab shows again. */
const showTab = async () => {
  document.dispatchEvent(new Event('visibilitychange'));
};

describe('render counts', () => {
  it('a useSignedFetch consumer renders once over a minute of signed calls', async () => {
    const sent: Headers[] = [];
    const fakeFetch: FetchLike = async (_input, init) => {
      sent.push(new Headers(init?.headers));
      return new Response('ok', { headers: { date: new Date().toUTCString() } });
    };
    const probe = newProbe();
    render(
      <ApiSigProvider
        baseUrl="https://api.example.test"
        signer={() => createSigner(credentials)}
        fetch={fakeFetch}
      >
        <FetchConsumer probe={probe} />
      </ApiSigProvider>,
    );
    const first = probe.fetch;
    for (let second = 0; second < 60; second++) {
      await act(async () => {
        await probe.fetch?.('https://api.example.test/tick');
        await vi.advanceTimersByTimeAsync(1000);
      });
    }
    expect(probe.renders).toBe(1);
    expect(probe.fetch).toBe(first);
    expect(sent).toHaveLength(60);
    // A fresh token every second: the identity stayed while the tokens rolled over.
    expect(new Set(sent.map((headers) => headers.get('x-signature'))).size).toBe(60);
    expect(await accepted(sent[59] ?? null, Date.now() - 1000)).toBe(true);
  });

  it('a useAuthHeaders consumer renders once per refresh, before the headers expire', async () => {
    const { tracked, probe } = await mountHeadersConsumer();
    expect(probe.snapshots.map((s) => s.status)).toEqual(['pending', 'ready']);
    for (let second = 0; second < 60; second++) {
      await act(() => vi.advanceTimersByTimeAsync(1000));
      await tracked.settle();
      // Whatever the consumer holds now is accepted now, and for a while yet.
      const held = probe.snapshots.at(-1)?.headers ?? null;
      expect(await accepted(held, Date.now())).toBe(true);
      expect(await accepted(held, Date.now() + 3000)).toBe(true);
    }
    // x-signature lives 15 s and is replaced with under a third of it left: every ~10 s.
    const refreshes = probe.renders - 2;
    expect(refreshes).toBeGreaterThanOrEqual(5);
    expect(refreshes).toBeLessThanOrEqual(7);
    const tokens = probe.snapshots.slice(1).map((s) => s.headers?.['x-signature']);
    expect(new Set(tokens).size).toBe(tokens.length);
    expect(tracked.signings()).toBe(refreshes + 1);
  });

  it('an API-key-only signer never refreshes: nothing in it expires', async () => {
    const { probe } = await mountHeadersConsumer(
      trackedSigner((await import('@apisig/web')).createSigner({ apiKey: credentials.apiKey })),
    );
    await act(() => vi.advanceTimersByTimeAsync(600_000));
    expect(probe.renders).toBe(2);
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('StrictMode', () => {
  it('leaves one refresh timer while mounted and none after unmount', async () => {
    const tracked = trackedSigner();
    const probe = newProbe();
    const { unmount } = render(
      <StrictMode>
        <ApiSigProvider baseUrl="https://api.example.test" signer={tracked.source}>
          <HeadersConsumer probe={probe} />
          <HeadersConsumer probe={probe} />
        </ApiSigProvider>
      </StrictMode>,
    );
    await tracked.settle();
    expect(probe.snapshots.at(-1)?.status).toBe('ready');
    expect(vi.getTimerCount()).toBe(1);
    await act(() => vi.advanceTimersByTimeAsync(30_000));
    await tracked.settle();
    expect(vi.getTimerCount()).toBe(1);
    unmount();
    expect(vi.getTimerCount()).toBe(0);
    // And nothing comes back: a signing in flight at unmount schedules nothing.
    await tracked.settle();
    await act(() => vi.advanceTimersByTimeAsync(60_000));
    expect(vi.getTimerCount()).toBe(0);
  });

  it('a consumer mounted after the headers expired sees pending, not stale headers', async () => {
    const tracked = trackedSigner();
    const probe = newProbe();
    const tree = (consumer: Probe | null) => (
      <StrictMode>
        <ApiSigProvider baseUrl="https://api.example.test" signer={tracked.source}>
          {consumer && <HeadersConsumer probe={consumer} />}
        </ApiSigProvider>
      </StrictMode>
    );
    const { rerender } = render(tree(probe));
    await tracked.settle();
    expect(probe.snapshots.at(-1)?.status).toBe('ready');
    rerender(tree(null));
    expect(vi.getTimerCount()).toBe(0);
    await act(() => vi.advanceTimersByTimeAsync(20_000));
    const again = newProbe();
    rerender(tree(again));
    expect(again.snapshots.map((s) => s.status)).not.toContain('ready');
    await tracked.settle();
    expect(again.snapshots.at(-1)?.status).toBe('ready');
    expect(await accepted(again.snapshots.at(-1)?.headers ?? null)).toBe(true);
  });
});

describe('a hidden tab', () => {
  it('refreshes at once when the tab shows again after its timer was held back', async () => {
    const { tracked, probe, unmount } = await mountHeadersConsumer();
    const before = probe.snapshots.at(-1)?.headers ?? null;
    // The clock moves 25 s while a throttling browser fires no timer.
    vi.setSystemTime(Date.now() + 25_000);
    expect(await accepted(before)).toBe(false);
    await act(showTab);
    await tracked.settle();
    const after = probe.snapshots.at(-1)?.headers ?? null;
    expect(await accepted(after)).toBe(true);
    unmount();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('does not refresh early when the tab shows before the refresh is due', async () => {
    const { tracked } = await mountHeadersConsumer();
    await act(showTab);
    await tracked.settle();
    expect(tracked.signings()).toBe(1);
  });
});
