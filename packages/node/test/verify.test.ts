/**
 * The verifier on jsonwebtoken, by the shared suites: each organization path gets the
 * contract's reason, and a lookup that throws or never settles is a typed error, never a
 * verdict. (The vectors and the hostile-token corpus have files of their own.)
 */
import {
  describeKeyRotation,
  describeLookupFaults,
  describeLookupRecords,
  describeOrganizationPaths,
} from '@apisig/test-support/suites';
import { verifyHeaders } from '../src/index.js';
import { jsonwebtokenBackend } from '../src/lib/backend.js';

describeOrganizationPaths({ verifyHeaders });
describeLookupFaults({ verifyHeaders });
describeLookupRecords({ verifyHeaders });
describeKeyRotation({ verifyHeaders, backend: jsonwebtokenBackend });
