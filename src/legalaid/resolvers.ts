import { getAccount } from '../accounts/accounts.ts';
import type { GraphQLContext } from '../graphql/context.ts';
import { act } from '../graphql/disputes.ts';
import type { MutationResolvers } from '../graphql/generated.ts';
import { parseInput } from '../shared/validation.ts';
import { legalAidInputs } from './commands.ts';

export const legalAidMutations: MutationResolvers<GraphQLContext> = {
  applyForLegalAid: (_, { disputeId, ...args }, ctx) =>
    act(ctx, disputeId, { type: 'applyForLegalAid', data: parseInput(legalAidInputs.applyForLegalAid, args) }),
  decideLegalAid: (_, { disputeId, ...args }, ctx) =>
    act(ctx, disputeId, { type: 'decideLegalAid', data: parseInput(legalAidInputs.decideLegalAid, args) }),
  async assignLegalAidLawyer(_, { disputeId, ...args }, ctx) {
    const { lawyerId } = parseInput(legalAidInputs.assignLegalAidLawyer, args);
    const account = await getAccount(ctx.platform.store, lawyerId);
    // The decider refuses a missing name, after the caller's access and the status are checked.
    const name = account?.roles.includes('LEGAL_AID_LAWYER') ? account.name : undefined;
    return act(ctx, disputeId, { type: 'assignLegalAidLawyer', data: { lawyerId, name } });
  },
  recordPowerOfAttorney: (_, { disputeId }, ctx) => act(ctx, disputeId, { type: 'recordPowerOfAttorney', data: {} }),
};
