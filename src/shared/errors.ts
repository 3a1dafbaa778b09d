/**
 * The error codes of API.md, in one place. Deciders throw these; the GraphQL and HTTP edges
 * map them to `extensions.code` (and HTTP statuses). Anything else is INTERNAL.
 */
export type ErrorCode =
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'BAD_USER_INPUT'
  | 'INVALID_TRANSITION'
  | 'CONCURRENCY_CONFLICT'
  | 'DEADLINE_PASSED'
  | 'RATE_LIMITED'
  | 'INTERNAL';

export interface InputIssue {
  path: string;
  message: string;
}

export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly extensions: Record<string, unknown>;
  constructor(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}) {
    super(message);
    this.name = 'DomainError';
    this.code = code;
    this.extensions = extensions;
  }
}

export const notFound = (what = 'dispute') => new DomainError('NOT_FOUND', `${what} not found`);
export const forbidden = (message = 'not allowed for this role') => new DomainError('FORBIDDEN', message);
export const badInput = (issues: InputIssue[]) =>
  new DomainError('BAD_USER_INPUT', issues.map((i) => `${i.path}: ${i.message}`).join('; '), { issues });
export const invalidTransition = (status: string, command: string) =>
  new DomainError('INVALID_TRANSITION', `${command} is not possible while the dispute is ${status}`, { status });
export const deadlinePassed = (kind: string, dueAt: string) =>
  new DomainError('DEADLINE_PASSED', `the ${kind} deadline passed at ${dueAt}`, { kind, dueAt });
export const concurrencyConflict = (message = 'the dispute changed meanwhile; reload and try again') =>
  new DomainError('CONCURRENCY_CONFLICT', message);
