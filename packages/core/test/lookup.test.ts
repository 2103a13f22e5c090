/**
 * The verifier's lookups on core's engine (sync and async test backends): what a lookup
 * answers is read as a record only when it is plain own data of known fields, and what no
 * signer could send never reaches one (the shared suite). Fail closed on everything else.
 */
import { asyncBackend, syncBackend } from '@apisig/test-support';
import {
  describeKeyRotation,
  describeLookupFaults,
  describeLookupRecords,
} from '@apisig/test-support/suites';
import { verifyHeadersWith } from '../src/adapter.js';

for (const make of [syncBackend, asyncBackend]) {
  const { backend } = make();
  const verifyHeaders: Parameters<typeof describeLookupRecords>[0]['verifyHeaders'] = (
    headers,
    options,
  ) => verifyHeadersWith(backend, headers, options);
  describeLookupRecords({ verifyHeaders });
  describeLookupFaults({ verifyHeaders });
  describeKeyRotation({ verifyHeaders, backend });
}
