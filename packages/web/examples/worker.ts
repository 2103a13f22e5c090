import { createVerifier, failureResponse } from '@apisig/web/verify';

interface Env {
  /** A secret binding: `wrangler secret put JWT_KEY`. */
  JWT_KEY: string;
}

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    const verify = createVerifier({
      users: (apiKey) => (apiKey === 'ak_live_3f9a2c1e7b4d' ? { jwtKey: env.JWT_KEY } : null),
    });
    const result = await verify(request.headers);
    if (!result.ok) return failureResponse(result);
    return Response.json({ hello: result.apiKey });
  },
};
