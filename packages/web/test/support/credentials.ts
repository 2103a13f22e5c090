/**
 * The users and organization the test API server knows: plain data, shared by the server
 * (Node) and the tests (Node and Chromium). Test credentials only.
 */
export const alice = { apiKey: 'ak_alice', jwtKey: 'jk_alice_secret_3f9a' } as const;
export const bob = { apiKey: 'ak_bob' } as const;
export const carol = { apiKey: 'ak_carol' } as const;
export const acme = { appKey: 'app_acme', appSecret: 'as_acme_secret_7c1d' } as const;

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
