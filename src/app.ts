/**
 * The HTTP edge: Fastify with GraphQL (mercurius, schema-first from schema.graphql), health and
 * readiness. Everything else is in the platform it is given.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import Fastify, { type FastifyInstance } from 'fastify';
import mercurius from 'mercurius';
import type { GraphQLContext } from './graphql/context.ts';
import { authenticator } from './graphql/auth.ts';
import { formatExecution } from './graphql/errors.ts';
import { resolvers } from './graphql/resolvers.ts';
import type { Platform } from './platform.ts';
import { DomainError } from './shared/errors.ts';

export const schema = readFileSync(new URL('../schema.graphql', import.meta.url), 'utf8');

export interface AppOptions {
  logger?: boolean | object;
}

export async function buildApp(platform: Platform, options: AppOptions = {}): Promise<FastifyInstance> {
  const { config } = platform;
  const app = Fastify({
    logger: options.logger ?? { level: config.logLevel, redact: ['req.headers.authorization'] },
    genReqId: () => randomUUID(),
    bodyLimit: 1024 * 1024,
  });
  const authenticate = authenticator(platform.store, config.jwtSecret);

  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_, reply) => {
    if (!platform.runner.caughtUp) return reply.code(503).send({ status: 'starting', position: String(platform.runner.position) });
    return { status: 'ready', position: String(platform.runner.position) };
  });

  await app.register(mercurius, {
    schema,
    resolvers: resolvers as never,
    graphiql: !config.production,
    path: '/graphql',
    context: async (request): Promise<GraphQLContext> => {
      const base = { platform, correlationId: request.id, ip: request.ip };
      try {
        return { ...base, ...(await authenticate(request.headers.authorization)) };
      } catch (error) {
        if (error instanceof DomainError) return { ...base, authError: error } as GraphQLContext;
        throw error;
      }
    },
    errorFormatter: (execution) => formatExecution(execution, app.log),
  });

  // A bad token is refused on every operation, rather than treated as the public.
  app.graphql.addHook('preExecution', async (_schema, _document, context) => {
    const authError = (context as unknown as { authError?: DomainError }).authError;
    if (authError) throw authError;
  });

  app.setErrorHandler((error, request, reply) => {
    const status = (error as { statusCode?: number }).statusCode ?? 500;
    if (status >= 500) request.log.error({ err: error }, 'request failed');
    reply.code(status).send({ error: status >= 500 ? 'internal error' : (error as Error).message });
  });

  return app;
}
