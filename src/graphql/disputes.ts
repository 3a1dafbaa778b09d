/** What every dispute resolver shares: finding a dispute the caller may see, showing it, acting on it. */
import { relationOf, type Relation } from '../dispute/access.ts';
import type { DisputeCommand } from '../dispute/dispute.ts';
import type { CommandResult } from '../dispute/handler.ts';
import type { DisputeState } from '../dispute/state.ts';
import { viewDispute } from '../dispute/view.ts';
import { notFound } from '../shared/errors.ts';
import { requireViewer, type GraphQLContext } from './context.ts';
import type { Dispute } from './generated.ts';

/** The dispute and the caller's relation to it; NOT_FOUND alike for unknown and unseen disputes. */
export function visibleDispute(ctx: GraphQLContext, state: DisputeState | undefined): { state: DisputeState; relation: Relation } {
  const viewer = requireViewer(ctx);
  const relation = state && relationOf(state, viewer);
  if (!state || !relation) throw notFound();
  return { state, relation };
}

export function show(ctx: GraphQLContext, state: DisputeState, relation: Relation): Dispute {
  const { config } = ctx.platform;
  return viewDispute(state, { relation, viewer: ctx.viewer!, now: config.clock.now(), rules: config.rules });
}

/**
 * Runs a command and returns the dispute as the caller now sees it, from the read model once it
 * reflects the write. A caller whose own act ended their access (a mediator recusing) sees the
 * result once more, as they saw the dispute before.
 */
export async function act(ctx: GraphQLContext, disputeId: string, command: DisputeCommand): Promise<Dispute> {
  const viewer = requireViewer(ctx);
  const { platform } = ctx;
  const result = await platform.execute(disputeId, command, { viewer, correlationId: ctx.correlationId });
  return shown(ctx, disputeId, result);
}

/** The dispute after a command, as the caller now sees it (see act). */
export function shown(ctx: GraphQLContext, disputeId: string, result: CommandResult): Dispute {
  const viewer = requireViewer(ctx);
  const { platform } = ctx;
  const state = platform.queries.dispute(disputeId) ?? result.state;
  const relation = relationOf(state, viewer) ?? result.relation;
  if (!relation) throw notFound();
  return show(ctx, state, relation);
}
