/**
 * The hostile-token corpus (internal/test-support/src/suites/token-corpus.ts) against node's
 * verifier on jsonwebtoken.
 */
import { describeHostileCorpus } from '@apisig/test-support/suites';
import { verifyHeaders } from '../src/index.js';
import { jsonwebtokenBackend } from '../src/lib/backend.js';

await describeHostileCorpus({ name: 'node verifier', verifyHeaders, backend: jsonwebtokenBackend });
