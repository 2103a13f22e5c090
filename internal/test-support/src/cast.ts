/**
 * The one set of test users every suite uses: plain data, no imports, so browser suites can
 * take it too (`@apisig/test-support/cast`). Test credentials only.
 *
 * alice: a JWT key, a member of acme; bob: no JWT key, a member; carol: no JWT key, not a
 * member; mallory: another user with a JWT key, not a member; acme: the organization.
 */
export const alice = { apiKey: 'ak_alice', jwtKey: 'jk_alice_secret_5b2e' } as const;
export const bob = { apiKey: 'ak_bob' } as const;
export const carol = { apiKey: 'ak_carol' } as const;
export const mallory = { apiKey: 'ak_mallory', jwtKey: 'jk_mallory_secret_91c0' } as const;
export const acme = { appKey: 'app_acme', appSecret: 'as_acme_secret_0d7f' } as const;

/** Who is a member of acme. */
export const acmeMembers: readonly string[] = [alice.apiKey, bob.apiKey];

/** Every secret of the cast: none may ever show up in a verdict, an error or a log. */
export const castSecrets: readonly string[] = [alice.jwtKey, mallory.jwtKey, acme.appSecret];

/** What a verifier's users() answers for the cast (plain records, as the contract asks). */
export function castUser(apiKey: string): { jwtKey?: string } | null {
  if (apiKey === alice.apiKey) return { jwtKey: alice.jwtKey };
  if (apiKey === mallory.apiKey) return { jwtKey: mallory.jwtKey };
  if (apiKey === bob.apiKey || apiKey === carol.apiKey) return {};
  return null;
}

/** What a verifier's organizations() answers: acme, knowing its members. */
export function castOrganization(
  appKey: string,
): { appSecret: string; isMember(apiKey: string): boolean } | null {
  if (appKey !== acme.appKey) return null;
  return { appSecret: acme.appSecret, isMember: (apiKey) => acmeMembers.includes(apiKey) };
}
