import { describe, expect, it } from 'vitest';
import { estimateClockOffset, nextClockOffset } from '../src/adapter.js';

const T0 = 1_764_300_000_000;
const date = (ms: number) => new Date(ms).toUTCString();

describe('estimateClockOffset', () => {
  it('compares Date + 0.5 s with the midpoint of send and receive', () => {
    // Sent at T0, received 2 s later: the server stamped its Date halfway, at T0 + 1 s + 60 s.
    expect(
      estimateClockOffset({ date: date(T0 + 61_000), sentAt: T0, receivedAt: T0 + 2000 }),
    ).toBe(60.5);
  });

  it('finds a clock that is behind as a negative offset', () => {
    expect(estimateClockOffset({ date: date(T0 - 300_000), sentAt: T0, receivedAt: T0 })).toBe(
      -299.5,
    );
  });

  it('ignores a response that carries Age (a cache answered, its Date is old)', () => {
    expect(
      estimateClockOffset({ date: date(T0 + 600_000), age: '30', sentAt: T0, receivedAt: T0 }),
    ).toBeNull();
    expect(
      estimateClockOffset({ date: date(T0 + 600_000), age: '0', sentAt: T0, receivedAt: T0 }),
    ).toBeNull();
  });

  it('ignores a missing or unparsable Date and an impossible round trip', () => {
    expect(estimateClockOffset({ date: null, sentAt: T0, receivedAt: T0 })).toBeNull();
    expect(estimateClockOffset({ date: 'yesterday-ish', sentAt: T0, receivedAt: T0 })).toBeNull();
    expect(estimateClockOffset({ date: date(T0), sentAt: T0, receivedAt: T0 - 1 })).toBeNull();
    expect(estimateClockOffset({ date: date(T0), sentAt: Number.NaN, receivedAt: T0 })).toBeNull();
  });
});

describe('nextClockOffset', () => {
  const observe = (serverMs: number) => ({ date: date(serverMs), sentAt: T0, receivedAt: T0 });

  it('keeps the offset for a skew under 5 s', () => {
    expect(nextClockOffset(0, observe(T0 + 4000))).toBe(0);
    expect(nextClockOffset(0, observe(T0 - 5000))).toBe(0);
  });

  it('moves it for a skew of 5 s or more, either way', () => {
    expect(nextClockOffset(0, observe(T0 + 5000))).toBe(5.5);
    expect(nextClockOffset(0, observe(T0 - 6000))).toBe(-5.5);
  });

  it('measures the skew against the current offset, not the raw clock', () => {
    expect(nextClockOffset(120, observe(T0 + 122_000))).toBe(120);
    expect(nextClockOffset(120, observe(T0))).toBe(0.5);
  });

  it('ignores a Date beyond the bound: a year ahead moves nothing (a day is the default)', () => {
    const yearAhead = T0 + 365 * 86_400_000;
    expect(nextClockOffset(0, observe(yearAhead))).toBe(0);
    expect(nextClockOffset(0, observe(T0 - 2 * 86_400_000))).toBe(0);
    // The controls: within a day it moves; a wider bound takes the year.
    expect(nextClockOffset(0, observe(T0 + 86_000_000))).toBe(86_000.5);
    expect(nextClockOffset(0, observe(yearAhead), 400 * 86_400)).toBe(365 * 86_400 + 0.5);
    expect(nextClockOffset(0, observe(T0 + 120_000), 60)).toBe(0);
  });
});
