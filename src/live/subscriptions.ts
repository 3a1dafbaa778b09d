/**
 * Live updates (API.md "Subscriptions"): `disputeUpdated(id)` over WebSocket, graphql-transport-ws.
 * After each batch the projections commit, every dispute it touched is announced on its own topic;
 * each subscriber then reads the dispute from the read model and is sent it as that subscriber may
 * see it, or nothing more once they may not. Every replica follows all events, so a subscriber hears
 * of writes made through any replica.
 */
import websocket from '@fastify/websocket';
import type { FastifyBaseLogger, FastifyInstance, FastifyRequest } from 'fastify';
import { GraphQLError, specifiedRules, validate } from 'graphql';
import type { SubscriptionContext } from 'mercurius';
import { relationOf } from '../dispute/access.ts';
import { disputeStream } from '../dispute/events.ts';
import type { Authenticate } from '../graphql/auth.ts';
import type { GraphQLContext } from '../graphql/context.ts';
import { show, visibleDispute } from '../graphql/disputes.ts';
import { toGraphQLError } from '../graphql/errors.ts';
import type { Dispute, SubscriptionResolvers } from '../graphql/generated.ts';
import { documentRules, nestingProblem } from '../http/queryLimits.ts';
import type { Platform } from '../platform.ts';
import { badInput, DomainError } from '../shared/errors.ts';

export const disputeTopic = (disputeId: string) => `dispute:${disputeId}`;
const STREAM_PREFIX = disputeStream('');

/** graphql-transport-ws: a frame that is no protocol message closes the connection with 4400. */
export const INVALID_MESSAGE = 4400;

/** The subscriptions a connection holds now: at most config.limits.subscriptionsPerConnection. */
interface Connection {
  active: Set<string>;
}

/** What mercurius adds to the context of a subscription. */
interface LiveContext extends GraphQLContext {
  app: FastifyInstance;
  pubsub: SubscriptionContext;
  authError?: DomainError;
  connection: Connection;
  /** The operation id of the subscribe message. */
  id: string;
}

/** Whether a frame is a graphql-transport-ws message: a JSON object with a string type. */
function isProtocolMessage(data: unknown): boolean {
  try {
    const message: unknown = JSON.parse(String(data));
    return typeof message === 'object' && message !== null && typeof (message as { type?: unknown }).type === 'string';
  } catch {
    return false;
  }
}

/**
 * A refusal as the stream of the subscription: it fails on the first read, and mercurius sends
 * it as the subscription's error. (Thrown from subscribe, mercurius would also log it as an error.)
 */
function refusedStream(error: GraphQLError): AsyncIterableIterator<never> {
  return {
    [Symbol.asyncIterator]() {
      return this;
    },
    next: () => Promise.reject(error),
    return: () => Promise.resolve({ done: true, value: undefined }),
  };
}

/**
 * mercurius sends subscription errors as they are thrown, not through the error formatter: give
 * them their code here (and keep anything unexpected out of the message).
 */
function coded(error: unknown, log: FastifyBaseLogger): GraphQLError {
  return toGraphQLError(new GraphQLError((error as Error).message, { originalError: error as Error }), log);
}

/** The connection's context: the person named by the token in `connection_init`, as on HTTP. */
export function subscriptionOptions(platform: Platform, authenticate: Authenticate) {
  return {
    context: (_socket: unknown, request: FastifyRequest) => ({
      platform,
      correlationId: request.id,
      ip: request.ip,
      connection: { active: new Set<string>() } satisfies Connection,
    }),
    // A bad token is kept and refused on subscribe, with the error HTTP gives for it.
    onConnect: async ({ payload }: { payload?: { authorization?: unknown } | null }) => {
      const authorization = payload?.authorization;
      try {
        return await authenticate(authorization === undefined || authorization === null ? undefined : String(authorization));
      } catch (error) {
        if (error instanceof DomainError) return { authError: error };
        throw error;
      }
    },
  };
}

/**
 * The WebSocket server, registered before mercurius (which then uses it rather than its own), so
 * every socket can be watched from the start: mercurius answers a frame that is not JSON with an
 * error and reads on, where graphql-transport-ws closes the connection with 4400.
 */
export async function liveTransport(app: FastifyInstance): Promise<void> {
  await app.register(websocket, { options: { maxPayload: 1024 * 1024 } });
  app.websocketServer.on('connection', (socket) => {
    socket.on('message', (data) => {
      if (!isProtocolMessage(data)) socket.close(INVALID_MESSAGE, 'Invalid message received');
    });
  });
}

/** Announces committed changes to subscribers, and checks what they subscribe with. */
export function liveUpdates(app: FastifyInstance, platform: Platform): void {
  // mercurius validates no subscription document; the same rules and limits as for HTTP apply.
  const rules = [...specifiedRules, ...documentRules(platform.config.limits.graphql)];
  app.graphql.addHook('preSubscriptionParsing', async (_schema, source) => {
    const problem = nestingProblem(source, platform.config.limits.graphql.maxTokens);
    if (problem) throw new GraphQLError(problem, { extensions: { code: 'BAD_USER_INPUT' } });
  });
  app.graphql.addHook<LiveContext>('preSubscriptionExecution', async (schema, document, context) => {
    if (context.authError) throw coded(context.authError, app.log);
    const [invalid] = validate(schema, document, rules);
    if (invalid) throw new GraphQLError(invalid.message, { extensions: { code: 'BAD_USER_INPUT' } });
  });

  app.graphql.addHook<LiveContext>('onSubscriptionEnd', async (context, id) => {
    context.connection?.active.delete(String(id));
  });

  const stop = platform.runner.onCommitted((events) => {
    const touched = new Set(events.filter((e) => e.streamName.startsWith(STREAM_PREFIX)).map((e) => e.streamName.slice(STREAM_PREFIX.length)));
    for (const disputeId of touched) app.graphql.pubsub.publish({ topic: disputeTopic(disputeId), payload: disputeId });
  });
  app.addHook('onClose', async () => stop());
}

/** The dispute as this subscriber may see it after each change; the end once they may not. */
export async function* updatesOf(ctx: GraphQLContext, disputeId: string, changes: AsyncIterable<unknown>, onEnd = () => {}): AsyncGenerator<{ disputeUpdated: Dispute }> {
  // Not for-await: leaving it early would destroy mercurius' queue (logged as an error); mercurius
  // closes the queue itself when the subscription ends.
  const announced = changes[Symbol.asyncIterator]();
  try {
    while (!(await announced.next()).done) {
      const state = ctx.platform.queries.dispute(disputeId);
      const relation = state && ctx.viewer && relationOf(state, ctx.viewer);
      if (!state || !relation) return;
      yield { disputeUpdated: show(ctx, state, relation) };
    }
  } finally {
    onEnd();
  }
}

export const liveSubscriptions: SubscriptionResolvers<GraphQLContext> = {
  disputeUpdated: {
    async subscribe(_, { id }, ctx) {
      const { app, pubsub, connection, id: operation } = ctx as LiveContext;
      const max = ctx.platform.config.limits.subscriptionsPerConnection;
      try {
        // Checked before listening, so a refused subscription leaves nothing behind.
        visibleDispute(ctx, ctx.platform.queries.dispute(id));
        if (connection.active.size >= max) {
          throw badInput([{ path: 'subscribe', message: `每个连接最多 ${max} 个订阅 / at most ${max} subscriptions per connection` }]);
        }
        connection.active.add(operation);
        return updatesOf(ctx, id, await pubsub.subscribe(disputeTopic(id)), () => connection.active.delete(operation));
      } catch (error) {
        return refusedStream(coded(error, app.log)) as never;
      }
    },
  },
};
