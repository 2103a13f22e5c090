/**
 * Clock skew from a server's `Date` header. A browser's clock can be minutes off, and then
 * every token is born expired or too far ahead; the server's Date tells us by how much.
 */
import { DEFAULT_MAX_CLOCK_OFFSET, SKEW_THRESHOLD_SECONDS } from '../contract.js';

/**
 * What a response says about the server's clock, and when we asked: a signer's `syncClock`
 * takes one per response to learn how far its clock is off.
 *
 * @example
 * ```ts
 * const sentAt = Date.now();
 * const response = await fetch(url, { headers: signer.headers() });
 * signer.syncClock({ date: response.headers.get('date'), sentAt, receivedAt: Date.now() });
 * ```
 */
export interface ClockObservation {
  /** The response's `Date` header value, if any. */
  date: string | null | undefined;
  /** The response's `Age` header: a cached response's Date is old news, so it is ignored. */
  age?: string | null | undefined;
  /** Our raw clock (epoch ms, no offset) when the request was sent. */
  sentAt: number;
  /** Our raw clock when the response arrived. */
  receivedAt: number;
}

/**
 * The offset (seconds, ms precision) that makes our clock agree with the server's, or null when the
 * observation says nothing reliable: no or unparsable Date, an `Age` header, or a round trip
 * that went backwards. The server's Date is truncated to the second, so its true time is
 * taken as Date + 0.5 s, compared with the midpoint of our send and receive times.
 */
export function estimateClockOffset(observation: ClockObservation): number | null {
  const { date, age, sentAt, receivedAt } = observation;
  if (!date || (age !== undefined && age !== null)) return null;
  if (!Number.isFinite(sentAt) || !Number.isFinite(receivedAt) || receivedAt < sentAt) return null;
  const serverMs = Date.parse(date);
  if (Number.isNaN(serverMs)) return null;
  const midpoint = (sentAt + receivedAt) / 2;
  return Math.round(serverMs + 500 - midpoint) / 1000;
}

/**
 * The offset to use after an observation: the estimate when it differs from the current
 * offset by SKEW_THRESHOLD_SECONDS or more, otherwise the current offset unchanged (a second
 * or two of jitter is what the verifier's leeway is for; chasing it would churn tokens). An
 * estimate beyond `maxOffset` seconds is not believed: the offset stays.
 */
export function nextClockOffset(
  current: number,
  observation: ClockObservation,
  maxOffset: number = DEFAULT_MAX_CLOCK_OFFSET,
): number {
  const estimate = estimateClockOffset(observation);
  if (estimate === null || Math.abs(estimate) > maxOffset) return current;
  return Math.abs(estimate - current) >= SKEW_THRESHOLD_SECONDS ? estimate : current;
}
