import type { Evolvers } from '../dispute/decider.ts';
import type { Agreement, DisputeState } from '../dispute/state.ts';
import type { SettlementEvent } from './events.ts';

const withAgreement = (state: DisputeState, change: (a: Agreement) => Partial<Agreement>): DisputeState =>
  state.agreement ? { ...state, agreement: { ...state.agreement, ...change(state.agreement) } } : state;

export const settlementEvolvers: Evolvers<SettlementEvent> = {
  AgreementDrafted: (state, { agreementId, terms, text, hash, obligations }, { occurredAt }) => ({
    ...state,
    status: 'AGREEMENT_DRAFTED',
    agreement: { id: agreementId, terms, text, hash, obligations, draftedAt: occurredAt, signatures: [] },
  }),

  AgreementSigned: (state, { hash, role }, { occurredAt, actor }) =>
    withAgreement(state, (a) => ({ signatures: [...a.signatures, { userId: actor.userId, role, signedAt: occurredAt, hash }] })),

  // The draft stays on file for the mediator to rework; its signatures are void.
  AgreementDeclined: (state) => ({ ...withAgreement(state, () => ({ signatures: [] })), status: 'IN_MEDIATION' }),

  SettlementReached: (state, { effectiveAt }) => ({
    ...withAgreement(state, () => ({ effectiveAt })),
    status: 'SETTLED',
    obligations: state.agreement?.obligations ?? [],
    // A new agreement (after re-mediation) needs a new joint application, within its own window.
    confirmation: undefined,
    confirmationWindowLapsed: undefined,
  }),
};
