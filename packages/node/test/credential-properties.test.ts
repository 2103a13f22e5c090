/**
 * The credential properties (internal/test-support/src/suites/credential-properties.ts) on
 * node's signer and verifier (jsonwebtoken).
 */
import { describeCredentialProperties } from '@apisig/test-support/suites';
import { createSigner, verifyHeaders } from '../src/index.js';
import { jsonwebtokenBackend } from '../src/lib/backend.js';

describeCredentialProperties({
  createSigner,
  verifyHeaders,
  signingBackend: jsonwebtokenBackend,
  signingLibrary: 'jsonwebtoken',
});
