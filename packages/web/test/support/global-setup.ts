/**
 * Runs in Node before either project (node, browser): reads the shared vectors, forges the
 * hostile tokens, starts the test API server on 127.0.0.1, and provides all of it.
 */
import { rejectionVectors, signatureVectors } from '@apisig/test-support';
import type { TestProject } from 'vitest/node';
import { startApiServer } from './api-server.js';
import './context.js';
import { hostileTokens } from './forged-tokens.js';

export default async function setup(project: TestProject) {
  const server = await startApiServer();
  project.provide('signatureVectors', signatureVectors);
  project.provide('rejectionVectors', rejectionVectors);
  project.provide('hostileTokens', hostileTokens());
  project.provide('apiUrl', server.url);
  project.provide('trapUrl', server.trapUrl);
  return () => server.close();
}
