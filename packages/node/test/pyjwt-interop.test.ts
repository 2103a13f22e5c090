/**
 * Interop with PyJWT (Debian's python3-jwt, the library the API's own page uses): our tokens
 * verify under PyJWT, and PyJWT's encoding of the same claims is byte for byte ours. Skipped,
 * with the reason, only where PyJWT is not installed (CI installs it with apt).
 */
import { spawnSync } from 'node:child_process';
import { pyjwtPython as python } from '@apisig/test-support';
import { describe, expect, it } from 'vitest';
import { createSigner, verifyHeaders } from '../src/index.js';

const SKIP_REASON = 'PyJWT is not installed (apt-get install python3-jwt)';

const SCRIPT = `
import json, sys, jwt
cases = json.load(sys.stdin)
out = []
for c in cases:
    claims = jwt.decode(c["token"], c["secret"].encode("utf-8"), algorithms=["HS256"],
                        options={"verify_exp": False})
    header = jwt.get_unverified_header(c["token"])
    mine = jwt.encode({"key": c["key"], "exp": c["exp"]}, c["secret"].encode("utf-8"),
                      algorithm="HS256")
    out.append({"claims": claims, "header": header, "token": mine})
print(json.dumps(out))
`;

interface Case {
  key: string;
  secret: string;
  exp: number;
  token: string;
}

function pyjwt(cases: Case[]): Array<{ claims: unknown; header: unknown; token: string }> {
  const run = spawnSync(python as string, ['-c', SCRIPT], {
    input: JSON.stringify(cases),
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(`PyJWT failed: ${run.stderr}`);
  return JSON.parse(run.stdout);
}

const CREDENTIALS = [
  { key: 'ak_live_3f9a2c1e7b4d', secret: 'jk_9b2e4c7a1f3d5e8b' },
  { key: 'K!~"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}', secret: 'clé-secrète-ключ-🔑' },
  { key: 'a', secret: 's'.repeat(4096) },
  { key: 'x'.repeat(1024), secret: ' spaces at both ends ' },
];

describe('PyJWT interop', () => {
  it('PyJWT verifies our tokens, and signs the same claims to the same bytes', (context) => {
    context.skip(python === undefined, SKIP_REASON);
    const cases: Case[] = [];
    for (const [index, { key, secret }] of CREDENTIALS.entries()) {
      const now = 1_764_300_000_000 + index * 7777;
      const user = createSigner({ apiKey: key, jwtKey: secret, clock: () => now }).headers();
      const app = createSigner({
        apiKey: 'ak_member',
        organization: { appKey: key, appSecret: secret },
        clock: () => now,
      }).headers();
      const exp = Math.floor(now / 1000);
      cases.push({ key, secret, exp: exp + 15, token: user['x-signature'] as string });
      cases.push({ key, secret, exp: exp + 60, token: app['x-app-signature'] as string });
    }
    const answers = pyjwt(cases);
    expect(answers).toHaveLength(cases.length);
    for (const [index, answer] of answers.entries()) {
      const ours = cases[index] as Case;
      expect(answer.header).toStrictEqual({ alg: 'HS256', typ: 'JWT' });
      expect(answer.claims).toStrictEqual({ key: ours.key, exp: ours.exp });
      expect(answer.token).toBe(ours.token);
    }
  });

  it('we verify tokens PyJWT makes', async (context) => {
    context.skip(python === undefined, SKIP_REASON);
    const [{ key, secret }] = CREDENTIALS as [{ key: string; secret: string }];
    const exp = 1_764_300_015;
    const [answer] = pyjwt([{ key, secret, exp, token: createToken(key, secret, exp) }]);
    const result = await verifyHeaders(
      { 'x-api-key': key, 'x-signature': answer?.token as string },
      { users: () => ({ jwtKey: secret }), clock: () => (exp - 10) * 1000 },
    );
    expect(result).toStrictEqual({ ok: true, apiKey: key, signed: true, mode: 'signed' });
  });
});

/** Any valid token will do as PyJWT's input; it re-encodes the claims itself. */
function createToken(key: string, secret: string, exp: number): string {
  return createSigner({ apiKey: key, jwtKey: secret, clock: () => (exp - 15) * 1000 }).headers()[
    'x-signature'
  ] as string;
}
