import { createSignedFetch, createSigner, type FetchLike } from '@apisig/web';

interface Env {
  API_KEY: string;
  JWT_KEY: string;
}

let api: FetchLike | undefined;

export default {
  async fetch(_request: Request, env: Env): Promise<Response> {
    api ??= createSignedFetch(createSigner({ apiKey: env.API_KEY, jwtKey: env.JWT_KEY }), {
      baseUrl: 'https://api.example.com',
    });
    return api('/v1/me');
  },
};
