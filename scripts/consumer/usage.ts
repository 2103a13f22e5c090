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
import { ApiSigProvider, useAuthHeaders, useSignedFetch, useSigner } from '@apisig/react';
import * as web from '@apisig/web';
import { failureResponse, verifyRequest } from '@apisig/web/verify';
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

export function explain(error: unknown): string {
  if (isApiSigError(error)) return `${error.code} ${error.field ?? ''}`;
  return error instanceof ApiSigError ? error.code : String(error);
}

export const react = { ApiSigProvider, useAuthHeaders, useSignedFetch, useSigner, sent };
