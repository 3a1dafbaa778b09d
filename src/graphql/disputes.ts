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

/**
 * Views already made, by state (states are replaced, never changed) and by what the view depends on
 * besides the time: the relation and, for a regulator, its authority. A view is reused until the
 * next open offer expires (the only part that changes with time). Making the view again on every
 * read was a tenth of `dispute(id)`'s CPU.
 */
const views = new WeakMap<DisputeState, Map<string, { view: Dispute; from: number; until: number }>>();

export function show(ctx: GraphQLContext, state: DisputeState, relation: Relation): Dispute {
  const { config } = ctx.platform;
  const now = config.clock.now();
  const key = `${relation}:${ctx.viewer!.authority ?? ''}`;
  let byKey = views.get(state);
  const known = byKey?.get(key);
  // A clock set back (tests pin it) could bring an expired offer back: the view holds from when it was made.
  if (known && known.from <= now.getTime() && now.getTime() < known.until) return known.view;
  const view = viewDispute(state, { relation, viewer: ctx.viewer!, now, rules: config.rules });
  if (!byKey) views.set(state, (byKey = new Map()));
  byKey.set(key, { view, from: now.getTime(), until: nextOfferExpiry(state, now) });
  return view;
}

/** When the view of an offer next changes by itself: the earliest expiry of an open offer still ahead. */
function nextOfferExpiry(state: DisputeState, now: Date): number {
  let until = Infinity;
  for (const offer of state.offers) {
    const at = offer.status === 'OPEN' && offer.expiresAt ? Date.parse(offer.expiresAt) : NaN;
    if (at > now.getTime() && at < until) until = at;
  }
  return until;
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
