/**
 * The HTTP edge: Fastify with GraphQL (mercurius, schema-first from schema.graphql), health and
 * readiness. Everything else is in the platform it is given.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyReply } from 'fastify';
import type { DestinationStream } from 'pino';
import { GraphQLError } from 'graphql';
import mercurius from 'mercurius';
import type { GraphQLContext } from './graphql/context.ts';
import { evidenceRoutes } from './evidence/routes.ts';
import { bundleRoutes } from './bundle/routes.ts';
import { statisticsRoutes } from './readmodels/routes.ts';
import { exportRoutes } from './privacy/export.ts';
import { authenticator } from './graphql/auth.ts';
import { formatExecution } from './graphql/errors.ts';
import { resolvers } from './graphql/resolvers.ts';
import { graphqlOverHttp } from './http/graphqlOverHttp.ts';
import { graphqlLimits, hardening } from './http/hardening.ts';
import { nestingProblem } from './http/queryLimits.ts';
import { loggerOptions } from './http/logging.ts';
import { webApp } from './http/webapp.ts';
import { liveTransport, liveUpdates, subscriptionOptions } from './live/subscriptions.ts';
import type { Platform } from './platform.ts';
import { DomainError } from './shared/errors.ts';

export const schema = readFileSync(new URL('../schema.graphql', import.meta.url), 'utf8');

export interface AppOptions {
  logger?: boolean | object;
  /** A logger made already (the server's, shared with the platform). */
  loggerInstance?: FastifyBaseLogger;
  /** Where the default logger writes (tests capture it); stdout otherwise. */
  logStream?: DestinationStream;
}

export async function buildApp(platform: Platform, options: AppOptions = {}): Promise<FastifyInstance> {
  const { config } = platform;
  const app = Fastify({
    ...(options.loggerInstance ? { loggerInstance: options.loggerInstance } : { logger: options.logger ?? loggerOptions(config, options.logStream) }),
    genReqId: () => randomUUID(),
    bodyLimit: config.limits.bodyMaxBytes,
  });
  // Set before any route: a route keeps the error handler in force when it was added.
  app.setErrorHandler((error, request, reply) => {
    const status = (error as { statusCode?: number }).statusCode ?? 500;
    if (status >= 500) request.log.error({ err: error }, 'request failed');
    reply.code(status).send({ error: status >= 500 ? 'internal error' : (error as Error).message });
  });
  const authenticate = authenticator(platform.store, config.jwtSecret);
  await app.register(hardening, { config });

  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_, reply) => {
    if (!platform.runner.caughtUp) return reply.code(503).send({ status: 'starting', position: String(platform.runner.position) });
    return { status: 'ready', position: String(platform.runner.position) };
  });
  await app.register(evidenceRoutes, { platform, authenticate });
  await app.register(graphqlOverHttp, { path: '/graphql' });
  await app.register(bundleRoutes, { platform, authenticate });
  await app.register(statisticsRoutes, { platform, authenticate });
  await app.register(exportRoutes, { platform, authenticate });

  await liveTransport(app);
  await app.register(mercurius, {
    schema,
    resolvers: resolvers as never,
    graphiql: !config.production,
    path: '/graphql',
    // Documents parsed and validated once per text (an LRU), and compiled with graphql-jit from their
    // second use: a client sends the same few documents over and over.
    cache: 1024,
    jit: 1,
    ...graphqlLimits(config.limits.graphql),
    subscription: subscriptionOptions(platform, authenticate),
    context: async (request): Promise<GraphQLContext> => {
      const base = { platform, correlationId: request.id, ip: request.ip };
      try {
        return { ...base, ...(await authenticate(request.headers.authorization)) };
      } catch (error) {
        if (error instanceof DomainError) return { ...base, authError: error } as GraphQLContext;
        throw error;
      }
    },
    // Production answers carry no "Did you mean" hints: they would list the schema's names to anyone.
    errorFormatter: (execution, context) => formatExecution(execution, context as { reply?: FastifyReply }, app.log, config.production),
  });

  // Lexed once per document text, like mercurius' own cache: the answer depends on the text alone.
  const nesting = new Map<string, string | undefined>();
  app.graphql.addHook('preParsing', async (_schema, source) => {
    let problem = nesting.get(source);
    if (problem === undefined && !nesting.has(source)) {
      problem = nestingProblem(source, config.limits.graphql.maxTokens);
      if (nesting.size >= 1024) nesting.clear();
      nesting.set(source, problem);
    }
    if (problem) throw new GraphQLError(problem, { extensions: { code: 'BAD_USER_INPUT' } });
  });

  // A bad token is refused on every operation, rather than treated as the public.
  app.graphql.addHook('preExecution', async (_schema, _document, context) => {
    const authError = (context as unknown as { authError?: DomainError }).authError;
    if (authError) throw authError;
  });
  liveUpdates(app, platform);
  // Last: its page answers only what no route above took.
  await webApp(app);

  return app;
}
