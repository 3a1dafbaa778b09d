import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import type { GraphQLContext } from '../graphql/context.ts';
import type { MutationResolvers } from '../graphql/generated.ts';
import { parseInput } from '../shared/validation.ts';
import type { Caller } from './auth.ts';
import { emailAddress, registerConsumerInput } from './inputs.ts';

/** mercurius adds the Fastify reply to the context: its logger carries the request id. */
function caller(ctx: GraphQLContext): Caller {
  const { reply } = ctx as GraphQLContext & { reply?: FastifyReply };
  return { ip: ctx.ip, correlationId: ctx.correlationId, log: reply?.log };
}

export const authMutations: MutationResolvers<GraphQLContext> = {
  requestLoginCode: (_, args, ctx) => ctx.platform.auth.requestLoginCode(parseInput(z.object({ email: emailAddress }), args).email, caller(ctx)),
  signIn: (_, { email, code, role }, ctx) => ctx.platform.auth.signIn(email, code, role ?? undefined, caller(ctx)),
  registerConsumer: (_, { input }, ctx) => ctx.platform.auth.registerConsumer(parseInput(registerConsumerInput, input, 'input'), caller(ctx)),
};
