import type { Evolvers } from '../dispute/decider.ts';
import type { Arbitration, DisputeState } from '../dispute/state.ts';
import type { ArbitrationEvent } from './events.ts';

const withArbitration = (state: DisputeState, change: (a: Arbitration) => Partial<Arbitration>): DisputeState => {
  const arbitration: Arbitration = state.arbitration ?? { signatures: [], arbitrators: [], hearings: [] };
  return { ...state, arbitration: { ...arbitration, ...change(arbitration) } };
};

export const arbitrationEvolvers: Evolvers<ArbitrationEvent> = {
  // Each side's latest signature replaces its earlier one.
  ArbitrationAgreementSigned: (state, { side, commission, textHash }, { occurredAt, actor }) =>
    withArbitration(state, (a) => ({
      signatures: [...a.signatures.filter((s) => s.side !== side), { side, userId: actor.userId, commission, signedAt: occurredAt, textHash }],
    })),

  ArbitrationCommenced: (state, { commission, agreementText, agreementHash }, { occurredAt }) => ({
    ...withArbitration(state, () => ({ commission, agreementText, agreementHash, commencedAt: occurredAt })),
    status: 'IN_ARBITRATION',
  }),

  ArbitratorAppointed: (state, { arbitratorId, name }, { occurredAt }) =>
    withArbitration(state, (a) => ({ arbitrators: [...a.arbitrators, { id: arbitratorId, name, appointedAt: occurredAt }] })),

  HearingScheduled: (state, { hearingId, ...hearing }) =>
    withArbitration(state, (a) => ({ hearings: [...a.hearings, { id: hearingId, ...hearing }] })),

  AwardRendered: (state, { text, obligations }, { occurredAt }) => ({
    ...withArbitration(state, () => ({ award: { text, decidedAt: occurredAt, obligations } })),
    status: 'AWARDED',
    obligations,
  }),

  // Each party may record its own receipt; the window shown runs from the earliest, the date neither party can miss.
  AwardReceiptRecorded: (state, { receivedOn }) =>
    withArbitration(state, (a) => ({
      award: a.award && { ...a.award, receivedOn: a.award.receivedOn && a.award.receivedOn < receivedOn ? a.award.receivedOn : receivedOn },
    })),
};
