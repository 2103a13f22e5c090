/**
 * The adapter withApiSig puts under every request: core's signing session applied to axios,
 * the way core's signed fetch applies it to fetch. It runs after every interceptor and the
 * request transforms, so nothing can move the request once it is signed; each hop goes out
 * with maxRedirects: 0 and the redirect is followed here, so a hop to another origin carries
 * none of our headers; the one retry happens here too, so the interceptors see one request
 * and one response.
 */
import type { HeaderInput } from '@apisig/core';
import {
  BODY_HEADER_NAMES,
  type HeaderWriter,
  hiddenRedirect,
  isReplayableBody,
  MAX_REDIRECTS,
  readHeader,
  redirectKeepsBody,
  redirectTarget,
  type SigningSession,
} from '@apisig/core/adapter';
import {
  type AxiosAdapter,
  AxiosError,
  AxiosHeaders,
  type AxiosInstance,
  type AxiosResponse,
  type InternalAxiosRequestConfig,
} from 'axios';
import { type AdapterSpec, transportFor, type WrappedAdapter, wrapAdapter } from './transport.js';

/** What one send came back with: the response, the adapter's rejection of it (validateStatus) if any. */
interface Outcome {
  response: AxiosResponse;
  rejection?: unknown;
  /** An API response's Date moved the signer's clock. */
  moved: boolean;
  /** The last hop's URL. */
  url: URL;
}

const writerFor = (headers: AxiosHeaders): HeaderWriter => ({
  set: (name, value) => void headers.set(name, value),
  delete: (name) => void headers.delete(name),
});

/** A response's headers as core's session reads them: AxiosHeaders, or a custom adapter's record. */
const headerView = (response: AxiosResponse) => ({
  // axios types header values loosely (booleans, nested AxiosHeaders); readHeader reads either shape.
  get: (name: string) => readHeader(response.headers as unknown as HeaderInput, name) ?? null,
});

/** Drop a response we do not hand over: a stream (responseType 'stream') is closed. */
function release(response: AxiosResponse): void {
  const data = response.data as { destroy?: () => void; cancel?: () => Promise<void> } | null;
  if (typeof data?.destroy === 'function') data.destroy();
  else if (typeof data?.cancel === 'function') data.cancel().catch(() => undefined);
}

/** The refusal JSON of a 401 the adapter read as text or bytes; null for anything else. */
function refusalOf(response: AxiosResponse): unknown {
  const { data } = response;
  const bytes = data instanceof ArrayBuffer || ArrayBuffer.isView(data);
  const text = typeof data === 'string' ? data : bytes ? new TextDecoder().decode(data) : null;
  try {
    return text === null ? null : JSON.parse(text);
  } catch {
    return null;
  }
}

/** The adapter's answer to one hop; a rejection with a response (validateStatus) is an answer too. */
async function sendHop(transport: AxiosAdapter, hop: InternalAxiosRequestConfig) {
  try {
    return { response: await transport(hop) };
  } catch (rejection) {
    const response = (rejection as { response?: AxiosResponse } | null)?.response;
    if (response === undefined) throw rejection;
    return { response, rejection };
  }
}

function settle({ response, rejection }: Outcome): AxiosResponse {
  if (rejection !== undefined) throw rejection;
  return response;
}

/** An adapter that signs and sends a request through the adapter the caller chose (`spec`). */
export function signingAdapter(
  instance: AxiosInstance,
  session: SigningSession,
  spec: AdapterSpec,
): WrappedAdapter {
  return wrapAdapter(async (config) => {
    const transport = transportFor(spec, config);
    // The caller's maxRedirects: 0 means "hand me the 3xx", as axios does.
    const follow = config.maxRedirects !== 0;
    const limit = config.maxRedirects ?? MAX_REDIRECTS;

    /** One send of the request, redirects followed by hand. */
    const attempt = async (): Promise<Outcome> => {
      let url = session.target(instance.getUri(config));
      let { method = 'get', data } = config;
      const headers = new AxiosHeaders(config.headers);
      let moved = false;
      for (let hops = 0; ; hops++) {
        await session.sign(url, writerFor(headers));
        const hop: InternalAxiosRequestConfig = Object.assign(Object.create(null), config, {
          url: url.href,
          baseURL: undefined,
          params: undefined,
          method,
          data,
          headers: new AxiosHeaders(headers),
          // axios's own `auth` would put back the authorization sign() took off another origin.
          auth: url.origin === session.origin ? config.auth : undefined,
          adapter: spec,
          maxRedirects: 0,
        });
        const sentAt = session.clock();
        const outcome = await sendHop(transport, hop).finally(() => {
          // hop is the config of the response or error: a copy sent again follows redirects.
          hop.maxRedirects = config.maxRedirects;
        });
        const { response } = outcome;
        moved = session.observe(url, headerView(response), sentAt) || moved;
        if (!follow) return { ...outcome, moved, url };
        // A browser's fetch hides a manual redirect (status 0): its target cannot be checked.
        if (response.status === 0) throw hiddenRedirect();
        const location = headerView(response).get('location');
        const target = redirectTarget(response.status, location, url);
        if (target === null) return { ...outcome, moved, url };
        if (hops >= limit) {
          throw new AxiosError(
            'Maximum number of redirects exceeded',
            'ERR_FR_TOO_MANY_REDIRECTS',
            hop,
            response.request,
            response,
          );
        }
        if (!redirectKeepsBody(response.status, method)) {
          method = 'get';
          data = undefined;
          for (const name of BODY_HEADER_NAMES) headers.delete(name);
        } else if (!isReplayableBody(data)) {
          return { ...outcome, moved, url }; // a body that cannot be sent again: the 3xx is the answer
        }
        release(response);
        url = target;
      }
    };

    const first = await attempt();
    const { status } = first.response;
    if (status !== 401 || !isReplayableBody(config.data)) return settle(first);
    if (
      !session.retryAfter(
        first.url,
        status,
        first.moved,
        first.moved ? null : refusalOf(first.response),
      )
    ) {
      return settle(first);
    }
    // Our clock was off (or our headers stale) and is corrected now: one more try.
    release(first.response);
    return settle(await attempt());
  }, spec);
}
