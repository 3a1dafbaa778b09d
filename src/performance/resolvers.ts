import type { GraphQLContext } from '../graphql/context.ts';
import { act } from '../graphql/disputes.ts';
import type { MutationResolvers } from '../graphql/generated.ts';
import { parseInput } from '../shared/validation.ts';
import { performanceInputs } from './commands.ts';

export const performanceMutations: MutationResolvers<GraphQLContext> = {
  recordPerformance: (_, { disputeId, ...args }, ctx) =>
    act(ctx, disputeId, { type: 'recordPerformance', data: parseInput(performanceInputs.recordPerformance, args) }),
  confirmPerformance: (_, { disputeId, ...args }, ctx) =>
    act(ctx, disputeId, { type: 'confirmPerformance', data: parseInput(performanceInputs.confirmPerformance, args) }),
  applyForEnforcement: (_, { disputeId }, ctx) => act(ctx, disputeId, { type: 'applyForEnforcement', data: {} }),
  closeDispute: (_, { disputeId, ...args }, ctx) =>
    act(ctx, disputeId, { type: 'closeDispute', data: parseInput(performanceInputs.closeDispute, args) }),
};
