/**
 * Reading request headers case-insensitively from whatever a server hands us: a fetch
 * `Headers`, a plain record with any casing, or Node's `IncomingHttpHeaders` (lower-case
 * keys, string or string[] values).
 */

export interface HeadersLike {
  get(name: string): string | null;
}

export type HeaderRecord = Record<string, string | readonly string[] | number | undefined>;

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
