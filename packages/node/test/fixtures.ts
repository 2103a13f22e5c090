/** The verify options over the shared cast (@apisig/test-support/cast), with an optional clock. */
import { castOrganization, castUser } from '@apisig/test-support/cast';
import type { VerifyOptions } from '../src/index.js';

export function directory(clock?: () => number): VerifyOptions {
  return {
    users: castUser,
    organizations: castOrganization,
    ...(clock === undefined ? {} : { clock }),
  };
}
