// What a user's code does with each package, type-checked by check-consumer.mjs in a
// Node-only project (no DOM lib) under node16 (ESM and CommonJS), node10 and bundler.
import { ApiSigError, HEADERS, isApiSigError } from '@apisig/core';
import {
  apisig,
  createSignedFetch,
  createSigner,
  createSigningHandler,
  createVerifier,
  verifyHeaders,
} from '@apisig/node';
import { apisig as fastifyPlugin } from '@apisig/node/fastify';
import { type ApiSigState, apisig as koaMiddleware } from '@apisig/node/koa';
import { ApiSigProvider, useAuthHeaders, useSignedFetch, useSigner } from '@apisig/react';
import * as web from '@apisig/web';
import { type ApiSigEnv, apisig as honoApisig } from '@apisig/web/hono';
import { apisigMiddleware, withApiSig } from '@apisig/web/next';
import { failureResponse, verifyRequest } from '@apisig/web/verify';
import Fastify from 'fastify';
import { Hono } from 'hono';
import Koa from 'koa';
import { fetch as undiciFetch } from 'undici';

const signer = createSigner({ apiKey: 'ak_consumer', jwtKey: 'jk_consumer' });
const sent: Record<string, string> = { ...signer.headers() };

// Any fetch: the global one, undici's.
const baseUrl = 'https://api.example.com';
export const viaGlobal = createSignedFetch(signer, { baseUrl, fetch });
export const viaUndici = createSignedFetch(signer, { baseUrl, fetch: undiciFetch });
export const viaWeb = web.createSignedFetch(web.createSigner({ apiKey: 'ak_consumer' }), {
  baseUrl,
  fetch: undiciFetch,
});

export const remote = web.createRemoteSigner({
  url: 'https://app.example.com/api/apisig/sign',
  headers: { 'x-csrf-token': 'token' },
});

const options = { users: (apiKey: string) => (apiKey === 'ak_consumer' ? {} : null) };
export const middleware = apisig(options);
export const handler = createSigningHandler({ signer, authorize: () => true });
export const verify = createVerifier(options);

export async function server(request: Request): Promise<Response> {
  const result = await verifyRequest(request, options);
  if (!result.ok) return failureResponse(result);
  const again = await verifyHeaders(request.headers, options);
  return Response.json({ apiKey: again.ok ? again.apiKey : null, header: HEADERS.apiKey });
}

// The framework bindings: request.apisig and ctx.state.apisig typed with nothing declared here.
export const fastifyApp = Fastify();
fastifyApp.register(fastifyPlugin, options);
fastifyApp.get('/me', async (request) => ({ apiKey: request.apisig?.apiKey ?? null }));
export const koaApp = new Koa<ApiSigState>().use(koaMiddleware(options)).use((ctx) => {
  ctx.body = { apiKey: ctx.state.apisig?.apiKey ?? null };
});

export function explain(error: unknown): string {
  if (isApiSigError(error)) return `${error.code} ${error.field ?? ''}`;
  return error instanceof ApiSigError ? error.code : String(error);
}

export const react = { ApiSigProvider, useAuthHeaders, useSignedFetch, useSigner, sent };

// Hono: the identity typed in a sub-app made with ApiSigEnv.
const v1 = new Hono<ApiSigEnv>();
v1.use(honoApisig(options));
v1.get('/me', (c) => c.json({ apiKey: c.get('apisig').apiKey }));
export const honoApp = new Hono().route('/v1', v1);

// Next.js: a route handler with its params, and a middleware.ts export.
export const GET = withApiSig(
  options,
  async (_request, identity, context: { params: Promise<{ id: string }> }) =>
    Response.json({ id: (await context.params).id, apiKey: identity.apiKey }),
);
export const nextMiddleware = apisigMiddleware(options);
