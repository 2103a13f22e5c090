/**
 * @apisig/node/got: hooks that sign every request a got instance (got 14) sends to one API.
 *
 * @packageDocumentation
 */
export {
  apiSigHooks,
  type GotRequestOptions,
  type GotResponseLike,
  type GotSigningHooks,
  type GotSigningOptions,
} from './got/hooks.js';
