/**
 * Live updates (API.md "Subscriptions"): `disputeUpdated(id)` over WebSocket, graphql-transport-ws.
 * After each batch the projections commit, every dispute it touched is announced on its own topic;
 * each subscriber then reads the dispute from the read model and is sent it as that subscriber may
 * see it, or nothing more once they may not. Every replica follows all events, so a subscriber hears
 * of writes made through any replica.
 */
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
import { DomainError } from '../shared/errors.ts';

export const disputeTopic = (disputeId: string) => `dispute:${disputeId}`;
const STREAM_PREFIX = disputeStream('');

/** What mercurius adds to the context of a subscription. */
interface LiveContext extends GraphQLContext {
  app: FastifyInstance;
  pubsub: SubscriptionContext;
  authError?: DomainError;
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
    context: (_socket: unknown, request: FastifyRequest) => ({ platform, correlationId: request.id, ip: request.ip }),
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

  const stop = platform.runner.onCommitted((events) => {
    const touched = new Set(events.filter((e) => e.streamName.startsWith(STREAM_PREFIX)).map((e) => e.streamName.slice(STREAM_PREFIX.length)));
    for (const disputeId of touched) app.graphql.pubsub.publish({ topic: disputeTopic(disputeId), payload: disputeId });
  });
  app.addHook('onClose', async () => stop());
}

/** The dispute as this subscriber may see it after each change; the end once they may not. */
export async function* updatesOf(ctx: GraphQLContext, disputeId: string, changes: AsyncIterable<unknown>): AsyncGenerator<{ disputeUpdated: Dispute }> {
  // Not for-await: leaving it early would destroy mercurius' queue (logged as an error); mercurius
  // closes the queue itself when the subscription ends.
  const announced = changes[Symbol.asyncIterator]();
  while (!(await announced.next()).done) {
    const state = ctx.platform.queries.dispute(disputeId);
    const relation = state && ctx.viewer && relationOf(state, ctx.viewer);
    if (!state || !relation) return;
    yield { disputeUpdated: show(ctx, state, relation) };
  }
}

export const liveSubscriptions: SubscriptionResolvers<GraphQLContext> = {
  disputeUpdated: {
    async subscribe(_, { id }, ctx) {
      const { app, pubsub } = ctx as LiveContext;
      try {
        // Checked before listening, so a refused subscription leaves nothing behind.
        visibleDispute(ctx, ctx.platform.queries.dispute(id));
        return updatesOf(ctx, id, await pubsub.subscribe(disputeTopic(id)));
      } catch (error) {
        throw coded(error, app.log);
      }
    },
  },
};
