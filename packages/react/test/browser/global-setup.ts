/** Starts the test API in Node before the Chromium project runs, and provides its URL. */
import type { TestProject } from 'vitest/node';
import { browserCredentials, CSRF_TOKEN, startBrowserApi } from './server.js';

declare module 'vitest' {
  export interface ProvidedContext {
    apiUrl: string;
    csrfToken: string;
    browserCredentials: { apiKey: string; jwtKey: string };
  }
}

export default async function setup(project: TestProject) {
  const server = await startBrowserApi();
  project.provide('apiUrl', server.url);
  project.provide('csrfToken', CSRF_TOKEN);
  project.provide('browserCredentials', browserCredentials);
  return () => server.close();
}
