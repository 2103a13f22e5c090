// apisig for axios: `withApiSig(instance, signer, { baseUrl })` signs every request an axios
// instance sends to one API, on axios's Node http adapter and its fetch adapter alike.
// `@apisig/node/axios` and `@apisig/web/axios` are this module, bundled into each.
import type { HeaderSource } from '@apisig/core';
import { createSigningSession, validateOptionsRecord } from '@apisig/core/adapter';
import type { AxiosInstance } from 'axios';
import { signingAdapter } from './signing-adapter.js';
import { adapterSpec } from './transport.js';

/**
 * What `withApiSig` takes besides the instance and the signer.
 *
 * @example
 * ```ts
 * const options: AxiosSigningOptions = { baseUrl: 'https://api.example.com' };
 * ```
 */
export interface AxiosSigningOptions {
  /**
   * The API's URL. A request for any other origin is refused (ApiSigError `origin_refused`)
   * before anything is sent; relative URLs resolve against it when the instance has no
   * `baseURL`.
   */
  baseUrl: string | URL;
}

/**
 * Signs every request of `instance` for the API at `baseUrl` with the headers of `source`,
 * and returns the function that uninstalls it.
 *
 * Underneath every request (after all interceptors and transforms) it refuses another
 * origin before anything is sent, signs each hop, follows redirects itself so a hop to
 * another origin carries none of our headers nor authorization, feeds the API's Date to the
 * signer's clock, and retries a 401 once when the clock moved (or a remote signer's headers
 * were stale) and the body can be sent again (not a stream). Runs on the `http` and `fetch`
 * adapters; `xhr` is never used (it follows redirects out of sight).
 *
 * @example
 * ```ts
 * import axios from 'axios';
 * import { createSigner } from '@apisig/node'; // or '@apisig/web'
 * import { withApiSig } from '@apisig/node/axios'; // or '@apisig/web/axios'
 *
 * const api = axios.create({ baseURL: 'https://api.example.com' });
 * const eject = withApiSig(api, createSigner({ apiKey, jwtKey }), {
 *   baseUrl: 'https://api.example.com',
 * });
 * const { data } = await api.get('/v1/me');
 * eject(); // requests are sent unsigned again
 * ```
 */
export function withApiSig(
  instance: AxiosInstance,
  source: HeaderSource,
  options: AxiosSigningOptions,
): () => void {
  const record = validateOptionsRecord('options', options, ['baseUrl']);
  const session = createSigningSession(source, record.baseUrl);
  const id = instance.interceptors.request.use(
    (config) => {
      config.adapter = signingAdapter(instance, session, adapterSpec(config));
      return config;
    },
    undefined,
    { synchronous: true },
  );
  return () => instance.interceptors.request.eject(id);
}
