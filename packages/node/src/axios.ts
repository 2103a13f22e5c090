/**
 * @apisig/node/axios: sign every request an axios instance sends to one API, on axios's
 * Node http adapter or its fetch adapter. The same binding as `@apisig/web/axios`.
 *
 * @packageDocumentation
 */
export { type AxiosSigningOptions, withApiSig } from '@apisig/axios-binding';
