/**
 * @apisig/web/axios: sign every request an axios instance sends to one API, in a browser
 * (axios's fetch adapter: its xhr one follows redirects out of sight) or in Node (http or
 * fetch adapter). The same binding as `@apisig/node/axios`.
 *
 * @packageDocumentation
 */
export { type AxiosSigningOptions, withApiSig } from '@apisig/axios-binding';
