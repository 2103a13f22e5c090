/**
 * The credential properties (internal/test-support/src/suites/credential-properties.ts) on
 * node's signer and verifier (jsonwebtoken).
 */
import { describeCredentialProperties } from '@apisig/test-support/suites';
import { jsonwebtokenBackend } from '../src/backend.js';
import { createSigner, verifyHeaders } from '../src/index.js';

describeCredentialProperties({
  createSigner,
  verifyHeaders,
  signingBackend: jsonwebtokenBackend,
  signingLibrary: 'jsonwebtoken',
});
