import type { Evolvers } from '../dispute/decider.ts';
import type { DisputeState, Obligation } from '../dispute/state.ts';
import type { PerformanceEvent } from './events.ts';

/** state.obligations is the one record of the obligations in force; the agreement or award keeps them as drafted. */
const withObligation = (state: DisputeState, id: string, change: (o: Obligation) => Obligation): DisputeState => ({
  ...state,
  obligations: state.obligations.map((o) => (o.id === id ? change(o) : o)),
});

export const performanceEvolvers: Evolvers<PerformanceEvent> = {
  PerformanceRecorded: (state, { obligationId, note }, { occurredAt, actor }) =>
    withObligation(state, obligationId, (o) => ({
      ...o,
      status: 'PERFORMED',
      performance: { ...(note ? { note } : {}), recordedAt: occurredAt, recordedBy: actor.userId },
    })),

  PerformanceConfirmed: (state, { obligationId }, { occurredAt }) =>
    withObligation(state, obligationId, (o) => ({ ...o, status: 'FULFILLED', confirmedAt: occurredAt })),

  ObligationOverdue: (state, { obligationId }) => withObligation(state, obligationId, (o) => ({ ...o, status: 'OVERDUE' })),

  EnforcementApplied: (state, _, { occurredAt, actor }) => ({ ...state, enforcement: { appliedAt: occurredAt, by: actor.userId } }),

  DisputeClosed: (state, { outcome }, { occurredAt }) => ({ ...state, status: 'CLOSED', outcome, closedAt: occurredAt }),
};
