import type { Evolvers } from '../dispute/decider.ts';
import type { Confirmation, DisputeState } from '../dispute/state.ts';
import type { ConfirmationEvent } from './events.ts';

const withConfirmation = (state: DisputeState, change: Partial<Confirmation>): DisputeState => ({
  ...state,
  confirmation: { applications: [], status: 'APPLYING', ...state.confirmation, ...change },
});

export const confirmationEvolvers: Evolvers<ConfirmationEvent> = {
  // Each side's latest application replaces its earlier one.
  ConfirmationApplied: (state, { side, court }, { occurredAt, actor }) =>
    withConfirmation(state, {
      applications: [
        ...(state.confirmation?.applications ?? []).filter((a) => a.side !== side),
        { side, userId: actor.userId, court, appliedAt: occurredAt },
      ],
    }),

  ConfirmationRequested: (state, { court }, { occurredAt }) => ({
    ...withConfirmation(state, { court, requestedAt: occurredAt, status: 'REQUESTED' }),
    status: 'CONFIRMATION_REQUESTED',
  }),

  ConfirmationApplicationAccepted: (state, _, { occurredAt }) => withConfirmation(state, { acceptedAt: occurredAt, status: 'ACCEPTED' }),

  ConfirmationRuled: (state, { confirmed, rulingNumber, grounds, note }, { occurredAt }) => {
    const ruled = withConfirmation(state, { status: confirmed ? 'CONFIRMED' : 'REFUSED', rulingNumber, grounds, note, decidedAt: occurredAt });
    return confirmed
      ? { ...ruled, status: 'CONFIRMED' }
      : // A refused agreement is not performed under the platform's tracking: what follows is re-mediation, arbitration or court.
        { ...ruled, status: 'CONFIRMATION_REFUSED', obligations: [] };
  },

  ConfirmationWindowLapsed: (state, _, { occurredAt }) => ({ ...state, confirmationWindowLapsed: occurredAt }),
};
