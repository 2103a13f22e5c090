/**
 * One line per verdict: who (the seed's name, never a key), what was decided, and why. The
 * middleware answers a refusal itself with `{ error, header }` JSON; `watchAnswer` keeps the
 * body it wrote so the log can say why. Tokens and secrets never appear: only reason codes,
 * header names and user names.
 */
import type { ServerResponse } from 'node:http';

export type Log = (line: string) => void;

export interface Verdict {
  method: string;
  path: string;
  status: number;
  /** `accepted`, `refused`, `signed` (a /sign answer) or `error`. */
  outcome: string;
  /** e.g. `Grace, signed via Acme` or `expired (x-signature)`. */
  detail: string;
  startedAt: number;
}

export function formatVerdict(verdict: Verdict, now = Date.now()): string {
  const { method, path, status, outcome, detail, startedAt } = verdict;
  const time = new Date(now).toISOString().slice(11, 19);
  return `${time} ${status} ${method.padEnd(4)} ${path.padEnd(12)} ${outcome.padEnd(8)} ${detail} (${now - startedAt} ms)`;
}

/** The JSON object a handler wrote to `response`, read once it has been sent. */
export function watchAnswer(response: ServerResponse): () => Record<string, unknown> | null {
  let body: string | undefined;
  const end = response.end;
  response.end = function (this: ServerResponse, ...args: unknown[]) {
    if (typeof args[0] === 'string') body = args[0];
    return Reflect.apply(end, this, args);
  } as ServerResponse['end'];
  return () => {
    if (body === undefined) return null;
    try {
      const value: unknown = JSON.parse(body);
      return typeof value === 'object' && value !== null
        ? (value as Record<string, unknown>)
        : null;
    } catch {
      return null;
    }
  };
}
