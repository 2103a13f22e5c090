/**
 * One smoke suite for every runtime the package claims (Deno, Bun, workerd): plain
 * TypeScript over web-standard APIs only, given the BUILT package and its input as JSON.
 * It reports per check instead of throwing, so the Node test that drives it can show
 * exactly which check failed where.
 */
// Type-only: erased before Deno, Bun or workerd run this file, which never load test-support.
import type { RejectionVector, SignatureVector } from '@apisig/test-support';
import type * as Web from '../../src/index.js';
import type * as WebVerify from '../../src/verify.js';

export interface SmokeInput {
  signatureVectors: SignatureVector[];
  hostileTokens: RejectionVector[];
  /** The test API server on 127.0.0.1 (see test/support/api-server.ts). */
  apiUrl: string;
  /** Another origin the API redirects to; `GET /log` lists what reached it. */
  trapUrl: string;
  alice: { apiKey: string; jwtKey: string };
  aheadPrefix: string;
}

export interface SmokeResult {
  name: string;
  ok: boolean;
  detail?: string;
}

export interface SmokeSdk {
  createSigner: typeof Web.createSigner;
  createSignedFetch: typeof Web.createSignedFetch;
  verifyHeaders: typeof WebVerify.verifyHeaders;
  verifyRequest: typeof WebVerify.verifyRequest;
  failureResponse: typeof WebVerify.failureResponse;
}

/** The names of the checks runSmoke makes for this input, in order. */
export function plannedChecks(input: SmokeInput): string[] {
  return [
    ...input.signatureVectors.flatMap((v) => [`sign ${v.name}`, `verify ${v.name}`]),
    ...input.hostileTokens.map((t) => `reject ${t.name}`),
    'verifyRequest + failureResponse',
    'signed fetch',
    'signed fetch, server clock 120 s ahead',
    'signed fetch refuses another origin',
    'signed fetch follows a redirect within the API',
    'signed fetch sends no headers across a redirect to another origin',
  ];
}

const ttlOf = (kind: string) => (kind === 'user' ? 15 : 60);

export async function runSmoke(sdk: SmokeSdk, input: SmokeInput): Promise<SmokeResult[]> {
  const results: SmokeResult[] = [];
  const check = async (name: string, run: () => Promise<string | null>) => {
    try {
      const problem = await run();
      results.push(problem === null ? { name, ok: true } : { name, ok: false, detail: problem });
    } catch (error) {
      results.push({ name, ok: false, detail: `threw ${String(error)}` });
    }
  };
  const expectEqual = (actual: unknown, expected: unknown) => {
    const [a, e] = [JSON.stringify(actual), JSON.stringify(expected)];
    return a === e ? null : `got ${a}, expected ${e}`;
  };

  for (const v of input.signatureVectors) {
    await check(`sign ${v.name}`, async () => {
      const clock = () => (v.exp - ttlOf(v.kind)) * 1000 + 500;
      const signer =
        v.kind === 'user'
          ? sdk.createSigner({ apiKey: v.key, jwtKey: v.secret, clock })
          : sdk.createSigner({
              apiKey: 'ak_member',
              organization: { appKey: v.key, appSecret: v.secret },
              clock,
            });
      const headers = await signer.headers();
      const header = v.kind === 'user' ? 'x-signature' : 'x-app-signature';
      return expectEqual(headers[header], v.token);
    });
    await check(`verify ${v.name}`, async () => {
      const clock = () => (v.exp - 3) * 1000;
      const verdicts = [];
      for (const token of [v.token, v.goToken]) {
        const result =
          v.kind === 'user'
            ? await sdk.verifyHeaders(
                { 'x-api-key': v.key, 'x-signature': token },
                { users: () => ({ jwtKey: v.secret }), clock },
              )
            : await sdk.verifyHeaders(
                { 'x-api-key': 'ak_member', 'x-app-key': v.key, 'x-app-signature': token },
                {
                  users: () => ({}),
                  organizations: () => ({ appSecret: v.secret, isMember: () => true }),
                  clock,
                },
              );
        verdicts.push(result.ok);
      }
      return expectEqual(verdicts, [true, true]);
    });
  }

  for (const t of input.hostileTokens) {
    await check(`reject ${t.name}`, async () => {
      const result = await sdk.verifyHeaders(
        { 'x-api-key': t.apiKey, 'x-signature': t.token },
        {
          users: () => ({ jwtKey: t.secret }),
          clock: () => t.now * 1000,
          maxTtl: { signature: t.maxTtl },
          leeway: t.leeway,
        },
      );
      return expectEqual(result, {
        ok: false,
        reason: t.reason,
        header: 'x-signature',
        status: 401,
      });
    });
  }

  await check('verifyRequest + failureResponse', async () => {
    const options = { users: () => ({ jwtKey: input.alice.jwtKey }) };
    const good = await sdk.createSigner(input.alice).headers();
    const accepted = await sdk.verifyRequest(
      new Request('https://api.test/', { headers: good }),
      options,
    );
    const forged = await sdk.createSigner({ ...input.alice, jwtKey: 'jk_forged' }).headers();
    const refused = await sdk.verifyRequest(
      new Request('https://api.test/', { headers: forged }),
      options,
    );
    if (refused.ok) return 'a forged token was accepted';
    const response = sdk.failureResponse(refused);
    const body = await response.text();
    if (body.includes(forged['x-signature'] as string)) return 'the failure echoed the token';
    return expectEqual(
      [accepted.ok, response.status, JSON.parse(body)],
      [true, 401, { error: 'bad_signature', header: 'x-signature' }],
    );
  });

  await check('signed fetch', async () => {
    const fetch = sdk.createSignedFetch(sdk.createSigner(input.alice), { baseUrl: input.apiUrl });
    const response = await fetch(`${input.apiUrl}/v1/echo?id=smoke-${Math.random()}`, {
      method: 'POST',
      headers: { 'x-trace': 'smoke' },
      body: 'hello',
    });
    const echo = await response.json();
    return expectEqual(
      [response.status, echo.apiKey, echo.signed, echo.trace, echo.bodies],
      [200, input.alice.apiKey, true, 'smoke', ['hello']],
    );
  });

  await check('signed fetch, server clock 120 s ahead', async () => {
    const signer = sdk.createSigner(input.alice);
    const fetch = sdk.createSignedFetch(signer, { baseUrl: input.apiUrl });
    const path = `${input.aheadPrefix}/v1/echo?id=smoke-${Math.random()}`;
    const response = await fetch(`${input.apiUrl}${path}`, { method: 'POST', body: 'again' });
    const echo = await response.json();
    const offsetRight = Math.abs(signer.clockOffset - 120) < 3;
    return expectEqual(
      [response.status, echo.attempts, echo.bodies, offsetRight],
      [200, 2, ['again', 'again'], true],
    );
  });

  const trapLog = async (): Promise<Array<{ path: string; auth: string[] }>> =>
    (await fetch(`${input.trapUrl}/log`)).json();

  await check('signed fetch refuses another origin', async () => {
    const before = (await trapLog()).length;
    const fetch = sdk.createSignedFetch(sdk.createSigner(input.alice), { baseUrl: input.apiUrl });
    const error = await fetch(`${input.trapUrl}/steal`).then(
      () => null,
      (caught: { code?: string }) => caught.code,
    );
    return expectEqual([error, (await trapLog()).length - before], ['origin_refused', 0]);
  });

  await check('signed fetch follows a redirect within the API', async () => {
    const fetch = sdk.createSignedFetch(sdk.createSigner(input.alice), { baseUrl: input.apiUrl });
    const response = await fetch(`/redirect-home?id=smoke-${Math.random()}`, {
      method: 'POST',
      body: 'kept',
    });
    const echo = await response.json();
    return expectEqual(
      [response.status, echo.apiKey, echo.bodies],
      [200, input.alice.apiKey, ['kept']],
    );
  });

  await check('signed fetch sends no headers across a redirect to another origin', async () => {
    const before = (await trapLog()).length;
    const fetch = sdk.createSignedFetch(sdk.createSigner(input.alice), { baseUrl: input.apiUrl });
    const response = await fetch('/redirect-away', { headers: { authorization: 'Bearer s' } });
    const reached = (await trapLog()).slice(before);
    return expectEqual(
      [await response.text(), reached],
      ['elsewhere', [{ path: '/landing', auth: [] }]],
    );
  });

  return results;
}
