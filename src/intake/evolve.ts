import type { Evolvers } from '../dispute/decider.ts';
import type { IntakeEvent } from './events.ts';

export const intakeEvolvers: Evolvers<IntakeEvent> = {
  DisputeFiled: (state, { disputeId, ...filing }, { occurredAt }) => ({
    ...state,
    ...filing,
    exists: true,
    id: disputeId,
    status: 'SUBMITTED',
    filedAt: occurredAt,
    intakeClockFrom: occurredAt,
  }),

  InformationRequested: (state, { message }, { occurredAt, actor }) => ({
    ...state,
    status: 'AWAITING_INFORMATION',
    informationRequests: [...state.informationRequests, { message, requestedAt: occurredAt, requestedBy: actor.userId }],
  }),

  InformationSupplemented: (state, { text }, { occurredAt }) => ({
    ...state,
    status: 'SUBMITTED',
    // The acceptance period runs again from the supplement (RULES.md INTAKE_ACCEPTANCE).
    intakeClockFrom: occurredAt,
    informationRequests: state.informationRequests.map((request, i, all) =>
      i === all.length - 1 ? { ...request, supplement: { text, at: occurredAt } } : request,
    ),
  }),

  DisputeAccepted: (state, { procedure }, { occurredAt, actor }) => ({
    ...state,
    status: 'ACCEPTED',
    mediationProcedure: procedure,
    acceptedAt: occurredAt,
    acceptedBy: actor.userId,
    mediationClockFrom: occurredAt,
  }),

  DisputeRejected: (state, { reason, note }, { occurredAt }) => ({
    ...state,
    status: 'REJECTED',
    rejection: { reason, note, at: occurredAt },
  }),

  DisputeWithdrawn: (state, { reason }, { occurredAt }) => ({
    ...state,
    status: 'WITHDRAWN',
    withdrawal: { reason, at: occurredAt },
    closedAt: occurredAt,
  }),

  ReferredToAuthority: (state, { referralId, ...referral }, { occurredAt, actor }) => ({
    ...state,
    referrals: [...state.referrals, { id: referralId, ...referral, referredAt: occurredAt, referredBy: actor }],
  }),

  AuthorityOutcomeRecorded: (state, { referralId, outcome, violationConfirmed }, { occurredAt, actor }) => ({
    ...state,
    referrals: state.referrals.map((r) =>
      r.id === referralId
        ? { ...r, outcome: { text: outcome, violationConfirmed, recordedAt: occurredAt, recordedBy: actor.userId } }
        : r,
    ),
  }),
};
