/**
 * What globalSetup hands to the tests through vitest's provide/inject, in Node and in
 * Chromium alike: the shared vectors (read in Node, never copied into the repository),
 * hostile tokens forged in Node, and the test API server's URL.
 */
import type { RejectionVector, SignatureVector } from '@apisig/test-support';

/** A token forged here to be refused: the shape of a rejection vector (now in epoch seconds). */
export type HostileToken = RejectionVector;

declare module 'vitest' {
  export interface ProvidedContext {
    signatureVectors: SignatureVector[];
    rejectionVectors: RejectionVector[];
    hostileTokens: HostileToken[];
    apiUrl: string;
    /** Another origin the API redirects to (`/redirect-away`); `GET /log` says what reached it. */
    trapUrl: string;
  }
}
