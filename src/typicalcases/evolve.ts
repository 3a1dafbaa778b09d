import type { Evolvers } from '../dispute/decider.ts';
import type { DisputeState, TypicalCaseProposal } from '../dispute/state.ts';
import type { TypicalCaseEvent } from './events.ts';

/** Changes the current proposal if the event is about it (an event of an earlier proposal changes nothing). */
const withProposal = (state: DisputeState, id: string, change: (p: TypicalCaseProposal) => TypicalCaseProposal): DisputeState =>
  state.typicalCase?.id === id ? { ...state, typicalCase: change(state.typicalCase) } : state;

export const typicalCaseEvolvers: Evolvers<TypicalCaseEvent> = {
  // A new proposal replaces the last one, with no consent yet: the parties consent to this text.
  TypicalCaseProposed: (state, { typicalCaseId, title, summary }, { occurredAt, actor }) => ({
    ...state,
    typicalCase: { id: typicalCaseId, title, summary, proposedAt: occurredAt, proposedBy: actor.userId, consents: {} },
  }),

  TypicalCaseConsentAnswered: (state, { typicalCaseId, side, consent }, { occurredAt, actor }) =>
    withProposal(state, typicalCaseId, (p) => ({ ...p, consents: { ...p.consents, [side]: { consent, at: occurredAt, by: actor.userId } } })),

  TypicalCasePublished: (state, { typicalCaseId, published }, { occurredAt, actor }) =>
    withProposal(state, typicalCaseId, (p) => ({ ...p, published: { ...published, at: occurredAt, by: actor.userId } })),

  TypicalCaseWithdrawn: (state, { typicalCaseId, reason }, { occurredAt, actor }) =>
    withProposal(state, typicalCaseId, (p) => ({ ...p, withdrawn: { at: occurredAt, by: actor.userId, ...(reason ? { reason } : {}) } })),
};
