/**
 * The demo's cast, picked from a seed by role (not by name), shared by the SPA and the node
 * demo. Pure: it imports no seed, so the SPA bundles only the browser-safe one it is given.
 */
import type { Seed, SeedOrganization, SeedUser } from '../server/seed.ts';

export interface DemoRoles {
  /** A user with an API key only, in no organization. */
  apiKeyUser: SeedUser;
  /** A user with a JWT key the client holds. */
  jwtUser: SeedUser;
  /** The organization's member. */
  member: SeedUser;
  /** The user /sign signs for (their JWT key stays on the server). */
  remoteUser: SeedUser;
  organization: SeedOrganization;
}

function required<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`server/seed.json has no ${what}`);
  return value;
}

export function demoRoles(seed: Seed): DemoRoles {
  const organization = required(seed.organizations[0], 'organization');
  const isMember = (user: SeedUser) => organization.members.includes(user.apiKey);
  return {
    apiKeyUser: required(
      seed.users.find((user) => !user.jwtKey && !user.serverOnly && !isMember(user)),
      'user with an API key only',
    ),
    jwtUser: required(
      seed.users.find((user) => user.jwtKey && !user.serverOnly),
      'user with a JWT key',
    ),
    member: required(seed.users.find(isMember), 'organization member'),
    remoteUser: required(
      seed.users.find((user) => user.apiKey === seed.remoteSigner),
      'remote-signer user',
    ),
    organization,
  };
}
