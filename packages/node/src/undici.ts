/**
 * @apisig/node/undici: an interceptor for undici 7 dispatchers that signs every dispatch to
 * one API (`undici.request`, `undici.fetch`, Node's global fetch with it as `dispatcher`).
 *
 * @packageDocumentation
 */
export { apiSig, DEFAULT_BUFFER_UP_TO, type UndiciSigningOptions } from './undici/interceptor.js';
