import type { GraphQLContext } from '../graphql/context.ts';
import { act } from '../graphql/disputes.ts';
import type { MutationResolvers } from '../graphql/generated.ts';
import { parseInput } from '../shared/validation.ts';
import { confirmationInputs } from './commands.ts';

export const confirmationMutations: MutationResolvers<GraphQLContext> = {
  applyForConfirmation: (_, { disputeId, ...args }, ctx) =>
    act(ctx, disputeId, { type: 'applyForConfirmation', data: parseInput(confirmationInputs.applyForConfirmation, args) }),
  acceptConfirmationApplication: (_, { disputeId }, ctx) => act(ctx, disputeId, { type: 'acceptConfirmationApplication', data: {} }),
  ruleOnConfirmation: (_, { disputeId, ...args }, ctx) =>
    act(ctx, disputeId, { type: 'ruleOnConfirmation', data: parseInput(confirmationInputs.ruleOnConfirmation, args) }),
};
