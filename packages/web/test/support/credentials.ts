/**
 * What the test API server and its tests (Node and Chromium) share: the cast of test users
 * (the one set every suite uses), the skewed-clock prefix, and the server's answer.
 */
export { acme, alice, bob, carol } from '@apisig/test-support/cast';

/** The path prefix under which the server's clock runs this far ahead of real time. */
export const AHEAD_PREFIX = '/ahead';
export const AHEAD_MS = 120_000;

/** What the test server answers for a request it accepted. */
export interface EchoBody {
  ok: true;
  apiKey: string;
  appKey?: string;
  signed: boolean;
  mode: string;
  /** How many times the server saw this request id (`?id=`), this one included. */
  attempts: number;
  /** The body of every attempt with this id, in order. */
  bodies: string[];
  /** The caller's own `x-trace` header, echoed. */
  trace: string | null;
}
