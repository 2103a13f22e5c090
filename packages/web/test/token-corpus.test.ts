/**
 * The hostile-token corpus (internal/test-support/src/suites/token-corpus.ts) against web's
 * verifier on jose (WebCrypto).
 */
import { describeHostileCorpus } from '@apisig/test-support/suites';
import { verifyHeaders } from '../src/verify.js';
import { joseVerifyingBackend } from '../src/verifying-backend.js';

await describeHostileCorpus({ name: 'web verifier', verifyHeaders, backend: joseVerifyingBackend });
