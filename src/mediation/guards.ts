/**
 * Conditions the mediation commands share, exported for neighbouring capabilities that need the
 * same ones (settlement's draftAgreement is a mediator act within the mediation limit).
 */
import type { Relation } from '../dispute/access.ts';
import type { DecisionContext } from '../dispute/decider.ts';
import { mediationDeadline, openDeadlines, type DeadlineKind, type OpenDeadline } from '../dispute/deadlines.ts';
import type { DisputeState } from '../dispute/state.ts';
import { deadlinePassed, forbidden } from '../shared/errors.ts';

/** A period ends at 24:00 of its last day (dueAt): from that instant on it has passed. */
export const hasPassed = (dueAt: string, now: Date) => now.getTime() >= Date.parse(dueAt);

/** The deadline of that kind as the dispute shows it: what is shown is what is enforced. */
export const openDeadline = (state: DisputeState, rules: DecisionContext['rules'], kind: DeadlineKind): OpenDeadline | undefined =>
  openDeadlines(state, rules).find((d) => d.kind === kind);

/**
 * The mediator acts only once they have disclosed their conflicts of interest (OMR Art. 13).
 * Other relations pass, so commands open to the parties and the mediator alike can call it.
 */
export function requireActingMediator(state: DisputeState, relation: Relation): void {
  if (relation === 'MEDIATOR' && !state.mediator?.disclosure) {
    throw forbidden('请先披露利益冲突 / disclose conflicts of interest first');
  }
}

/**
 * Once the mediation limit has passed, mediation is deemed failed (MDR Art. 38; SAMR Art. 21(5)):
 * nothing may move it on any more, even before the platform records the failure.
 */
export function requireWithinMediationLimit(state: DisputeState, ctx: DecisionContext): void {
  const limit = mediationDeadline(state, ctx.rules);
  if (limit && hasPassed(limit.dueAt, ctx.now)) throw deadlinePassed(limit.kind, limit.dueAt);
}
