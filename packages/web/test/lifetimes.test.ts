/** The lifetime vectors through the jose verifier: the vendor SDKs' 60 s tokens pass by default. */
import { describeLifetimeVectors } from '@apisig/test-support/suites';
import { verifyHeaders } from '../src/verify.js';

describeLifetimeVectors({ name: 'web verifier (jose)', verifyHeaders });
