/**
 * The verifier's calls into the app's lookups, made so they can only fail closed: a throw, a
 * rejection or a hang is a typed error (never a verdict), and an answer the verifier does not
 * understand is never read as a pass. docs/contract.md "Lookups fail closed".
 */
import { ApiSigError } from '../errors.js';
import { isPromiseLike, type MaybePromise } from '../maybe-promise.js';
import { describeType, validateSecret } from '../validate.js';

/**
 * Runs one lookup: a throw or a rejection becomes `lookup_failed`, a promise that has not
 * settled within `timeoutMs` becomes `lookup_timeout`.
 */
export async function runLookup<T>(
  name: string,
  timeoutMs: number,
  run: () => MaybePromise<T>,
): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    const pending = run();
    if (!isPromiseLike(pending)) return pending;
    if (timeoutMs === Number.POSITIVE_INFINITY) return await pending;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new ApiSigError('lookup_timeout', `${name} did not settle within ${timeoutMs} ms`, {
              field: name,
            }),
          ),
        timeoutMs,
      );
    });
    return await Promise.race([pending, timeout]);
  } catch (error) {
    if (error instanceof ApiSigError && error.code === 'lookup_timeout') throw error;
    throw new ApiSigError('lookup_failed', `${name} threw`, { field: name, cause: error });
  } finally {
    if (timer !== undefined) clearTimeout(timer);
  }
}

function badRecord(field: string, problem: string): ApiSigError {
  return new ApiSigError('lookup_failed', `${field} ${problem}`, { field });
}

/**
 * A constructor's prototype, or a function: what `RECORDS[key]` gives over an object literal
 * for a key like `__proto__`, `constructor` or `toString`. Not a record at all.
 */
function isInheritedMachinery(value: object): boolean {
  if (typeof value === 'function') return true;
  const owner = Object.getOwnPropertyDescriptor(value, 'constructor')?.value;
  return typeof owner === 'function' && owner.prototype === value;
}

/**
 * A lookup's answer as a record: null when there is none (null, undefined, or inherited
 * machinery), else a plain object (prototype Object.prototype or null) whose own fields are
 * all `known`. Anything else is the app's bug, `lookup_failed`: never read as a pass.
 */
export function readRecord(
  field: string,
  value: unknown,
  known: readonly string[],
): Record<string, unknown> | null {
  if (value === null || value === undefined) return null;
  if ((typeof value === 'object' || typeof value === 'function') && isInheritedMachinery(value)) {
    return null;
  }
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw badRecord(
      field,
      `must return a plain object, null or undefined, got ${describeType(value)}`,
    );
  }
  const prototype = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) {
    throw badRecord(field, 'must return a plain object (an object literal), not a class instance');
  }
  for (const name of Object.keys(value)) {
    if (!known.includes(name)) {
      throw badRecord(`${field}.${name}`, `is not a known field (expected ${known.join(', ')})`);
    }
  }
  return value as Record<string, unknown>;
}

/** An own field's value: inherited ones (a polluted Object.prototype) are never read. */
export function ownField(record: Record<string, unknown>, name: string): unknown {
  return Object.hasOwn(record, name) ? record[name] : undefined;
}

/** The most secrets a record may hold at once: the old and new keys of a rotation, and spare. */
export const MAX_RECORD_SECRETS = 4;

/**
 * A record's secret, or its secrets during a rotation (an array of 1 to 4), each by the same
 * rules as a signer's (docs/contract.md), else lookup_failed.
 */
export function recordSecrets(field: string, value: unknown): string[] {
  const list = Array.isArray(value) ? value : [value];
  if (list.length === 0 || list.length > MAX_RECORD_SECRETS) {
    throw badRecord(field, `must be a secret or 1..${MAX_RECORD_SECRETS} of them`);
  }
  return list.map((secret, index) => {
    try {
      return validateSecret(field, secret);
    } catch (error) {
      const name = Array.isArray(value) ? `${field}[${index}]` : field;
      throw badRecord(name, (error as ApiSigError).message.slice(field.length + 1));
    }
  });
}

/** A record's boolean field, when present. */
export function recordBoolean(field: string, value: unknown): boolean | undefined {
  if (value === undefined || typeof value === 'boolean') return value;
  throw badRecord(field, `must be a boolean, got ${describeType(value)}`);
}

/** A record's function field. */
export function recordFunction<F>(field: string, value: unknown): F {
  if (typeof value === 'function') return value as F;
  throw badRecord(field, `must be a function, got ${describeType(value)}`);
}
