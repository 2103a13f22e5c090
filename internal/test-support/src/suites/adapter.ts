/**
 * What the shared suites need from an adapter (node on jsonwebtoken, web on jose, core on the
 * test backend), as structural types: importing @apisig/core here would make a package cycle
 * (core's tests use this package). Methods, not function properties, so an adapter's precise
 * types (FailureReason, VerifyOptions) are accepted where these looser ones are declared.
 */

/** The headers a signer hands out, as core's AuthHeaders. */
export type AuthHeadersLike = {
  'x-api-key': string;
  'x-signature'?: string;
  'x-app-key'?: string;
  'x-app-signature'?: string;
};

export interface SignerOptionsLike {
  apiKey: string;
  jwtKey?: string;
  organization?: { appKey: string; appSecret: string };
  clock?: () => number;
}

/** A signer, sync (node) or async (web): every answer may be a value or a promise. */
export interface SignerLike {
  headers(): AuthHeadersLike | Promise<AuthHeadersLike>;
  sign(): unknown;
  forUser(user: { apiKey: string; jwtKey?: string }): SignerLike;
}

export interface VerifyOptionsLike {
  users(apiKey: string): { jwtKey?: string } | null;
  organizations?(appKey: string): { appSecret: string; isMember(apiKey: string): boolean } | null;
  clock?: () => number;
  maxTtl?: { signature?: number; appSignature?: number };
}

export type VerdictLike =
  | { ok: true; apiKey: string; appKey?: string; signed: boolean; mode: string }
  | { ok: false; reason: string; header: string; status: number };

export type HeadersLike = Record<string, string | string[]>;

export interface VerifyHeadersLike {
  verifyHeaders(headers: HeadersLike, options: VerifyOptionsLike): Promise<VerdictLike>;
}
