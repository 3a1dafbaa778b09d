import type { Evolvers } from '../dispute/decider.ts';
import type { DisputeState, Offer, PersonRef } from '../dispute/state.ts';
import type { MediationEvent } from './events.ts';

/** The current mediator leaves the case, and may not be assigned to it again. */
function withoutMediator(state: DisputeState): DisputeState {
  if (!state.mediator) return state;
  const former: PersonRef = { id: state.mediator.id, name: state.mediator.name };
  return { ...state, mediator: undefined, formerMediators: [...state.formerMediators, former] };
}

/** A party's offer is decided by the other side; a mediator's proposal fails at one refusal and holds at both consents. */
function offerStatusAfter(offer: Offer): Offer['status'] {
  if (offer.responses.some((r) => !r.accept)) return 'REJECTED';
  if (offer.by !== 'MEDIATOR') return offer.responses.length > 0 ? 'ACCEPTED' : 'OPEN';
  const accepted = new Set(offer.responses.map((r) => r.side));
  return accepted.has('CLAIMANT') && accepted.has('RESPONDENT') ? 'ACCEPTED' : 'OPEN';
}

const failed = (state: DisputeState, end: NonNullable<DisputeState['mediationEnd']>): DisputeState => ({
  ...state,
  status: 'MEDIATION_FAILED',
  mediationEnd: end,
  pendingExtension: undefined,
});

export const mediationEvolvers: Evolvers<MediationEvent> = {
  MediationInvitationAnswered: (state, { consent }, { occurredAt }) => {
    const answered = { ...state, respondentAnswer: { consent, answeredAt: occurredAt, lapsed: false } };
    return consent
      ? { ...answered, status: 'IN_MEDIATION' }
      : failed(answered, { reason: 'PARTY_REFUSED', note: '被投诉方拒绝调解 / the respondent declined mediation', at: occurredAt, automatic: false });
  },

  RespondentAnswerLapsed: (state, _, { occurredAt }) =>
    failed(
      { ...state, respondentAnswer: { consent: false, answeredAt: occurredAt, lapsed: true } },
      { reason: 'PARTY_REFUSED', note: '被投诉方逾期未答复，视为拒绝调解 / no answer by the deadline: mediation declined', at: occurredAt, automatic: true },
    ),

  MediatorAssigned: (state, { mediatorId, name }, { occurredAt }) => {
    // Re-assigning the same mediator only restarts their acceptance period.
    const base = state.mediator?.id === mediatorId ? state : withoutMediator(state);
    return { ...base, mediator: { id: mediatorId, name, assignedAt: occurredAt } };
  },

  ConflictsDisclosed: (state, { statement, hasConflict }, { occurredAt }) =>
    hasConflict || !state.mediator
      ? withoutMediator(state)
      : { ...state, mediator: { ...state.mediator, disclosure: { statement, hasConflict, at: occurredAt } } },

  MediatorReplacementRequested: (state, { side }) => ({
    ...withoutMediator(state),
    replacementRequests: [...state.replacementRequests, side],
  }),

  SessionScheduled: (state, { sessionId, ...session }, { occurredAt }) => ({
    ...state,
    sessions: [...state.sessions, { id: sessionId, ...session, scheduledAt: occurredAt }],
  }),

  SessionRecorded: (state, { sessionId, attendees, minutes }, { occurredAt }) => ({
    ...state,
    sessions: state.sessions.map((s) => (s.id === sessionId ? { ...s, record: { attendees, minutes, recordedAt: occurredAt } } : s)),
  }),

  MessagePosted: (state, { messageId, ...message }, { occurredAt, actor }) => ({
    ...state,
    messages: [...state.messages, { id: messageId, author: actor, ...message, postedAt: occurredAt }],
  }),

  SettlementProposed: (state, { offerId, ...offer }, { occurredAt, actor }) => ({
    ...state,
    offers: [...state.offers, { id: offerId, ...offer, proposedBy: actor, proposedAt: occurredAt, status: 'OPEN', responses: [] }],
  }),

  OfferAnswered: (state, { offerId, side, accept }, { occurredAt, actor }) => ({
    ...state,
    offers: state.offers.map((offer) => {
      if (offer.id !== offerId) return offer;
      const answered = { ...offer, responses: [...offer.responses, { side, accept, at: occurredAt, by: actor.userId }] };
      return { ...answered, status: offerStatusAfter(answered) };
    }),
  }),

  AppraisalRequested: (state, { appraisalId, subject }, { occurredAt, actor }) => ({
    ...state,
    appraisals: [...state.appraisals, { id: appraisalId, subject, requestedAt: occurredAt, requestedBy: actor }],
  }),

  AppraisalCompleted: (state, { appraisalId, result }, { occurredAt }) => ({
    ...state,
    appraisals: state.appraisals.map((a) => (a.id === appraisalId ? { ...a, completedAt: occurredAt, result } : a)),
  }),

  MediationExtensionProposed: (state, { side, workingDays }, { occurredAt }) => ({
    ...state,
    pendingExtension: { side, workingDays, at: occurredAt },
  }),

  MediationExtended: (state, { workingDays }) => ({
    ...state,
    extensionWorkingDays: state.extensionWorkingDays + workingDays,
    pendingExtension: undefined,
  }),

  MediationEnded: (state, { reason, note }, { occurredAt, actor }) =>
    failed(state, { reason, note, at: occurredAt, automatic: actor.role === 'SYSTEM' }),

  MediationDeemedFailed: (state, _, { occurredAt }) =>
    failed(state, {
      reason: 'DEADLINE_PASSED',
      note: '调解期限届满未达成协议，视为调解不成 / the mediation limit passed without agreement',
      at: occurredAt,
      automatic: true,
    }),

  MediationResumed: (state, _, { occurredAt }) => ({
    ...state,
    status: 'IN_MEDIATION',
    mediationClockFrom: occurredAt,
    extensionWorkingDays: 0,
    pendingExtension: undefined,
    mediationEnd: undefined,
  }),
};
