/**
 * Events of a typical mediation, for given/when/then. The default case: filed Monday 2 March 2026,
 * accepted Tuesday 3 March for medical-dispute mediation (its 30 working days end Wednesday
 * 15 April, Qingming 4–6 April being days off), the clinic consents and a mediator is assigned
 * and discloses on 4 March.
 */
import type { Viewer } from '../../../src/dispute/access.ts';
import { accepted, by, filed, people } from '../../support/decider.ts';

export const consented = (at = '2026-03-04T09:00:00+08:00', consent = true) =>
  by(people.respondent, at, { type: 'MediationInvitationAnswered', data: { consent } });

export const assigned = (at = '2026-03-04T10:00:00+08:00', mediator: Viewer = people.mediator) =>
  by(people.officer, at, { type: 'MediatorAssigned', data: { mediatorId: mediator.userId, name: mediator.name } });

export const disclosed = (at = '2026-03-04T11:00:00+08:00', mediator: Viewer = people.mediator, hasConflict = false) =>
  by(mediator, at, {
    type: 'ConflictsDisclosed',
    data: { mediatorId: mediator.userId, statement: hasConflict ? '曾在该诊所任职 / worked for the clinic' : '与双方无利害关系 / no ties to either party', hasConflict },
  });

/** A legal-aid lawyer acting for the consumer. */
export const lawyerAssigned = (at = '2026-03-04T12:00:00+08:00') => [
  by(people.consumer, at, { type: 'LegalAidApplied', data: { circumstances: '低保户 / on minimum living allowance', urgent: false } }),
  by(people.coordinator, at, { type: 'LegalAidDecided', data: { granted: true, reason: '符合条件 / eligible' } }),
  by(people.coordinator, at, { type: 'LegalAidLawyerAssigned', data: { lawyerId: people.lawyer.userId, name: people.lawyer.name } }),
];

/** Accepted, answered by nobody yet, no mediator. */
export const awaitingAnswer = () => [filed(), accepted()];

/** In mediation with a mediator who has disclosed no conflict. */
export const mediating = () => [filed(), accepted(), consented(), assigned(), disclosed()];

/** The Wednesday 15 April 2026 24:00 Shanghai end of the default medical mediation limit. */
export const MEDIATION_DUE = '2026-04-15T16:00:00.000Z';

export const proposed = (at: string, viewer: Viewer, offerId: string, byWhom: 'CLAIMANT' | 'RESPONDENT' | 'MEDIATOR', expiresAt?: string) =>
  by(viewer, at, {
    type: 'SettlementProposed',
    data: { offerId, by: byWhom, items: [{ kind: 'REFUND', amountFen: 800_000 }], ...(expiresAt ? { expiresAt } : {}) },
  });

/** After the court refused to confirm the settlement reached in the default case. */
export const confirmationRefused = (): ReturnType<typeof by>[] => [
  ...mediating(),
  by(people.mediator, '2026-03-10T10:00:00+08:00', {
    type: 'AgreementDrafted',
    data: { agreementId: 'a-1', terms: '退款八千元', text: '调解协议 …', hash: 'h-1', obligations: [] },
  }),
  by(people.mediator, '2026-03-11T10:00:00+08:00', { type: 'SettlementReached', data: { agreementId: 'a-1', effectiveAt: '2026-03-11T02:00:00.000Z' } }),
  by(people.consumer, '2026-03-12T10:00:00+08:00', { type: 'ConfirmationRequested', data: { court: people.court.court } }),
  by(people.court, '2026-03-20T10:00:00+08:00', { type: 'ConfirmationRuled', data: { confirmed: false, grounds: ['CONTENT_UNCLEAR'] } }),
];
