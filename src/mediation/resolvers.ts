import { getAccount, viewerFor } from '../accounts/accounts.ts';
import { relationOf, sideOf } from '../dispute/access.ts';
import type { PartySide } from '../dispute/model.ts';
import { requireViewer, type GraphQLContext } from '../graphql/context.ts';
import { act } from '../graphql/disputes.ts';
import type { MutationResolvers } from '../graphql/generated.ts';
import { parseInput } from '../shared/validation.ts';
import { mediationInputs } from './commands.ts';

/** The side of the dispute a user acts for, in whichever of their roles makes them a party. */
async function partySideOf(ctx: GraphQLContext, disputeId: string, userId: string): Promise<PartySide | undefined> {
  const state = ctx.platform.queries.dispute(disputeId);
  const account = state && (await getAccount(ctx.platform.store, userId));
  if (!state || !account) return undefined;
  for (const role of account.roles) {
    const relation = relationOf(state, viewerFor(account, role));
    const side = relation && sideOf(relation);
    if (side) return side;
  }
  return undefined;
}

export const mediationMutations: MutationResolvers<GraphQLContext> = {
  answerMediationInvitation: (_, { disputeId, ...args }, ctx) =>
    act(ctx, disputeId, { type: 'answerMediationInvitation', data: parseInput(mediationInputs.answerMediationInvitation, args) }),

  async assignMediator(_, { disputeId, ...args }, ctx) {
    const { mediatorId } = parseInput(mediationInputs.assignMediator, args);
    const account = await getAccount(ctx.platform.store, mediatorId);
    // The decider refuses a missing name, after it has checked who may assign.
    const name = account?.roles.includes('MEDIATOR') ? account.name : undefined;
    return act(ctx, disputeId, { type: 'assignMediator', data: { mediatorId, name } });
  },

  discloseConflicts: (_, { disputeId, ...args }, ctx) =>
    act(ctx, disputeId, { type: 'discloseConflicts', data: parseInput(mediationInputs.discloseConflicts, args) }),
  requestMediatorReplacement: (_, { disputeId, ...args }, ctx) =>
    act(ctx, disputeId, { type: 'requestMediatorReplacement', data: parseInput(mediationInputs.requestMediatorReplacement, args) }),
  scheduleSession: (_, { disputeId, ...args }, ctx) =>
    act(ctx, disputeId, { type: 'scheduleSession', data: parseInput(mediationInputs.scheduleSession, args) }),
  recordSession: (_, { disputeId, ...args }, ctx) =>
    act(ctx, disputeId, { type: 'recordSession', data: parseInput(mediationInputs.recordSession, args) }),

  async postMessage(_, { disputeId, ...args }, ctx) {
    const { body, caucusWith } = parseInput(mediationInputs.postMessage, args);
    // A mediator names a party by user id; which side that is depends on the dispute.
    const caucusSide =
      caucusWith && requireViewer(ctx).role === 'MEDIATOR' ? await partySideOf(ctx, disputeId, caucusWith) : undefined;
    return act(ctx, disputeId, { type: 'postMessage', data: { body, caucusWith, caucusSide } });
  },

  proposeSettlement: (_, { disputeId, ...args }, ctx) =>
    act(ctx, disputeId, { type: 'proposeSettlement', data: parseInput(mediationInputs.proposeSettlement, args) }),
  respondToOffer: (_, { disputeId, ...args }, ctx) =>
    act(ctx, disputeId, { type: 'respondToOffer', data: parseInput(mediationInputs.respondToOffer, args) }),
  requestAppraisal: (_, { disputeId, ...args }, ctx) =>
    act(ctx, disputeId, { type: 'requestAppraisal', data: parseInput(mediationInputs.requestAppraisal, args) }),
  completeAppraisal: (_, { disputeId, ...args }, ctx) =>
    act(ctx, disputeId, { type: 'completeAppraisal', data: parseInput(mediationInputs.completeAppraisal, args) }),
  extendMediation: (_, { disputeId, ...args }, ctx) =>
    act(ctx, disputeId, { type: 'extendMediation', data: parseInput(mediationInputs.extendMediation, args) }),
  endMediation: (_, { disputeId, ...args }, ctx) =>
    act(ctx, disputeId, { type: 'endMediation', data: parseInput(mediationInputs.endMediation, args) }),
  resumeMediation: (_, { disputeId }, ctx) => act(ctx, disputeId, { type: 'resumeMediation', data: {} }),
};
