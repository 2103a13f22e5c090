/**
 * CORS for the SPA's origin: the browser may send our four headers (a preflight asks first)
 * and read the response's Date, which the signer uses to correct a skewed clock.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HEADERS } from '@apisig/node';

const ALLOWED_HEADERS = ['content-type', ...Object.values(HEADERS)].join(', ');
const ALLOWED_METHODS = 'GET, POST, OPTIONS';

/**
 * Sets the CORS headers for an allowed origin. Answers a preflight (OPTIONS) itself and
 * returns true then; the caller handles every other request.
 */
export function handleCors(
  request: IncomingMessage,
  response: ServerResponse,
  allowedOrigins: ReadonlySet<string>,
): boolean {
  const origin = request.headers.origin;
  response.setHeader('vary', 'Origin');
  const allowed = origin !== undefined && allowedOrigins.has(origin);
  if (allowed) {
    response.setHeader('access-control-allow-origin', origin);
    response.setHeader('access-control-expose-headers', 'Date');
  }
  const preflight =
    request.method === 'OPTIONS' && request.headers['access-control-request-method'] !== undefined;
  if (!preflight) return false;
  if (allowed) {
    response.setHeader('access-control-allow-methods', ALLOWED_METHODS);
    response.setHeader('access-control-allow-headers', ALLOWED_HEADERS);
    response.setHeader('access-control-max-age', '600');
  }
  response.statusCode = 204;
  response.end();
  return true;
}
