/** One press of Send: the request, every attempt it took, and what the signer learned. */
import type { ModeId } from './modes.ts';
import type { Attempt } from './recorder.ts';

export interface Endpoint {
  method: 'GET' | 'POST';
  path: string;
}

export const ENDPOINTS: Endpoint[] = [
  { method: 'GET', path: '/v1/whoami' },
  { method: 'POST', path: '/v1/echo' },
];

export interface Run {
  id: number;
  modeId: ModeId;
  scenarioId: string;
  endpoint: Endpoint;
  startedAt: number;
  attempts: Attempt[];
  done: boolean;
  /** The signer's clock offset (s) before and after: a skew correction shows up here. */
  offsetBefore?: number;
  offsetAfter?: number;
  /** A failure before or instead of an answer (a remote signer refusing, a network error). */
  error?: string;
}

/** The last answer from the API (not /sign): the run's verdict. */
export function finalAttempt(run: Run): Attempt | undefined {
  return run.attempts.filter((attempt) => attempt.kind === 'api').at(-1);
}

export type Outcome = 'accepted' | 'refused' | 'error' | 'pending';

export function outcomeOf(run: Run): Outcome {
  if (!run.done) return 'pending';
  const last = finalAttempt(run);
  if (last?.status === 200) return 'accepted';
  if (last?.status === 401 || last?.status === 403) return 'refused';
  return 'error';
}
