/**
 * The JSON body parser of the HTTP edge. JSON.parse makes `__proto__` and `constructor` ordinary
 * own keys (no prototype is touched), so they are found here and refused with the path of the key,
 * rather than as "Body is not valid JSON". Nesting is bounded too: graphql-js coerces variables
 * recursively, and a 100,000-deep list must be refused, not overflow the stack.
 */
import type { InputIssue } from '../shared/errors.ts';

/** Deeper than any input of the schema (the deepest is input.remedies.0.amountFen). */
export const MAX_JSON_DEPTH = 32;
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export class JsonBodyError extends Error {
  readonly statusCode = 400;
  readonly issues: InputIssue[];
  constructor(message: string, issues: InputIssue[]) {
    super(message);
    this.name = 'JsonBodyError';
    this.issues = issues;
  }
}

/** The keys no body may use and the places nested too deeply, walked without recursion. */
export function jsonBodyIssues(value: unknown): InputIssue[] {
  const issues: InputIssue[] = [];
  const pending: Array<{ value: unknown; path: string[] }> = [{ value, path: [] }];
  while (pending.length > 0 && issues.length < 20) {
    const { value: node, path } = pending.pop()!;
    if (node === null || typeof node !== 'object') continue;
    if (path.length >= MAX_JSON_DEPTH) {
      issues.push({ path: path.join('.'), message: `嵌套过深（最多 ${MAX_JSON_DEPTH} 层）/ nested more than ${MAX_JSON_DEPTH} levels deep` });
      continue;
    }
    for (const [key, child] of Object.entries(node)) {
      const at = [...path, key];
      if (FORBIDDEN_KEYS.has(key)) issues.push({ path: at.join('.'), message: `不允许的字段名 ${key} / the key "${key}" is not allowed` });
      else pending.push({ value: child, path: at });
    }
  }
  return issues;
}

export function parseJsonBody(body: string): unknown {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (error) {
    throw new JsonBodyError(`请求体不是有效的 JSON / the body is not valid JSON: ${(error as Error).message}`, [{ path: 'body', message: (error as Error).message }]);
  }
  const issues = jsonBodyIssues(value);
  if (issues.length > 0) throw new JsonBodyError(issues.map((i) => `${i.path}: ${i.message}`).join('; '), issues);
  return value;
}
