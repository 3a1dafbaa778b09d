/**
 * Dockets (DOMAIN.md 4): the open cases of one mediator, one court or one legal-aid lawyer, each
 * shown as that person sees it, soonest next deadline first. Read from the read model only.
 */
import type { DeadlineRow } from '../../projections/queries.ts';
import { relationOf, viewerKeys, type Relation } from '../dispute/access.ts';
import type { Role } from '../dispute/model.ts';
import type { DisputeState } from '../dispute/state.ts';
import { requireViewer, type GraphQLContext } from '../graphql/context.ts';
import { show } from '../graphql/disputes.ts';
import type { Deadline, DocketEntry } from '../graphql/generated.ts';
import { forbidden } from '../shared/errors.ts';

const toDeadline = ({ disputeId: _, ref, ...d }: DeadlineRow): Deadline => ({ ...d, ref: ref || null });

function docket(ctx: GraphQLContext, role: Role, belongs: (state: DisputeState, relation: Relation) => boolean): DocketEntry[] {
  const viewer = requireViewer(ctx);
  if (viewer.role !== role) throw forbidden(`this docket is for ${role}`);
  const { queries } = ctx.platform;
  const entries: Array<DocketEntry & { dueAt?: string }> = [];
  for (const state of queries.openDisputes(viewerKeys(viewer))) {
    const relation = relationOf(state, viewer);
    if (!relation || !belongs(state, relation)) continue;
    const next = queries.deadlinesOf(state.id)[0];
    entries.push({ dispute: show(ctx, state, relation), nextDeadline: next ? toDeadline(next) : null, dueAt: next?.dueAt });
  }
  // Cases without a deadline come last; sort is stable, so they keep the order of filing.
  return entries
    .sort((a, b) => (a.dueAt ?? '\uffff').localeCompare(b.dueAt ?? '\uffff'))
    .map(({ dueAt: _, ...entry }) => entry);
}

/** A coordinator's work: applications to decide, and granted ones still without a lawyer (LAL Art. 43). */
const awaitsCoordinator = (state: DisputeState) =>
  state.legalAid?.status === 'APPLIED' || (state.legalAid?.status === 'GRANTED' && !state.legalAid.lawyer);

export const docketQueries = {
  mediatorDocket: (ctx: GraphQLContext) => docket(ctx, 'MEDIATOR', (_, relation) => relation === 'MEDIATOR'),
  /** A court's open confirmation cases: applications it has not yet ruled on. */
  courtDocket: (ctx: GraphQLContext) =>
    docket(ctx, 'COURT', (state, relation) => relation === 'COURT' && state.status === 'CONFIRMATION_REQUESTED'),
  legalAidCaseload: (ctx: GraphQLContext) =>
    docket(ctx, 'LEGAL_AID_LAWYER', (state, relation) =>
      relation === 'CLAIMANT_LAWYER' || (relation === 'LEGAL_AID_COORDINATOR' && awaitsCoordinator(state)),
    ),
};
