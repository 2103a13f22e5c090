/** Reading a refusal on the client: parseRefusal, readRefusal, and each reason's sentence. */
import { describe, expect, it } from 'vitest';
import {
  describeReason,
  FAILURE_REASONS,
  parseRefusal,
  REASON_TEXTS,
  readRefusal,
} from '../src/index.js';

const answer = (status: number, body: unknown) =>
  new Response(typeof body === 'string' ? body : JSON.stringify(body), { status });

describe('parseRefusal', () => {
  it('reads an apisig refusal, and leaves the body for the caller', async () => {
    const response = answer(401, { error: 'expired', header: 'x-signature' });
    expect(await parseRefusal(response)).toEqual({
      reason: 'expired',
      header: 'x-signature',
      status: 401,
    });
    expect(await response.json()).toEqual({ error: 'expired', header: 'x-signature' });
    expect(await parseRefusal(answer(403, { error: 'not_a_member', header: 'x-app-key' }))).toEqual(
      { reason: 'not_a_member', header: 'x-app-key', status: 403 },
    );
  });

  it.each([
    ['a success', answer(200, { error: 'expired', header: 'x-signature' })],
    ['another 401 (an OAuth server)', answer(401, { error: 'invalid_token' })],
    ['a 401 without JSON', answer(401, 'Unauthorized')],
    ['a reason on the wrong status', answer(403, { error: 'expired', header: 'x-signature' })],
    ['a header that is not ours', answer(401, { error: 'expired', header: 'authorization' })],
    ['a 500 with a reason', answer(500, { error: 'bad_signature', header: 'x-signature' })],
    ['a JSON array', answer(401, ['expired'])],
  ])('gives null for %s', async (_, response) => {
    expect(await parseRefusal(response)).toBeNull();
  });

  it('readRefusal does the same for a body a client already parsed (axios, got)', () => {
    expect(readRefusal(401, { error: 'bad_signature', header: 'x-signature' })).toMatchObject({
      reason: 'bad_signature',
    });
    expect(readRefusal(401, null)).toBeNull();
  });
});

describe('the reason texts', () => {
  it('has one sentence for every reason code, and none for anything else', () => {
    expect(Object.keys(REASON_TEXTS).sort()).toEqual([...FAILURE_REASONS].sort());
    for (const reason of FAILURE_REASONS) expect(describeReason(reason)).toMatch(/^[A-Z].+\.$/);
    expect(describeReason('toString')).toBeUndefined();
    expect(describeReason('invalid_token')).toBeUndefined();
  });
});
