/** APIs on loopback for the signed-fetch and remote-signer tests: they record our headers. */
import type { ServerResponse } from 'node:http';
import { type LoopbackServer, listenOnLoopback } from '@apisig/test-support';

/** Servers to close after each test: push `server.close` here. */
export const closers: Array<() => Promise<void>> = [];

export async function closeAll(): Promise<void> {
  for (const close of closers.splice(0)) await close();
}

/** An API on loopback that records the auth headers of every request it gets. */
export async function recordingApi(answer: (response: ServerResponse) => void) {
  const seen: Array<Record<string, string | undefined>> = [];
  const server = await listenOnLoopback((request, response) => {
    const pick = (name: string) => request.headers[name] as string | undefined;
    seen.push({ 'x-api-key': pick('x-api-key'), 'x-signature': pick('x-signature') });
    answer(response);
  });
  closers.push(server.close);
  return { url: server.url, seen };
}

export const json = (body: unknown) => (response: ServerResponse) => {
  response.setHeader('content-type', 'application/json');
  response.end(typeof body === 'string' ? body : JSON.stringify(body));
};

/** An endpoint on loopback answering with `answer`, closed after the test. */
export async function endpoint(
  answer: Parameters<typeof listenOnLoopback>[0],
): Promise<LoopbackServer> {
  const server = await listenOnLoopback(answer);
  closers.push(server.close);
  return server;
}
