/**
 * Maps errors to API.md's codes. Domain errors keep their message and extensions; anything else
 * becomes INTERNAL with a fixed message (no stack, no SQL), and is logged with the request.
 */
import type { FastifyBaseLogger, FastifyReply } from 'fastify';
import { GraphQLError, type ExecutionResult } from 'graphql';
import { GRAPHQL_RESPONSE, mediaTypeOf } from '../http/graphqlOverHttp.ts';
import { DomainError, type InputIssue } from '../shared/errors.ts';
import { variableIssues, withoutSuggestions } from './inputIssues.ts';

export function toGraphQLError(error: GraphQLError, log?: FastifyBaseLogger, hideSuggestions = false): GraphQLError {
  const coded = codedError(error, log);
  if (!hideSuggestions) return coded;
  const issues = coded.extensions.issues as InputIssue[] | undefined;
  return new GraphQLError(withoutSuggestions(coded.message), {
    path: coded.path,
    nodes: coded.nodes,
    extensions: { ...coded.extensions, ...(issues ? { issues: issues.map((i) => ({ ...i, message: withoutSuggestions(i.message) })) } : {}) },
  });
}

function codedError(error: GraphQLError, log?: FastifyBaseLogger): GraphQLError {
  const original = error.originalError;
  if (original instanceof DomainError) {
    return new GraphQLError(original.message, {
      path: error.path,
      extensions: { ...original.extensions, code: original.code },
    });
  }
  // mercurius wraps errors from resolvers; look for ours inside.
  const inner = (original as { originalError?: unknown } | undefined)?.originalError;
  if (inner instanceof DomainError) return codedError(new GraphQLError(error.message, { path: error.path, originalError: inner }), log);
  if (!original || original instanceof GraphQLError) {
    // Parse and validation errors: the request itself is wrong.
    const code = error.extensions?.code;
    const issues = variableIssues(error);
    return new GraphQLError(error.message, {
      path: error.path,
      nodes: error.nodes,
      extensions: { code: typeof code === 'string' && code !== 'GRAPHQL_VALIDATION_FAILED' ? code : 'BAD_USER_INPUT', ...(issues ? { issues } : {}) },
    });
  }
  log?.error({ err: original, path: error.path }, 'unexpected error in a resolver');
  return new GraphQLError('内部错误 / internal error', { path: error.path, extensions: { code: 'INTERNAL' } });
}

/**
 * Failures of the request itself, before any resolver ran (no path): an invalid document or one over
 * the limits, which mercurius reports as one error listing them; malformed JSON; a body too large.
 * The caller's to fix: BAD_USER_INPUT. Transport failures keep their HTTP status.
 */
function requestErrors(error: GraphQLError, hideSuggestions: boolean): { status: number; errors: GraphQLError[] } | undefined {
  const original = error.originalError as (Error & { statusCode?: number; code?: string; errors?: unknown }) | undefined;
  if (error.path || !original || original instanceof DomainError || original instanceof GraphQLError) return undefined;
  const status = original.statusCode;
  if (typeof status !== 'number' || status < 400 || status >= 500) return undefined;
  const listed = Array.isArray(original.errors) && original.errors.length > 0 ? (original.errors as Error[]) : [original];
  return {
    status: original.code?.startsWith('MER_ERR_GQL') ? 200 : status,
    errors: listed.map((e) => {
      const given = (e as { issues?: InputIssue[] }).issues;
      const issues = Array.isArray(given) ? given : e instanceof GraphQLError ? variableIssues(e) : undefined;
      const hide = (message: string) => (hideSuggestions ? withoutSuggestions(message) : message);
      return new GraphQLError(hide(e.message), {
        extensions: { code: 'BAD_USER_INPUT', ...(issues ? { issues: issues.map((i) => ({ ...i, message: hide(i.message) })) } : {}) },
      });
    }),
  };
}

/**
 * The response and its status. With `application/json` (existing clients) a GraphQL error keeps 200
 * and `data: null`; with `application/graphql-response+json` a request that never executed (parse,
 * validation or variable failure, a refused token) has no `data` and a 4xx status, as the spec asks.
 */
export function formatExecution(execution: ExecutionResult, context?: { reply?: FastifyReply }, log?: FastifyBaseLogger, hideSuggestions = false) {
  let statusCode = 200;
  const errors = execution.errors?.flatMap((e) => {
    const refused = requestErrors(e, hideSuggestions);
    if (!refused) return [toGraphQLError(e, log, hideSuggestions)];
    statusCode = refused.status;
    return refused.errors;
  });
  const executed = execution.data !== undefined;
  if (mediaTypeOf(context?.reply?.request) !== GRAPHQL_RESPONSE || executed) return { statusCode, response: { data: execution.data ?? null, errors } };
  if (statusCode === 200) statusCode = errors?.some((e) => e.extensions.code === 'UNAUTHENTICATED') ? 401 : 400;
  return { statusCode, response: { errors } };
}
