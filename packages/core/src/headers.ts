/**
 * Reading request headers case-insensitively from whatever a server hands us: a fetch
 * `Headers`, a plain record with any casing, or Node's `IncomingHttpHeaders` (lower-case
 * keys, string or string[] values).
 */

/**
 * Anything with a `get(name)` for header values: a fetch Headers of any realm.
 *
 * @example
 * ```ts
 * const headers: HeadersLike = new Headers({ 'x-api-key': 'ak_1' });
 * ```
 */
export interface HeadersLike {
  /** The header's value, or null when absent. */
  get(name: string): string | null;
}

/**
 * Headers as a plain record in any casing: Node's IncomingHttpHeaders (string or string[]
 * values), a framework's header object.
 *
 * @example
 * ```ts
 * const headers: HeaderRecord = { 'X-Api-Key': 'ak_1', 'x-signature': 'eyJ…' };
 * ```
 */
export type HeaderRecord = Record<string, string | readonly string[] | number | undefined>;

/**
 * A request's headers as any server hands them over: a fetch Headers, a record in any
 * casing, or Node's IncomingHttpHeaders. Read case-insensitively; a repeated header's
 * values are joined, so a duplicate can never slip one value past the checks.
 *
 * @example
 * ```ts
 * await verify(request.headers); // Express, node:http, Hono's c.req.raw.headers, a Worker's Request
 * ```
 */
export type HeaderInput = HeadersLike | HeaderRecord;

function isHeadersLike(input: HeaderInput): input is HeadersLike {
  return typeof (input as { get?: unknown }).get === 'function';
}

function normalize(value: HeaderRecord[string]): string | undefined {
  if (value === undefined) return undefined;
  // Repeated headers are joined as Node and fetch join them; a joined key or token then
  // fails its lookup or its format check, so a duplicate can never slip one value past.
  if (Array.isArray(value)) return value.length === 0 ? undefined : value.join(', ');
  return String(value);
}

/** One header's value, or undefined when absent. `name` must be lower-case. */
export function readHeader(input: HeaderInput, name: string): string | undefined {
  if (isHeadersLike(input)) return input.get(name) ?? undefined;
  if (Object.hasOwn(input, name)) return normalize(input[name]);
  for (const key of Object.keys(input)) {
    if (key.toLowerCase() === name) return normalize(input[key]);
  }
  return undefined;
}
