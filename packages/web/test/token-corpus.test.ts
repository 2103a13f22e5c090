/**
 * The hostile-token corpus (internal/test-support/src/suites/token-corpus.ts) against web's
 * verifier on jose (WebCrypto).
 */
import { describeHostileCorpus } from '@apisig/test-support/suites';
import { joseVerifyingBackend } from '../src/lib/verifying-backend.js';
import { verifyHeaders } from '../src/verify.js';

await describeHostileCorpus({ name: 'web verifier', verifyHeaders, backend: joseVerifyingBackend });
