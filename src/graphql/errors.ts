/**
 * Maps errors to API.md's codes. Domain errors keep their message and extensions; anything else
 * becomes INTERNAL with a fixed message (no stack, no SQL), and is logged with the request.
 */
import type { FastifyBaseLogger } from 'fastify';
import { GraphQLError, type ExecutionResult } from 'graphql';
import { DomainError } from '../shared/errors.ts';

export function toGraphQLError(error: GraphQLError, log?: FastifyBaseLogger): GraphQLError {
  const original = error.originalError;
  if (original instanceof DomainError) {
    return new GraphQLError(original.message, {
      path: error.path,
      extensions: { ...original.extensions, code: original.code },
    });
  }
  // mercurius wraps errors from resolvers; look for ours inside.
  const inner = (original as { originalError?: unknown } | undefined)?.originalError;
  if (inner instanceof DomainError) return toGraphQLError(new GraphQLError(error.message, { path: error.path, originalError: inner }), log);
  if (!original || original instanceof GraphQLError) {
    // Parse and validation errors: the request itself is wrong.
    const code = error.extensions?.code;
    return new GraphQLError(error.message, {
      path: error.path,
      nodes: error.nodes,
      extensions: { code: typeof code === 'string' && code !== 'GRAPHQL_VALIDATION_FAILED' ? code : 'BAD_USER_INPUT' },
    });
  }
  log?.error({ err: original, path: error.path }, 'unexpected error in a resolver');
  return new GraphQLError('内部错误 / internal error', { path: error.path, extensions: { code: 'INTERNAL' } });
}

export function formatExecution(execution: ExecutionResult, log?: FastifyBaseLogger) {
  return {
    statusCode: 200,
    response: {
      data: execution.data ?? null,
      errors: execution.errors?.map((e) => toGraphQLError(e, log)),
    },
  };
}
