/**
 * The hostile-token corpus (internal/test-support/src/suites/token-corpus.ts) against node's
 * verifier on jsonwebtoken.
 */
import { describeHostileCorpus } from '@apisig/test-support/suites';
import { jsonwebtokenBackend } from '../src/backend.js';
import { verifyHeaders } from '../src/index.js';

await describeHostileCorpus({ name: 'node verifier', verifyHeaders, backend: jsonwebtokenBackend });
