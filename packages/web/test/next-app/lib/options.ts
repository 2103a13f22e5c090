/**
 * The options every guard of the fixture shares: the test cast, a user whose lookup throws
 * (with a secret in its message) and one whose lookup hangs, and onVerdict printing one line
 * per verdict (never the error) for the test to count.
 */

import { acme, acmeMembers, alice, bob, carol } from '@apisig/test-support/cast';
import type { ApiSigNextOptions } from '@apisig/web/next';

export const options: ApiSigNextOptions = {
  users: (apiKey) => {
    if (apiKey === 'ak_boom') throw new Error('directory down: postgres://admin:hunter2@db');
    if (apiKey === 'ak_slow') return new Promise<never>(() => {});
    if (apiKey === alice.apiKey) return { jwtKey: alice.jwtKey };
    return apiKey === bob.apiKey || apiKey === carol.apiKey ? {} : null;
  },
  organizations: (appKey) =>
    appKey === acme.appKey
      ? { appSecret: acme.appSecret, isMember: (apiKey) => acmeMembers.includes(apiKey) }
      : null,
  lookupTimeoutMs: 50,
  onVerdict: (verdict, request) => {
    const id = request.headers.get('x-test-id');
    const outcome = verdict.ok ? verdict.mode : verdict.reason;
    console.log(
      `apisig-verdict ${JSON.stringify({ id, path: new URL(request.url).pathname, outcome })}`,
    );
  },
};
