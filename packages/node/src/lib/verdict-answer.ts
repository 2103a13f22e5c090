/**
 * What a framework adapter (Fastify, Koa) writes for a verdict that is not ok: the JSON
 * answer (the app's own, from onRefusal, or core's failureAnswer). The framework only
 * carries it out.
 */
import type { ErrorVerdict, RefusedVerdict } from '@apisig/core';
import { failureAnswer } from '@apisig/core/adapter';
import type { NodeRefusal } from '../middleware.js';
import { JSON_ANSWER_HEADERS } from '../respond.js';

/** An answer ready to write: status, headers, and the JSON body as text. */
export interface JsonAnswer {
  status: number;
  headers: Record<string, string>;
  text: string;
}

/**
 * The answer to a verdict that is not ok: the app's own when onRefusal gave one, written as
 * JSON with `no-store` (as node's middleware writes it), else core's standard answer.
 */
export function refusalAnswer(
  verdict: RefusedVerdict | ErrorVerdict,
  own: NodeRefusal | undefined,
): JsonAnswer {
  if (own === undefined) {
    const { status, headers, body } = failureAnswer(verdict);
    return { status, headers, text: JSON.stringify(body) };
  }
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(own.headers ?? {})) {
    if (!Object.hasOwn(JSON_ANSWER_HEADERS, name.toLowerCase())) headers[name] = value;
  }
  return {
    status: own.status,
    headers: { ...headers, ...JSON_ANSWER_HEADERS },
    text: JSON.stringify(own.body ?? null),
  };
}
