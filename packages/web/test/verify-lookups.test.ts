/**
 * The verifier on jose, by the shared suites: each organization path gets the contract's
 * reason and failureResponse's answer, and a lookup that throws or never settles is a typed
 * error, never a verdict (through verifyRequest, as a fetch-style server calls it).
 */
import {
  describeKeyRotation,
  describeLookupFaults,
  describeLookupRecords,
  describeOrganizationPaths,
} from '@apisig/test-support/suites';
import { joseVerifyingBackend } from '../src/lib/verifying-backend.js';
import { failureResponse, verifyHeaders, verifyRequest } from '../src/verify.js';

describeOrganizationPaths({ verifyHeaders, failureResponse });
describeLookupRecords({ verifyHeaders });

describeLookupFaults({
  verifyHeaders: (headers, options) => {
    const fetchHeaders = new Headers();
    for (const [name, value] of Object.entries(headers)) fetchHeaders.set(name, String(value));
    return verifyRequest(new Request('http://127.0.0.1/data', { headers: fetchHeaders }), options);
  },
});
describeKeyRotation({ verifyHeaders, backend: joseVerifyingBackend });
