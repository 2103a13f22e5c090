/** Shared by the DOM suites: a signer whose in-flight signings can be awaited, and verifying. */

import { alice } from '@apisig/test-support/cast';
import { type AsyncSigner, type AuthHeaders, createSigner } from '@apisig/web';
import { verifyHeaders } from '@apisig/web/verify';
import { act } from '@testing-library/react';
import type { HeaderSource } from '../src/index.js';

/** The cast's alice: a user with a JWT key (the one set of test users every suite uses). */
export const credentials = alice;

/** Real time, captured before any test fakes the timers. */
const realSetTimeout = globalThis.setTimeout;
const realDelay = (ms: number) => new Promise<void>((resolve) => realSetTimeout(resolve, ms));

/**
 * A real web signer (jose, WebCrypto) that counts its signings in flight. WebCrypto finishes
 * on a thread, outside fake time: settle() waits for it in real time, then lets React render.
 */
export function trackedSigner(signer: AsyncSigner = createSigner(credentials)) {
  let inFlight = 0;
  let signings = 0;
  const track = <T,>(promise: Promise<T>): Promise<T> => {
    inFlight++;
    return promise.finally(() => {
      inFlight--;
    });
  };
  const source: HeaderSource = {
    headers: () => track(signer.headers()),
    sign: () => {
      signings++;
      return track(signer.sign());
    },
    clock: () => signer.clock(),
    get clockOffset() {
      return signer.clockOffset;
    },
    syncClock: (observation) => signer.syncClock(observation),
  };
  const settle = async () => {
    for (let round = 0; round < 3; round++) {
      await act(async () => {
        for (let i = 0; i < 500 && inFlight > 0; i++) await realDelay(1);
        await realDelay(0);
      });
    }
  };
  return { source, settle, signings: () => signings };
}

/** True when a verifier that knows the credentials accepts the headers at epoch ms `now`. */
export async function accepted(headers: AuthHeaders | Headers | null, now = Date.now()) {
  if (headers === null) return false;
  const input = headers instanceof Headers ? headers : { ...headers };
  const result = await verifyHeaders(input, {
    users: (apiKey) => (apiKey === credentials.apiKey ? { jwtKey: credentials.jwtKey } : null),
    clock: () => now,
  });
  return result.ok;
}
