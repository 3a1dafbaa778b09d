import { describe, expect, it } from 'vitest';
import { accountQueries, accountsProjection } from '../../../projections/accounts.ts';
import { openReadModel } from '../../../projections/readModel.ts';
import type { AccountEvent } from '../../../src/accounts/events.ts';
import type { DisputeEvent } from '../../../src/dispute/events.ts';
import { initialState, type DisputeState } from '../../../src/dispute/state.ts';
import type { RecordedEvent } from '../../../src/eventstore/port.ts';
import { notificationsFor, reminderFor, type Audience, type NotifiableEvent } from '../../../src/mail/notices.ts';
import { recipientsOf } from '../../../src/mail/recipients.ts';
import { RULES } from '../../../src/rules/parameters.ts';

const AT = '2026-03-02T02:00:00.000Z';
const event = (e: DisputeEvent): NotifiableEvent => ({ ...e, metadata: { occurredAt: AT } }) as NotifiableEvent;
const notify = (e: DisputeEvent, s = state()) => notificationsFor(event(e), s, RULES);
const audiences = (e: DisputeEvent, s = state()) => notify(e, s).flatMap((n) => n.audience.map((a) => a.to));

function state(overrides: Partial<DisputeState> = {}): DisputeState {
  return {
    ...initialState('d-1'),
    exists: true,
    caseNumber: '2026-YM-000001',
    status: 'IN_MEDIATION',
    claimant: { userId: 'consumer', name: '张三', phone: '13912341111', idNumber: '11010519491231002X' },
    respondent: { institutionId: 'inst-1', name: '美丽医疗美容诊所', code: '91440300MA5F0JXC83' },
    acceptedAt: AT,
    mediator: { id: 'mediator', name: '王调解', assignedAt: AT },
    obligations: [
      { id: 'o-1', debtor: 'RESPONDENT', kind: 'REFUND', amountFen: 100_000, dueDate: '2026-05-08', status: 'OVERDUE' },
      { id: 'o-2', debtor: 'CLAIMANT', kind: 'APOLOGY', dueDate: '2026-05-09', status: 'PENDING' },
    ],
    ...overrides,
  };
}

describe('what the platform tells whom', () => {
  it('gives the consumer a receipt on filing, and tells the clinic only from acceptance on', () => {
    expect(notify({ type: 'DisputeFiled', data: {} as never })).toEqual([{ notice: { kind: 'FILING_RECEIVED' }, audience: [{ to: 'CLAIMANT_SIDE' }] }]);
    expect(notify({ type: 'DisputeAccepted', data: { procedure: 'MEDICAL_DISPUTE_MEDIATION' } })).toEqual([
      { notice: { kind: 'DISPUTE_ACCEPTED' }, audience: [{ to: 'CLAIMANT_SIDE' }] },
      // RESPONDENT_ANSWER: 5 working days after Monday 2026-03-02.
      { notice: { kind: 'MEDIATION_INVITATION', institution: '美丽医疗美容诊所', answerBy: '2026-03-09' }, audience: [{ to: 'RESPONDENT_SIDE' }] },
    ]);
  });

  it('tells both parties when mediation ends, however it ends (TERMINATION_NOTICE)', () => {
    expect(notify({ type: 'MediationInvitationAnswered', data: { consent: true } })).toEqual([{ notice: { kind: 'RESPONDENT_AGREED' }, audience: [{ to: 'CLAIMANT_SIDE' }] }]);
    const ended: Array<[DisputeEvent, string]> = [
      [{ type: 'MediationInvitationAnswered', data: { consent: false } }, 'RESPONDENT_DECLINED'],
      [{ type: 'RespondentAnswerLapsed', data: { dueAt: AT } }, 'NO_ANSWER'],
      [{ type: 'MediationEnded', data: { reason: 'PARTY_ABSENT' } }, 'PARTY_ABSENT'],
      [{ type: 'MediationDeemedFailed', data: { dueAt: AT } }, 'DEADLINE_PASSED'],
    ];
    for (const [e, reason] of ended) {
      const [n] = notify(e);
      expect(n!.notice).toEqual({ kind: 'MEDIATION_ENDED', reason });
      expect(n!.audience).toEqual(expect.arrayContaining([{ to: 'CLAIMANT_SIDE' }, { to: 'RESPONDENT_SIDE' }]));
    }
  });

  it('sends an offer to the other side only, a mediator proposal to both; never to a court or an arbitrator', () => {
    const items = [{ kind: 'REFUND' as const, amountFen: 100 }];
    expect(audiences({ type: 'SettlementProposed', data: { offerId: 'x', by: 'CLAIMANT', items } })).toEqual(['RESPONDENT_SIDE']);
    expect(audiences({ type: 'SettlementProposed', data: { offerId: 'x', by: 'RESPONDENT', items } })).toEqual(['CLAIMANT_SIDE']);
    expect(audiences({ type: 'SettlementProposed', data: { offerId: 'x', by: 'MEDIATOR', items } })).toEqual(['CLAIMANT_SIDE', 'RESPONDENT_SIDE']);
    expect(notify({ type: 'OfferAnswered', data: { offerId: 'x', side: 'CLAIMANT', accept: true } })).toEqual([]);
  });

  it('asks both parties when the closed case is proposed as a typical case, and tells them and the mediator once it is published; nothing for consents or withdrawal', () => {
    const closed = state({ status: 'CLOSED' });
    expect(notify({ type: 'TypicalCaseProposed', data: { typicalCaseId: 'tc-1', title: '案例', summary: '启示' } }, closed)).toEqual([
      { notice: { kind: 'TYPICAL_CASE_PROPOSED' }, audience: [{ to: 'CLAIMANT_SIDE' }, { to: 'RESPONDENT_SIDE' }] },
    ]);
    expect(audiences({ type: 'TypicalCasePublished', data: { typicalCaseId: 'tc-1', published: {} as never } }, closed)).toEqual(['CLAIMANT_SIDE', 'RESPONDENT_SIDE', 'MEDIATOR']);
    expect(notify({ type: 'TypicalCaseConsentAnswered', data: { typicalCaseId: 'tc-1', side: 'CLAIMANT', consent: true } }, closed)).toEqual([]);
    expect(notify({ type: 'TypicalCaseWithdrawn', data: { typicalCaseId: 'tc-1' } }, closed)).toEqual([]);
  });

  it('mails no message, caucus or not', () => {
    expect(notify({ type: 'MessagePosted', data: { messageId: 'm', body: '私下：我们最多退一半', caucusWith: 'consumer', caucusSide: 'CLAIMANT' } })).toEqual([]);
    expect(notify({ type: 'MessagePosted', data: { messageId: 'm', body: '大家好' } })).toEqual([]);
  });

  it('tells the court only of the application, and the arbitrator of the appointment and hearings', () => {
    const neutral = (to: Audience['to']) => to === 'COURT' || to === 'ARBITRATORS';
    const cases: Array<[DisputeEvent, Audience['to'][]]> = [
      [{ type: 'ConfirmationRequested', data: { court: '福田区人民法院' } }, ['COURT']],
      [{ type: 'ArbitratorAppointed', data: { arbitratorId: 'arb', name: '赵仲裁' } }, ['ARBITRATORS']],
      [{ type: 'HearingScheduled', data: { hearingId: 'h', startsAt: AT, mode: 'ONLINE', link: 'https://h' } }, ['ARBITRATORS']],
      [{ type: 'AgreementDrafted', data: { agreementId: 'a', terms: '', text: '', hash: '', obligations: [] } }, []],
      [{ type: 'ConfirmationRuled', data: { confirmed: true, rulingNumber: 'R1' } }, []],
      [{ type: 'AwardRendered', data: { text: '', obligations: [] } }, []],
      [{ type: 'SessionScheduled', data: { sessionId: 's', startsAt: AT, mode: 'ONLINE', link: 'https://m' } }, []],
    ];
    for (const [e, expected] of cases) expect(audiences(e).filter(neutral)).toEqual(expected);
    expect(notify({ type: 'ConfirmationRequested', data: { court: '福田区人民法院' } })[0]!.audience).toEqual([{ to: 'COURT', court: '福田区人民法院' }]);
  });

  it('names the overdue obligation and its debtor; works out when the confirmation window closes', () => {
    expect(notify({ type: 'ObligationOverdue', data: { obligationId: 'o-1', dueAt: AT } })[0]!.notice).toEqual({
      kind: 'OBLIGATION_OVERDUE',
      debtor: 'RESPONDENT',
      obligation: { kind: 'REFUND', amountFen: 100_000, dueDate: '2026-05-08' },
    });
    expect(notify({ type: 'ObligationOverdue', data: { obligationId: 'unknown', dueAt: AT } })).toEqual([]);
    // Effective 2026-04-01 (Beijing): 30 days later is 2026-05-01, a holiday; the window runs to the next working day.
    const [settled] = notify({ type: 'SettlementReached', data: { agreementId: 'a', effectiveAt: '2026-04-01T04:00:00.000Z' } });
    expect(settled!.notice).toEqual({ kind: 'SETTLEMENT_IN_EFFECT', effectiveOn: '2026-04-01', applyBy: '2026-05-06' });
  });

  it('reminds of the deadlines someone must act on', () => {
    const s = state();
    const upcoming = (kind: string, ref = '') => reminderFor({ kind, ref, dueAt: '2026-05-06T16:00:00.000Z', lastDay: '2026-05-06' }, s);
    expect(upcoming('JC_APPLY_WINDOW')).toEqual({ notice: { kind: 'CONFIRMATION_WINDOW_CLOSING', lastDay: '2026-05-06' }, audience: [{ to: 'CLAIMANT_SIDE' }, { to: 'RESPONDENT_SIDE' }] });
    expect(upcoming('OBLIGATION_DUE', 'o-2')).toEqual({ notice: { kind: 'OBLIGATION_DUE', obligation: { kind: 'APOLOGY', dueDate: '2026-05-09' } }, audience: [{ to: 'CLAIMANT_SIDE' }] });
    expect(upcoming('RESPONDENT_ANSWER')?.audience).toEqual([{ to: 'RESPONDENT_SIDE' }]);
    expect(upcoming('JC_DECISION')?.audience).toEqual([{ to: 'COURT' }]);
    expect(upcoming('ENFORCEMENT_APPLY')?.audience).toEqual([{ to: 'CLAIMANT_SIDE' }]);
    expect(upcoming('LIMITATION')).toBeUndefined();
  });
});

describe('recipients, from the accounts read model', () => {
  const db = openReadModel(':memory:');
  db.exec(accountsProjection.schema);
  let position = 0n;
  const recorded = (accountId: string, e: AccountEvent): RecordedEvent =>
    ({ ...e, id: `e${++position}`, metadata: {}, streamName: `account-${accountId}`, revision: 0, position }) as RecordedEvent;
  const created = (id: string, role: string, attributes: object = {}) =>
    recorded(id, { type: 'AccountCreated', data: { accountId: id, email: `${id}@test.cn`, name: id, role, ...attributes } as never });
  accountsProjection.attach(db)([
    created('consumer', 'CONSUMER'),
    created('lawyer', 'LEGAL_AID_LAWYER'),
    created('coordinator', 'LEGAL_AID_LAWYER', { coordinator: true }),
    created('staff-by-id', 'RESPONDENT', { institutionId: 'inst-1' }),
    created('staff-by-code', 'RESPONDENT', { institutionCode: '91440300MA5F0JXC83' }),
    created('other-staff', 'RESPONDENT', { institutionId: 'inst-2', institutionCode: '91310000MA1FL3L2AY' }),
    created('mediator', 'MEDIATOR'),
    created('judge', 'COURT', { court: '福田区人民法院' }),
    created('other-judge', 'COURT', { court: '南山区人民法院' }),
    created('officer', 'INTAKE_OFFICER'),
    // Later also a court clerk.
    recorded('officer', { type: 'RoleGranted', data: { role: 'COURT', court: '福田区人民法院' } }),
  ]);
  const directory = accountQueries(db);
  const ids = (audience: Audience[], s: DisputeState, except?: string) => recipientsOf(audience, s, directory, except).map((r) => `${r.account.id}:${r.relation}`);

  it('reaches the claimant with their lawyer, and every staff member of the institution by id or credit code', () => {
    const s = state({ legalAid: { status: 'GRANTED', circumstances: '', appliedAt: AT, appliedBy: { userId: 'consumer', role: 'CONSUMER' }, urgent: false, lawyer: { id: 'lawyer', name: '李律师', assignedAt: AT } } });
    expect(ids([{ to: 'CLAIMANT_SIDE' }, { to: 'RESPONDENT_SIDE' }], s)).toEqual([
      'consumer:CLAIMANT',
      'lawyer:CLAIMANT_LAWYER',
      'staff-by-id:RESPONDENT',
      'staff-by-code:RESPONDENT',
    ]);
    expect(directory.account('staff-by-id')).toMatchObject({ email: 'staff-by-id@test.cn', roles: ['RESPONDENT'], institutionId: 'inst-1', coordinator: false });
  });

  it('tells the institution nothing before acceptance', () => {
    expect(ids([{ to: 'RESPONDENT_SIDE' }], state({ acceptedAt: undefined, status: 'SUBMITTED' }))).toEqual([]);
  });

  it('reaches the court by its name, coordinators, intake officers; leaves out whoever acted', () => {
    const s = state({ confirmation: { applications: [], court: '福田区人民法院', status: 'REQUESTED' } });
    expect(ids([{ to: 'COURT' }], s)).toEqual(['judge:COURT', 'officer:COURT']);
    expect(ids([{ to: 'LEGAL_AID_COORDINATORS' }], s)).toEqual(['coordinator:LEGAL_AID_COORDINATOR']);
    expect(ids([{ to: 'INTAKE_OFFICERS' }], s)).toEqual(['officer:INTAKE']);
    expect(ids([{ to: 'CLAIMANT_SIDE' }, { to: 'MEDIATOR' }], s, 'mediator')).toEqual(['consumer:CLAIMANT']);
    expect(ids([{ to: 'MEDIATOR', id: 'mediator' }, { to: 'MEDIATOR' }], s)).toEqual(['mediator:MEDIATOR']);
    expect(ids([{ to: 'ARBITRATORS' }], s)).toEqual([]);
  });
});
