/**
 * The test API for Chromium, on 127.0.0.1 (a different origin from the test page, so CORS is
 * real): GET /api verifies with @apisig/web/verify; POST /sign is a remote-signing endpoint
 * (what the node package's createSigningHandler does), guarded by a CSRF header.
 */

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { listenOnLoopback } from '@apisig/test-support';
import { alice } from '@apisig/test-support/cast';
import { createSigner } from '@apisig/web';
import { createVerifier, failureBody } from '@apisig/web/verify';

/** The cast's alice, as the browser suite's user. */
export const browserCredentials = alice;
export const CSRF_TOKEN = 'csrf-browser-1';

const verifier = createVerifier({
  users: (apiKey) =>
    apiKey === browserCredentials.apiKey ? { jwtKey: browserCredentials.jwtKey } : null,
});
const serverSigner = createSigner(browserCredentials);

function cors(request: IncomingMessage, response: ServerResponse) {
  response.setHeader('access-control-allow-origin', request.headers.origin ?? '*');
  response.setHeader('access-control-allow-methods', 'GET, POST');
  response.setHeader(
    'access-control-allow-headers',
    'x-api-key, x-signature, x-app-key, x-app-signature, content-type, x-csrf-token',
  );
  // Date is not a CORS-safelisted response header: without this the browser hides it and
  // the signed fetch cannot correct a skewed clock.
  response.setHeader('access-control-expose-headers', 'date');
  response.setHeader('vary', 'origin');
}

function json(response: ServerResponse, status: number, body: unknown) {
  response.statusCode = status;
  response.setHeader('content-type', 'application/json');
  response.end(JSON.stringify(body));
}

export async function startBrowserApi() {
  const requests = { sign: 0, api: 0 };
  const server = createServer(async (request, response) => {
    cors(request, response);
    if (request.method === 'OPTIONS') {
      response.statusCode = 204;
      response.end();
      return;
    }
    const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    if (request.method === 'POST' && path === '/sign') {
      requests.sign++;
      if (request.headers['x-csrf-token'] !== CSRF_TOKEN) return json(response, 403, {});
      return json(response, 200, await serverSigner.sign());
    }
    if (request.method === 'GET' && path === '/api') {
      requests.api++;
      const result = await verifier(request.headers);
      if (!result.ok) return json(response, result.status, failureBody(result));
      return json(response, 200, { ok: true, apiKey: result.apiKey });
    }
    json(response, 404, {});
  });
  return listenOnLoopback(server);
}
