/**
 * A fetch that records every request it sends: the signed fetch wraps it, so each attempt
 * (a skew-correction retry included) shows up with the headers that really went out.
 */
import type { FetchLike } from '@apisig/react';

export interface Attempt {
  /** Unique within the page. */
  id: number;
  /** `api` for calls to the API, `sign` for the remote signer's call to /sign. */
  kind: 'api' | 'sign';
  method: string;
  path: string;
  /** Request headers as sent, lower-case names. */
  headers: Record<string, string>;
  /** null when the request never got an answer. */
  status: number | null;
  body: unknown;
  /** The response's Date header: what the signer corrects its clock from. */
  serverDate: string | null;
  durationMs: number;
  error?: string;
}

function pathOf(input: RequestInfo | URL): string {
  const url = new URL(input instanceof Request ? input.url : String(input));
  return url.pathname;
}

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text();
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

let nextId = 1;

export function createRecordingFetch(
  kind: Attempt['kind'],
  record: (attempt: Attempt) => void,
): FetchLike {
  return async (input, init) => {
    const headers = Object.fromEntries(new Headers(init?.headers).entries());
    const method = init?.method ?? (input instanceof Request ? input.method : 'GET');
    const base = { id: nextId++, kind, method, path: pathOf(input), headers };
    const startedAt = performance.now();
    let response: Response;
    try {
      response = await fetch(input, init);
    } catch (error) {
      const durationMs = performance.now() - startedAt;
      record({
        ...base,
        status: null,
        body: null,
        serverDate: null,
        durationMs,
        error: String(error),
      });
      throw error;
    }
    // Read the body once here and hand back a fresh Response: both the page and the
    // signed fetch (which may cancel a 401's body before retrying) get what they need.
    const body = await readBody(response.clone());
    record({
      ...base,
      status: response.status,
      body,
      serverDate: response.headers.get('date'),
      durationMs: performance.now() - startedAt,
    });
    return response;
  };
}
