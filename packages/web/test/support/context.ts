/**
 * What globalSetup hands to the tests through vitest's provide/inject, in Node and in
 * Chromium alike: the shared vectors (read in Node, never copied into the repository),
 * hostile tokens forged in Node, and the test API server's URL.
 */
import type { RejectionVector, SignatureVector } from '@apisig/test-support';

export interface HostileToken {
  name: string;
  token: string;
  reason: string;
  apiKey: string;
  secret: string;
  /** Seconds since the epoch to verify at. */
  now: number;
}

declare module 'vitest' {
  export interface ProvidedContext {
    signatureVectors: SignatureVector[];
    rejectionVectors: RejectionVector[];
    hostileTokens: HostileToken[];
    apiUrl: string;
  }
}
