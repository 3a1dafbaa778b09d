/**
 * Disputes brought to SETTLED, CONFIRMED, AWARDED or MEDIATION_FAILED by their events, for the
 * performance, legal-aid and read-model tests.
 */
import type { Obligation } from '../../../src/dispute/state.ts';
import { accepted, by, filed, people } from '../../support/decider.ts';

/** The clinic refunds by National Day (a holiday); the consumer takes down her online review by the same date. */
export const refund: Obligation = { id: 'ob-refund', debtor: 'RESPONDENT', kind: 'REFUND', amountFen: 1_280_000, dueDate: '2026-10-01', status: 'PENDING' };
export const takeDownReview: Obligation = {
  id: 'ob-review',
  debtor: 'CLAIMANT',
  kind: 'OTHER',
  description: '删除网络差评 / take down the online review',
  dueDate: '2026-10-01',
  status: 'PENDING',
};

const AGREEMENT = { agreementId: 'ag-1', hash: 'a'.repeat(64) };

/** Agreement in effect on 2026-04-09 (JC_APPLY_WINDOW then ends on Saturday 2026-05-09, a working day). */
export function settled(obligations: Obligation[] = [refund, takeDownReview]) {
  return [
    filed(),
    accepted(),
    by(people.respondent, '2026-03-05T10:00:00+08:00', { type: 'MediationInvitationAnswered', data: { consent: true } }),
    by(people.officer, '2026-03-05T11:00:00+08:00', { type: 'MediatorAssigned', data: { mediatorId: people.mediator.userId, name: people.mediator.name } }),
    by(people.mediator, '2026-04-08T10:00:00+08:00', {
      type: 'AgreementDrafted',
      data: { ...AGREEMENT, terms: '诊所退款，消费者删除差评', text: '调解协议书……', obligations },
    }),
    by(people.consumer, '2026-04-09T09:00:00+08:00', { type: 'AgreementSigned', data: { ...AGREEMENT, role: 'CLAIMANT' } }),
    by(people.respondent, '2026-04-09T09:30:00+08:00', { type: 'AgreementSigned', data: { ...AGREEMENT, role: 'RESPONDENT' } }),
    by(people.mediator, '2026-04-09T10:00:00+08:00', { type: 'AgreementSigned', data: { ...AGREEMENT, role: 'MEDIATOR' } }),
    by(people.mediator, '2026-04-09T10:00:00+08:00', { type: 'SettlementReached', data: { agreementId: AGREEMENT.agreementId, effectiveAt: '2026-04-09T02:00:00.000Z' } }),
  ];
}

export function confirmed(obligations?: Obligation[]) {
  const court = people.court.court;
  return [
    ...settled(obligations),
    by(people.consumer, '2026-04-10T09:00:00+08:00', { type: 'ConfirmationApplied', data: { side: 'CLAIMANT', court } }),
    by(people.respondent, '2026-04-10T10:00:00+08:00', { type: 'ConfirmationApplied', data: { side: 'RESPONDENT', court } }),
    by(people.respondent, '2026-04-10T10:00:00+08:00', { type: 'ConfirmationRequested', data: { court } }),
    by(people.court, '2026-04-13T10:00:00+08:00', { type: 'ConfirmationApplicationAccepted', data: { court } }),
    by(people.court, '2026-04-20T10:00:00+08:00', { type: 'ConfirmationRuled', data: { confirmed: true, rulingNumber: '(2026)粤0304民特123号' } }),
  ];
}

export function mediationFailed() {
  return [
    filed(),
    accepted(),
    by(people.respondent, '2026-03-05T10:00:00+08:00', { type: 'MediationInvitationAnswered', data: { consent: false } }),
  ];
}

export function awarded(obligations: Obligation[] = [refund]) {
  const commission = '深圳国际仲裁院';
  return [
    ...mediationFailed(),
    by(people.consumer, '2026-03-10T10:00:00+08:00', { type: 'ArbitrationAgreementSigned', data: { side: 'CLAIMANT', commission, text: '仲裁协议', textHash: 'b'.repeat(64) } }),
    by(people.respondent, '2026-03-10T11:00:00+08:00', { type: 'ArbitrationAgreementSigned', data: { side: 'RESPONDENT', commission, text: '仲裁协议', textHash: 'b'.repeat(64) } }),
    by(people.respondent, '2026-03-10T11:00:00+08:00', { type: 'ArbitrationCommenced', data: { commission, agreementText: '仲裁协议', agreementHash: 'b'.repeat(64) } }),
    by(people.officer, '2026-03-11T10:00:00+08:00', { type: 'ArbitratorAppointed', data: { arbitratorId: people.arbitrator.userId, name: people.arbitrator.name } }),
    by(people.arbitrator, '2026-05-20T10:00:00+08:00', { type: 'AwardRendered', data: { text: '裁决书', obligations } }),
  ];
}

/** Legal aid applied for on 2026-04-21, granted, with people.lawyer assigned. */
export function withLawyer() {
  return [
    by(people.consumer, '2026-04-21T10:00:00+08:00', { type: 'LegalAidApplied', data: { circumstances: '低保户', urgent: false } }),
    by(people.coordinator, '2026-04-22T10:00:00+08:00', { type: 'LegalAidDecided', data: { granted: true, reason: '符合经济困难标准' } }),
    by(people.coordinator, '2026-04-22T11:00:00+08:00', { type: 'LegalAidLawyerAssigned', data: { lawyerId: people.lawyer.userId, name: people.lawyer.name } }),
  ];
}
