/**
 * Answering from a Node handler, shared by the middleware and the signing handler: JSON
 * bodies, and the one way an unexpected error leaves (to `next`, or a bare 500).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * Express / Connect's continuation: no argument to go on, an error to hand it to their handler.
 *
 * @example
 * ```ts
 * const next: NextFunction = (error) => (error ? console.error(error) : undefined);
 * await guard(request, response, next);
 * ```
 */
export type NextFunction = (error?: unknown) => void;

/**
 * A handler that works in node:http (`next` absent), Express and Connect.
 *
 * @example
 * ```ts
 * const guard: NodeHandler<boolean> = apisig({ users });
 * createServer(async (request, response) => {
 *   if (await guard(request, response)) response.end('hello');
 * });
 * ```
 */
export type NodeHandler<Result = void> = (
  request: IncomingMessage,
  response: ServerResponse,
  next?: NextFunction,
) => Promise<Result>;

/** What every JSON answer of apisig's carries, whatever else the app's headers say. */
export const JSON_ANSWER_HEADERS: Readonly<Record<string, string>> = {
  'content-type': 'application/json; charset=utf-8',
  // Auth answers are per request and per user: no cache may keep one.
  'cache-control': 'no-store',
};

/**
 * Answers with JSON. When something earlier in the app already sent the response's headers,
 * no answer can be given any more: the connection is destroyed, so the client sees an error
 * rather than the 200 someone else started and a body that never ends.
 */
export function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  if (response.headersSent) {
    response.destroy();
    return;
  }
  const text = JSON.stringify(body);
  response.statusCode = status;
  for (const [name, value] of Object.entries({ ...headers, ...JSON_ANSWER_HEADERS })) {
    response.setHeader(name, value);
  }
  response.setHeader('content-length', Buffer.byteLength(text));
  response.end(text);
}

/**
 * An unexpected error (a lookup or `authorize` that threw, a signer that failed): Express and
 * Connect get it through `next(error)`, their error handling decides; plain node:http gets a
 * 500 that says nothing about it. Either way nothing is let through.
 */
export function failUnexpectedly(
  response: ServerResponse,
  error: unknown,
  next: NextFunction | undefined,
): void {
  if (next !== undefined) {
    next(error);
    return;
  }
  if (response.headersSent) {
    response.destroy();
    return;
  }
  sendJson(response, 500, { error: 'internal_error' });
}
