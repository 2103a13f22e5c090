/**
 * The playground's users and organizations (seed.json), as the verifier's lookups and as the
 * subset of credentials the browser may hold. Demo values only: never use them for real.
 */
import type { OrganizationRecord, UserRecord, VerifyOptions } from '@apisig/node';
import seedJson from './seed.json' with { type: 'json' };

export interface SeedUser {
  name: string;
  about: string;
  apiKey: string;
  jwtKey?: string;
  /** The JWT key stays on the server: the browser gets headers from /sign instead. */
  serverOnly?: boolean;
}

export interface SeedOrganization {
  name: string;
  appKey: string;
  appSecret: string;
  /** API keys of the users the organization may act for. */
  members: string[];
}

export interface Seed {
  users: SeedUser[];
  organizations: SeedOrganization[];
  /** The API key of the user /sign signs for. */
  remoteSigner: string;
}

export const seed: Seed = seedJson;

export function findUser(data: Seed, apiKey: string): SeedUser | undefined {
  return data.users.find((user) => user.apiKey === apiKey);
}

export function findOrganization(data: Seed, appKey: string): SeedOrganization | undefined {
  return data.organizations.find((organization) => organization.appKey === appKey);
}

/** The verifier's lookups over the seed. */
export function seedLookups(data: Seed): Pick<VerifyOptions, 'users' | 'organizations'> {
  return {
    users(apiKey): UserRecord | null {
      const user = findUser(data, apiKey);
      return user ? { jwtKey: user.jwtKey ?? null } : null;
    },
    organizations(appKey): OrganizationRecord | null {
      const organization = findOrganization(data, appKey);
      if (!organization) return null;
      return {
        appSecret: organization.appSecret,
        isMember: (apiKey) => organization.members.includes(apiKey),
      };
    },
  };
}

/**
 * What the SPA is built with: every credential except the JWT keys of server-only users.
 * (A browser that signs locally must hold its JWT key; the remote-signer mode shows the way
 * around that.)
 */
export function browserCredentials(data: Seed): Seed {
  return {
    ...data,
    users: data.users.map(({ jwtKey, ...user }) =>
      user.serverOnly || jwtKey === undefined ? user : { ...user, jwtKey },
    ),
  };
}
