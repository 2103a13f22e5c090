/** A small user and organization directory, the verify options over it, and a request counter. */
import type { OrganizationRecord, UserRecord, VerifyOptions } from '../src/index.js';

export const PLAIN_KEY = 'ak_plain_7c1e';
export const SIGNED_KEY = 'ak_signed_2b9f';
export const OUTSIDER_KEY = 'ak_outsider_5d0a';
export const JWT_KEY = 'jk_secret_8e4f6a2c9d1b';
export const APP_KEY = 'app_key_41c7';
export const APP_SECRET = 'app_secret_0f3e9b7d5a';

export const users: Record<string, UserRecord> = {
  [PLAIN_KEY]: {},
  [SIGNED_KEY]: { jwtKey: JWT_KEY },
  [OUTSIDER_KEY]: {},
};

export const organization: OrganizationRecord = {
  appSecret: APP_SECRET,
  isMember: (apiKey) => apiKey === PLAIN_KEY || apiKey === SIGNED_KEY,
};

/** Verify options over the directory, with an optional clock (epoch ms). */
export function directory(clock?: () => number): VerifyOptions {
  return {
    users: (apiKey) => users[apiKey],
    organizations: (appKey) => (appKey === APP_KEY ? organization : undefined),
    ...(clock === undefined ? {} : { clock }),
  };
}

/** The four secrets the tests use: none may ever show up where it should not. */
export const SECRETS = [JWT_KEY, APP_SECRET];
