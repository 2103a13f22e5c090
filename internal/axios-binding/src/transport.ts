/**
 * Which of axios's adapters carries the hops. Redirects are followed by hand (each hop is
 * sent with maxRedirects: 0), so only an adapter that hands back a 3xx will do: `http` and
 * `fetch` do; `xhr` never does (the browser follows a redirect out of sight), so it is left
 * out of a list, and asked for alone it is refused.
 */
import { invalidOption } from '@apisig/core/adapter';
import {
  type AxiosAdapter,
  type AxiosRequestConfig,
  getAdapter,
  type InternalAxiosRequestConfig,
} from 'axios';

/** What a config's `adapter` may be: a name, a function, a list of either. */
export type AdapterSpec = NonNullable<AxiosRequestConfig['adapter']>;

/** axios's own default list, when neither the instance nor the request names one. */
const DEFAULT_ADAPTERS: AdapterSpec = ['xhr', 'http', 'fetch'];

/** Marks our wrapper, so a config that comes back (error.config re-sent) is not wrapped twice. */
const WRAPPED = Symbol('apisig.wrapped');

/** An adapter that signs: it remembers the caller's choice of adapter. */
export type WrappedAdapter = AxiosAdapter & { [WRAPPED]: AdapterSpec };

/** The caller's choice of adapter, under our wrapper if the config has been through it. */
export function adapterSpec(config: InternalAxiosRequestConfig): AdapterSpec {
  const spec = config.adapter as AdapterSpec | WrappedAdapter | undefined;
  if (typeof spec === 'function' && WRAPPED in spec) return spec[WRAPPED];
  return spec ?? DEFAULT_ADAPTERS;
}

/** Wrap `signing` so that it remembers `spec`. */
export function wrapAdapter(signing: AxiosAdapter, spec: AdapterSpec): WrappedAdapter {
  return Object.assign(signing, { [WRAPPED]: spec });
}

const isXhr = (entry: unknown) =>
  typeof entry === 'function'
    ? (entry as { adapterName?: unknown }).adapterName === 'xhr'
    : String(entry).toLowerCase() === 'xhr';

/** The adapter function that sends one hop: the first available of `spec`, xhr left out. */
export function transportFor(spec: AdapterSpec, config: InternalAxiosRequestConfig): AxiosAdapter {
  const list = (Array.isArray(spec) ? spec : [spec]).filter((entry) => !isXhr(entry));
  if (list.length === 0) {
    throw invalidOption('adapter', "xhr follows redirects where apisig cannot see: use 'fetch'");
  }
  return getAdapter(list, config);
}
