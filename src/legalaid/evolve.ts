import type { Evolvers } from '../dispute/decider.ts';
import type { DisputeState, LegalAid } from '../dispute/state.ts';
import type { LegalAidEvent } from './events.ts';

const withAid = (state: DisputeState, change: (aid: LegalAid) => LegalAid): DisputeState =>
  state.legalAid ? { ...state, legalAid: change(state.legalAid) } : state;

export const legalAidEvolvers: Evolvers<LegalAidEvent> = {
  // A new application after a denial replaces the old one.
  LegalAidApplied: (state, { circumstances, urgent }, { occurredAt, actor }) => ({
    ...state,
    legalAid: { status: 'APPLIED', circumstances, urgent, appliedAt: occurredAt, appliedBy: actor },
  }),

  LegalAidDecided: (state, { granted, reason }, { occurredAt, actor }) =>
    withAid(state, (aid) => ({ ...aid, status: granted ? 'GRANTED' : 'DENIED', reason, decidedAt: occurredAt, decidedBy: actor.userId })),

  // A power of attorney was given to one lawyer: it does not pass to the next.
  LegalAidLawyerAssigned: (state, { lawyerId, name }, { occurredAt }) =>
    withAid(state, ({ powerOfAttorney: _, ...aid }) => ({ ...aid, lawyer: { id: lawyerId, name, assignedAt: occurredAt } })),

  PowerOfAttorneyRecorded: (state, _, { occurredAt }) => withAid(state, (aid) => ({ ...aid, powerOfAttorney: { recordedAt: occurredAt } })),
};
