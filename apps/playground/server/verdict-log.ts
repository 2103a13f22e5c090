/**
 * One line per verdict: who (the seed's name, never a key), what was decided, and why (the
 * middleware's onVerdict tells). Tokens and secrets never appear: only reason codes, header
 * names and user names.
 */

export type Log = (line: string) => void;

export interface LogLine {
  method: string;
  path: string;
  status: number;
  /** `accepted`, `refused`, `signed` (a /sign answer) or `error`. */
  outcome: string;
  /** e.g. `Grace, signed via Acme` or `expired (x-signature)`. */
  detail: string;
  startedAt: number;
}

export function formatVerdict(verdict: LogLine, now = Date.now()): string {
  const { method, path, status, outcome, detail, startedAt } = verdict;
  const time = new Date(now).toISOString().slice(11, 19);
  return `${time} ${status} ${method.padEnd(4)} ${path.padEnd(12)} ${outcome.padEnd(8)} ${detail} (${now - startedAt} ms)`;
}
