import { findInstitutionByCode, getInstitution } from '../accounts/accounts.ts';
import type { Respondent } from '../dispute/state.ts';
import { requireViewer, type GraphQLContext } from '../graphql/context.ts';
import { act, shown } from '../graphql/disputes.ts';
import type { MutationResolvers } from '../graphql/generated.ts';
import { toLocalDate } from '../rules/calendar.ts';
import { badInput, forbidden } from '../shared/errors.ts';
import { newId } from '../shared/ids.ts';
import { parseInput } from '../shared/validation.ts';
import { fileDisputeInput, intakeInputs, type FileDisputeInput } from './commands.ts';

/** Links the complaint to a registered institution, by id or by its credit code. */
async function resolveRespondent(ctx: GraphQLContext, given: FileDisputeInput['respondent']): Promise<Respondent> {
  const { store } = ctx.platform;
  const { institutionId, ...rest } = given;
  const registered = institutionId
    ? await getInstitution(store, institutionId)
    : given.code
      ? await findInstitutionByCode(store, given.code)
      : undefined;
  if (institutionId && !registered) {
    throw badInput([{ path: 'input.respondent.institutionId', message: '没有这家机构 / no such institution' }]);
  }
  if (!registered) return rest;
  return { institutionId: registered.id, name: registered.name, code: registered.code, licence: rest.licence ?? registered.licence };
}

export const intakeMutations: MutationResolvers<GraphQLContext> = {
  async fileDispute(_, { input }, ctx) {
    const viewer = requireViewer(ctx);
    if (viewer.role !== 'CONSUMER') throw forbidden('only a consumer files a complaint');
    const now = ctx.platform.config.clock.now();
    const parsed = parseInput(fileDisputeInput(toLocalDate(now)), input, 'input');
    const respondent = await resolveRespondent(ctx, parsed.respondent);
    const disputeId = newId();
    // The case number is given by the platform once the filing is decided (src/dispute/handler.ts).
    const result = await ctx.platform.file({ ...parsed, respondent, disputeId }, { viewer, correlationId: ctx.correlationId });
    return shown(ctx, disputeId, result);
  },
  requestInformation: (_, { disputeId, ...args }, ctx) =>
    act(ctx, disputeId, { type: 'requestInformation', data: parseInput(intakeInputs.requestInformation, args) }),
  supplementInformation: (_, { disputeId, ...args }, ctx) =>
    act(ctx, disputeId, { type: 'supplementInformation', data: parseInput(intakeInputs.supplementInformation, args) }),
  acceptDispute: (_, { disputeId, ...args }, ctx) =>
    act(ctx, disputeId, { type: 'acceptDispute', data: parseInput(intakeInputs.acceptDispute, args) }),
  rejectDispute: (_, { disputeId, ...args }, ctx) =>
    act(ctx, disputeId, { type: 'rejectDispute', data: parseInput(intakeInputs.rejectDispute, args) }),
  withdrawDispute: (_, { disputeId, ...args }, ctx) =>
    act(ctx, disputeId, { type: 'withdrawDispute', data: parseInput(intakeInputs.withdrawDispute, args) }),
  referToAuthority: (_, { disputeId, ...args }, ctx) =>
    act(ctx, disputeId, { type: 'referToAuthority', data: parseInput(intakeInputs.referToAuthority, args) }),
  recordAuthorityOutcome: (_, { disputeId, ...args }, ctx) =>
    act(ctx, disputeId, { type: 'recordAuthorityOutcome', data: parseInput(intakeInputs.recordAuthorityOutcome, args) }),
};
