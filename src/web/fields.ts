/**
 * What the web app's screens need beyond the contract's fields: each deadline counted in working
 * days from today (on the platform clock, so FAKE_NOW holds), the people an intake officer or a
 * legal-aid coordinator assigns, and the party accounts a mediator may caucus with.
 */
import { accountQueries } from '../../projections/accounts.ts';
import { relationOf } from '../dispute/access.ts';
import type { Role } from '../dispute/model.ts';
import { requireViewer, type GraphQLContext } from '../graphql/context.ts';
import type { DeadlineResolvers, DisputeResolvers, QueryResolvers } from '../graphql/generated.ts';
import { toLocalDate, type LocalDate } from '../rules/calendar.ts';
import { workingDaysBetween } from '../rules/periods.ts';
import { forbidden } from '../shared/errors.ts';

const today = (ctx: GraphQLContext) => toLocalDate(ctx.platform.config.clock.now());

export const deadlineFields: DeadlineResolvers<GraphQLContext> = {
  workingDaysLeft: (deadline, _, ctx) => workingDaysBetween(today(ctx), deadline.lastDay as LocalDate),
  passed: (deadline, _, ctx) => Date.parse(deadline.dueAt) <= ctx.platform.config.clock.now().getTime(),
};

/** Who may list whom: the assigning roles, and only the roles they assign. */
const ASSIGNS: Partial<Record<Role, readonly Role[]>> = {
  INTAKE_OFFICER: ['MEDIATOR', 'ARBITRATOR'],
  LEGAL_AID_LAWYER: ['LEGAL_AID_LAWYER'],
};

export const staffQueries: QueryResolvers<GraphQLContext> = {
  staffDirectory(_, { role }, ctx) {
    const viewer = requireViewer(ctx);
    const coordinatorOnly = viewer.role === 'LEGAL_AID_LAWYER' && !viewer.coordinator;
    if (!ASSIGNS[viewer.role as Role]?.includes(role) || coordinatorOnly) throw forbidden('only the person who assigns may list these accounts');
    // Names and ids only: an assignment needs no e-mail address.
    return accountQueries(ctx.platform.readModel).withRole(role).map((a) => ({ id: a.id, name: a.name }));
  },
};

export const disputeFields: DisputeResolvers<GraphQLContext> = {
  caucusParties(dispute, _, ctx) {
    const state = ctx.platform.queries.dispute(dispute.id);
    if (!state || relationOf(state, requireViewer(ctx)) !== 'MEDIATOR') return [];
    const staff = accountQueries(ctx.platform.readModel).respondentStaff(state.respondent.institutionId, state.respondent.code)[0];
    return [
      { side: 'CLAIMANT' as const, userId: state.claimant.userId, name: state.claimant.name },
      ...(staff ? [{ side: 'RESPONDENT' as const, userId: staff.id, name: state.respondent.name }] : []),
    ];
  },
};
