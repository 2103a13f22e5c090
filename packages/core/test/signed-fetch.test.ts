import { syncBackend } from '@apisig/test-support';
import { describe, expect, it } from 'vitest';
import { createSyncSigner, createVerifierEngine } from '../src/adapter.js';
import { createSignedFetch, type FetchLike } from '../src/index.js';

const JWT_KEY = 'jk_alice_secret';

/**
 * A stand-in server behind a fetch: verifies with the real engine on a clock `skewMs` ahead
 * of ours, and records what it was sent.
 */
function fakeServer(skewMs: number) {
  const verifier = createVerifierEngine(syncBackend().backend, {
    users: (k) => (k === 'ak_alice' ? { jwtKey: JWT_KEY } : null),
    clock: () => Date.now() + skewMs,
  });
  const seen: Array<{ headers: Headers; body: string | null; url: string }> = [];
  const fetch: FetchLike = async (input, init) => {
    const request = new Request(input, init);
    const body = request.body ? await request.text() : null;
    seen.push({ headers: request.headers, body, url: request.url });
    const result = await verifier(request.headers);
    return new Response(JSON.stringify(result), {
      status: result.ok ? 200 : result.status,
      headers: { date: new Date(Date.now() + skewMs).toUTCString() },
    });
  };
  return { fetch, seen };
}

const signer = () =>
  createSyncSigner(syncBackend().backend, { apiKey: 'ak_alice', jwtKey: JWT_KEY });

describe('createSignedFetch', () => {
  it('merges our headers, keeps the caller headers, and ours win for our names', async () => {
    const server = fakeServer(0);
    const fetch = createSignedFetch(signer(), { baseUrl: 'http://api.test', fetch: server.fetch });
    const response = await fetch('http://api.test/v1', {
      headers: { accept: 'application/json', 'x-api-key': 'forged', 'x-app-key': 'stale' },
    });
    expect(response.status).toBe(200);
    const sent = server.seen[0]!.headers;
    expect(sent.get('accept')).toBe('application/json');
    expect(sent.get('x-api-key')).toBe('ak_alice');
    expect(sent.get('x-app-key')).toBeNull();
    expect(sent.get('x-signature')).toMatch(/^ey/);
  });

  it('keeps the headers of a Request input', async () => {
    const server = fakeServer(0);
    const fetch = createSignedFetch(signer(), { baseUrl: 'http://api.test', fetch: server.fetch });
    await fetch(new Request('http://api.test/v1', { headers: { 'x-trace': 't1' } }));
    expect(server.seen[0]!.headers.get('x-trace')).toBe('t1');
    expect(server.seen[0]!.headers.get('x-api-key')).toBe('ak_alice');
  });

  it('a clock 120 s behind: rejected once, retried with the body, then fine without retry', async () => {
    const server = fakeServer(120_000);
    const s = signer();
    const fetch = createSignedFetch(s, { baseUrl: 'http://api.test', fetch: server.fetch });
    const first = await fetch('http://api.test/v1/echo', { method: 'POST', body: 'payload' });
    expect(first.status).toBe(200);
    expect(server.seen).toHaveLength(2);
    expect(server.seen.map((r) => r.body)).toEqual(['payload', 'payload']);
    expect(s.clockOffset).toBeGreaterThan(118);
    const second = await fetch('http://api.test/v1/echo', { method: 'POST', body: 'again' });
    expect(second.status).toBe(200);
    expect(server.seen).toHaveLength(3);
  });

  it('replays a Request body on retry', async () => {
    const server = fakeServer(-120_000);
    const fetch = createSignedFetch(signer(), { baseUrl: 'http://api.test', fetch: server.fetch });
    const response = await fetch(
      new Request('http://api.test/v1', { method: 'POST', body: 'req-body' }),
    );
    expect(response.status).toBe(200);
    expect(server.seen.map((r) => r.body)).toEqual(['req-body', 'req-body']);
  });

  it('does not retry a streamed body it cannot send again', async () => {
    const server = fakeServer(120_000);
    const fetch = createSignedFetch(signer(), { baseUrl: 'http://api.test', fetch: server.fetch });
    const body = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('once'));
        controller.close();
      },
    });
    const response = await fetch('http://api.test/v1', {
      method: 'POST',
      body,
      duplex: 'half',
    } as RequestInit);
    expect(response.status).toBe(401);
    expect(server.seen).toHaveLength(1);
  });

  it('does not retry a 401 when the clock was right (a wrong key stays wrong)', async () => {
    const server = fakeServer(0);
    const wrong = createSyncSigner(syncBackend().backend, {
      apiKey: 'ak_alice',
      jwtKey: 'wrong-key',
    });
    const response = await createSignedFetch(wrong, {
      baseUrl: 'http://api.test',
      fetch: server.fetch,
    })('http://api.test/v1');
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ reason: 'bad_signature' });
    expect(server.seen).toHaveLength(1);
  });

  it('retries at most once', async () => {
    let calls = 0;
    const alwaysSkewed: FetchLike = async () => {
      calls++;
      // Each answer claims a new, different server time: the offset moves every time.
      return new Response('no', {
        status: 401,
        headers: { date: new Date(Date.now() + calls * 600_000).toUTCString() },
      });
    };
    const response = await createSignedFetch(signer(), {
      baseUrl: 'http://api.test',
      fetch: alwaysSkewed,
    })('http://api.test/');
    expect(response.status).toBe(401);
    expect(calls).toBe(2);
  });

  it('sends nothing when the signer fails', async () => {
    let calls = 0;
    const failing = {
      headers: () => Promise.reject(new Error('no headers')),
      sign: () => Promise.reject(new Error('no headers')),
      clock: Date.now,
    };
    const countingFetch: FetchLike = async () => {
      calls++;
      return new Response();
    };
    const fetch = createSignedFetch(failing, { baseUrl: 'http://api.test', fetch: countingFetch });
    await expect(fetch('http://api.test/')).rejects.toThrow('no headers');
    expect(calls).toBe(0);
  });
});
