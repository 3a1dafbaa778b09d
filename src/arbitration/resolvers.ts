import { getAccount } from '../accounts/accounts.ts';
import type { GraphQLContext } from '../graphql/context.ts';
import { act } from '../graphql/disputes.ts';
import type { MutationResolvers } from '../graphql/generated.ts';
import { parseInput } from '../shared/validation.ts';
import { arbitrationInputs } from './commands.ts';

export const arbitrationMutations: MutationResolvers<GraphQLContext> = {
  signArbitrationAgreement: (_, { disputeId, ...args }, ctx) =>
    act(ctx, disputeId, { type: 'signArbitrationAgreement', data: parseInput(arbitrationInputs.signArbitrationAgreement, args) }),
  async appointArbitrator(_, { disputeId, ...args }, ctx) {
    const { arbitratorId } = parseInput(arbitrationInputs.appointArbitrator, args);
    const account = await getAccount(ctx.platform.store, arbitratorId);
    // The decider refuses a missing name, after it has checked who may appoint: outsiders learn nothing of accounts.
    const name = account?.roles.includes('ARBITRATOR') ? account.name : undefined;
    return act(ctx, disputeId, { type: 'appointArbitrator', data: { arbitratorId, name } });
  },
  scheduleHearing: (_, { disputeId, ...args }, ctx) =>
    act(ctx, disputeId, { type: 'scheduleHearing', data: parseInput(arbitrationInputs.scheduleHearing, args) }),
  renderAward: (_, { disputeId, ...args }, ctx) =>
    act(ctx, disputeId, { type: 'renderAward', data: parseInput(arbitrationInputs.renderAward, args) }),
  recordAwardReceipt: (_, { disputeId, ...args }, ctx) =>
    act(ctx, disputeId, { type: 'recordAwardReceipt', data: parseInput(arbitrationInputs.recordAwardReceipt, args) }),
};
