/**
 * A dispatch's headers in whichever shape undici takes them (a record, a flat
 * `[name, value, ...]` list, a list of pairs, a Headers or Map, null), as one editable list of
 * pairs that core's session can write into, and back to the flat list undici sends.
 */
import type { HeaderWriter } from '@apisig/core/adapter';
import type { Dispatcher } from 'undici';

export type HeaderPairs = Array<[name: string, value: string]>;

type Raw = string | Buffer | ReadonlyArray<string | Buffer> | number | undefined | null;

const text = (value: string | Buffer | number) =>
  typeof value === 'string'
    ? value
    : Buffer.isBuffer(value)
      ? value.toString('latin1')
      : `${value}`;

function push(pairs: HeaderPairs, name: Raw, value: Raw): void {
  if (name == null || typeof name === 'number' || Array.isArray(name) || value == null) return;
  const key = text(name as string | Buffer);
  for (const one of Array.isArray(value) ? value : [value]) pairs.push([key, text(one)]);
}

/** The pairs of `headers`, in order, repeated names kept. */
export function headerPairs(headers: Dispatcher.DispatchOptions['headers']): HeaderPairs {
  const pairs: HeaderPairs = [];
  if (headers == null) return pairs;
  if (Array.isArray(headers)) {
    if (headers.length > 0 && Array.isArray(headers[0])) {
      for (const [name, value] of headers as unknown as Array<[Raw, Raw]>) push(pairs, name, value);
    } else {
      for (let i = 0; i < headers.length; i += 2) push(pairs, headers[i], headers[i + 1]);
    }
    return pairs;
  }
  const entries =
    Symbol.iterator in headers
      ? (headers as Iterable<[string, Raw]>)
      : Object.entries(headers as Record<string, Raw>);
  for (const [name, value] of entries) push(pairs, name, value);
  return pairs;
}

/** The flat `[name, value, ...]` list undici sends. */
export const flatHeaders = (pairs: HeaderPairs): string[] => pairs.flat();

/** The first value of `name` (any casing), or undefined. */
export function headerValue(pairs: HeaderPairs, name: string): string | undefined {
  return pairs.find(([key]) => key.toLowerCase() === name)?.[1];
}

/** core's session writes into the list: a set replaces every value of the name. */
export function pairsWriter(pairs: HeaderPairs): HeaderWriter {
  const remove = (name: string) => {
    for (let i = pairs.length - 1; i >= 0; i--) {
      if (pairs[i]?.[0].toLowerCase() === name.toLowerCase()) pairs.splice(i, 1);
    }
  };
  return {
    set(name, value) {
      remove(name);
      pairs.push([name, value]);
    },
    delete: remove,
  };
}
