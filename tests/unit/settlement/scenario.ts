/**
 * Histories shared by the settlement, confirmation and arbitration tests. Mediation's own events are
 * written out (they are another capability's); the later ones are produced by running this
 * capability's deciders, so a history can only contain what the rules let happen.
 */
import type { Viewer } from '../../../src/dispute/access.ts';
import type { DisputeCommand } from '../../../src/dispute/dispute.ts';
import type { StoredDisputeEvent } from '../../../src/dispute/events.ts';
import type { LocalDate } from '../../../src/dispute/model.ts';
import type { ObligationTerms } from '../../../src/settlement/text.ts';
import { accepted, by, decideAs, filed, people } from '../../support/decider.ts';

/** An instant in Shanghai time. */
export const at = (day: LocalDate, time = '10:00') => `${day}T${time}:00+08:00`;

/** Decides a command and appends what it decided, as the history would hold it. */
export function step(history: StoredDisputeEvent[], viewer: Viewer, when: string, command: DisputeCommand): StoredDisputeEvent[] {
  return [...history, ...decideAs(viewer, when, history, command).map((event) => by(viewer, when, event))];
}

/** Filed, accepted (medical-dispute procedure), consented to, and a mediator without conflicts assigned: all on one day. */
export function inMediation(day: LocalDate): StoredDisputeEvent[] {
  return [
    filed(at(day, '09:00')),
    accepted(at(day, '09:10')),
    by(people.respondent, at(day, '09:20'), { type: 'MediationInvitationAnswered', data: { consent: true } }),
    by(people.officer, at(day, '09:30'), { type: 'MediatorAssigned', data: { mediatorId: people.mediator.userId, name: people.mediator.name } }),
    by(people.mediator, at(day, '09:40'), {
      type: 'ConflictsDisclosed',
      data: { mediatorId: people.mediator.userId, statement: '与双方当事人无利害关系', hasConflict: false },
    }),
  ];
}

export const refund = { debtor: 'RESPONDENT', kind: 'REFUND', amountFen: 1_280_050, dueDate: '2026-04-10' } as const;
export const apology = { debtor: 'RESPONDENT', kind: 'APOLOGY', description: '书面赔礼道歉', dueDate: '2026-03-20' } as const;
export const TERMS = '被投诉方承认注射操作不当，双方就退款及赔礼道歉达成一致，投诉人放弃其他请求。';

/** The two obligations of the usual agreement, both due on `day`. */
export const dueOn = (day: LocalDate): ObligationTerms[] => [{ ...refund, dueDate: day }, { ...apology, dueDate: day }];

export const draft = (obligations: readonly ObligationTerms[] = [refund, apology]): DisputeCommand => ({
  type: 'draftAgreement',
  data: { terms: TERMS, obligations: obligations.map((o) => ({ ...o })) },
});

export const sign = (history: StoredDisputeEvent[]): DisputeCommand => {
  const drafted = history.filter((e) => e.type === 'AgreementDrafted').at(-1)!;
  return { type: 'signAgreement', data: { agreementHash: (drafted.data as { hash: string }).hash } };
};

/** Drafted on `draftedAt`, then signed by the claimant, the respondent and (last) the mediator at `effectiveAt`. */
export function settled(mediationDay: LocalDate, draftedAt: string, effectiveAt: string, obligations: readonly ObligationTerms[]): StoredDisputeEvent[] {
  let history = step(inMediation(mediationDay), people.mediator, draftedAt, draft(obligations));
  for (const signer of [people.consumer, people.respondent]) history = step(history, signer, draftedAt, sign(history));
  return step(history, people.mediator, effectiveAt, sign(history));
}

/** The respondent declined mediation: MEDIATION_FAILED, the door to arbitration. */
export function mediationFailed(day: LocalDate): StoredDisputeEvent[] {
  return [
    filed(at(day, '09:00'), { occurredOn: '2025-12-20' }),
    accepted(at(day, '09:10')),
    by(people.respondent, at(day, '09:20'), { type: 'MediationInvitationAnswered', data: { consent: false } }),
  ];
}
