/**
 * The credential properties (internal/test-support/src/suites/credential-properties.ts) on
 * web's signer and verifier (jose, WebCrypto).
 */
import { describeCredentialProperties } from '@apisig/test-support/suites';
import { createSigner } from '../src/index.js';
import { joseSigningBackend } from '../src/lib/signing-backend.js';
import { verifyHeaders } from '../src/verify.js';

describeCredentialProperties({
  createSigner,
  verifyHeaders,
  signingBackend: joseSigningBackend,
  signingLibrary: 'jose',
});
