import type { GraphQLContext } from '../graphql/context.ts';
import { act } from '../graphql/disputes.ts';
import type { MutationResolvers } from '../graphql/generated.ts';
import { parseInput } from '../shared/validation.ts';
import { settlementInputs } from './commands.ts';

export const settlementMutations: MutationResolvers<GraphQLContext> = {
  draftAgreement: (_, { disputeId, ...args }, ctx) =>
    act(ctx, disputeId, { type: 'draftAgreement', data: parseInput(settlementInputs.draftAgreement, args) }),
  signAgreement: (_, { disputeId, ...args }, ctx) =>
    act(ctx, disputeId, { type: 'signAgreement', data: parseInput(settlementInputs.signAgreement, args) }),
  declineAgreement: (_, { disputeId, ...args }, ctx) =>
    act(ctx, disputeId, { type: 'declineAgreement', data: parseInput(settlementInputs.declineAgreement, args) }),
};
