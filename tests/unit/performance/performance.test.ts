import { describe, expect, it } from 'vitest';
import { openDeadlines } from '../../../src/dispute/deadlines.ts';
import { RULES } from '../../../src/rules/parameters.ts';
import { by, filed, given, people, stateOf } from '../../support/decider.ts';
import { awarded, confirmed, mediationFailed, refund, settled, takeDownReview, withLawyer } from './scenarios.ts';

const record = (obligationId: string, note?: string) => ({ type: 'recordPerformance', data: { obligationId, ...(note ? { note } : {}) } }) as const;
const confirm = (obligationId: string) => ({ type: 'confirmPerformance', data: { obligationId } }) as const;
/** 24:00 Shanghai of 2026-10-01: National Day, yet a contractual date is not moved off a holiday. */
const REFUND_DUE = '2026-10-01T16:00:00.000Z';
const markOverdue = (obligationId = refund.id, dueAt = REFUND_DUE) => ({ type: 'markObligationOverdue', data: { obligationId, dueAt } }) as const;
const enforce = { type: 'applyForEnforcement', data: {} } as const;
const close = (outcome: 'REFERRED_TO_LITIGATION' | 'ABANDONED' | 'FULFILLED' | 'REFERRED_FOR_ENFORCEMENT', note?: string) =>
  ({ type: 'closeDispute', data: { outcome, ...(note ? { note } : {}) } }) as const;

const overdueAt = '2026-10-02T00:00:00+08:00';
const overdue = (history: ReturnType<typeof settled>, obligationId = refund.id) => [
  ...history,
  by(people.system, overdueAt, { type: 'ObligationOverdue', data: { obligationId, dueAt: REFUND_DUE } }),
];

describe('recordPerformance', () => {
  it('the debtor records performance with a note; the obligation becomes PERFORMED', () => {
    given(settled()).when(people.respondent, '2026-05-06T10:00:00+08:00', record(refund.id, '已转账 12,800 元')).then([
      { type: 'PerformanceRecorded', data: { obligationId: refund.id, note: '已转账 12,800 元' } },
    ]);
    const state = stateOf([...settled(), by(people.respondent, '2026-05-06T10:00:00+08:00', { type: 'PerformanceRecorded', data: { obligationId: refund.id, note: '已转账' } })]);
    expect(state.obligations.find((o) => o.id === refund.id)).toMatchObject({
      status: 'PERFORMED',
      performance: { note: '已转账', recordedAt: '2026-05-06T02:00:00.000Z', recordedBy: people.respondent.userId },
    });
    expect(state.obligations.find((o) => o.id === takeDownReview.id)?.status).toBe('PENDING');
  });

  it.each([
    ['CONFIRMED', confirmed()],
    ['AWARDED', awarded()],
  ])('is open while the dispute is %s', (_, history) => {
    given(history).when(people.respondent, '2026-06-01T10:00:00+08:00', record(refund.id)).then([
      { type: 'PerformanceRecorded', data: { obligationId: refund.id } },
    ]);
  });

  it('an overdue obligation can still be performed', () => {
    given(overdue(confirmed())).when(people.respondent, '2026-10-09T10:00:00+08:00', record(refund.id)).then([
      { type: 'PerformanceRecorded', data: { obligationId: refund.id } },
    ]);
  });

  it("the consumer's legal-aid lawyer records the consumer's performance", () => {
    given([...settled(), ...withLawyer()]).when(people.lawyer, '2026-05-06T10:00:00+08:00', record(takeDownReview.id)).then([
      { type: 'PerformanceRecorded', data: { obligationId: takeDownReview.id } },
    ]);
  });

  it('is refused to the creditor, to neutrals and to strangers, and appends nothing', () => {
    const at = '2026-05-06T10:00:00+08:00';
    given(settled()).when(people.consumer, at, record(refund.id)).thenFails('FORBIDDEN');
    given(settled()).when(people.respondent, at, record(takeDownReview.id)).thenFails('FORBIDDEN');
    given(settled()).when(people.mediator, at, record(refund.id)).thenFails('FORBIDDEN');
    given(settled()).when(people.officer, at, record(refund.id)).thenFails('FORBIDDEN');
    given(settled()).when(people.otherConsumer, at, record(refund.id)).thenFails('NOT_FOUND');
    given(settled()).when(people.otherRespondent, at, record(refund.id)).thenFails('NOT_FOUND');
  });

  it('refuses an unknown obligation, naming the field', () => {
    given(settled()).when(people.respondent, '2026-05-06T10:00:00+08:00', record('ob-none')).thenFails('BAD_USER_INPUT', {
      issues: [{ path: 'obligationId', message: expect.any(String) }],
    });
  });

  it('refuses an obligation already performed', () => {
    const history = [...settled(), by(people.respondent, '2026-05-06T10:00:00+08:00', { type: 'PerformanceRecorded', data: { obligationId: refund.id } })];
    given(history).when(people.respondent, '2026-05-07T10:00:00+08:00', record(refund.id)).thenFails('INVALID_TRANSITION', {
      status: 'SETTLED',
      obligationStatus: 'PERFORMED',
    });
  });

  it('is refused before any agreement is in force', () => {
    const inMediation = settled().slice(0, 4);
    expect(stateOf(inMediation).status).toBe('IN_MEDIATION');
    given(inMediation).when(people.respondent, '2026-03-20T10:00:00+08:00', record(refund.id)).thenFails('INVALID_TRANSITION', { status: 'IN_MEDIATION' });
  });
});

describe('confirmPerformance', () => {
  const performed = (history = settled(), obligationId = refund.id, by_ = people.respondent) => [
    ...history,
    by(by_, '2026-05-06T10:00:00+08:00', { type: 'PerformanceRecorded', data: { obligationId } }),
  ];

  it('the creditor confirms; the obligation is FULFILLED and the dispute stays open while others remain', () => {
    given(performed()).when(people.consumer, '2026-05-07T10:00:00+08:00', confirm(refund.id)).then([
      { type: 'PerformanceConfirmed', data: { obligationId: refund.id } },
    ]);
  });

  it('the last confirmation closes the dispute as FULFILLED', () => {
    const history = [
      ...performed(),
      by(people.consumer, '2026-05-07T10:00:00+08:00', { type: 'PerformanceConfirmed', data: { obligationId: refund.id } }),
      by(people.consumer, '2026-05-08T10:00:00+08:00', { type: 'PerformanceRecorded', data: { obligationId: takeDownReview.id } }),
    ];
    const events = given(history).when(people.respondent, '2026-05-09T10:00:00+08:00', confirm(takeDownReview.id)).thenEvents();
    expect(events).toEqual([
      { type: 'PerformanceConfirmed', data: { obligationId: takeDownReview.id } },
      { type: 'DisputeClosed', data: { outcome: 'FULFILLED' } },
    ]);
    const state = stateOf([...history, ...events.map((e) => by(people.respondent, '2026-05-09T10:00:00+08:00', e))]);
    expect(state).toMatchObject({ status: 'CLOSED', outcome: 'FULFILLED', closedAt: '2026-05-09T02:00:00.000Z' });
    expect(state.obligations.map((o) => [o.status, o.confirmedAt])).toEqual([
      ['FULFILLED', '2026-05-07T02:00:00.000Z'],
      ['FULFILLED', '2026-05-09T02:00:00.000Z'],
    ]);
    // Nothing is owed any more: no deadline stays open.
    expect(openDeadlines(state, RULES)).toEqual([]);
  });

  it('closes an award with a single obligation at once', () => {
    const history = performed(awarded());
    expect(given(history).when(people.consumer, '2026-06-01T10:00:00+08:00', confirm(refund.id)).thenEvents().map((e) => e.type)).toEqual([
      'PerformanceConfirmed',
      'DisputeClosed',
    ]);
  });

  it('is refused to the debtor, and for an obligation not yet performed', () => {
    given(performed()).when(people.respondent, '2026-05-07T10:00:00+08:00', confirm(refund.id)).thenFails('FORBIDDEN');
    given(settled()).when(people.consumer, '2026-05-07T10:00:00+08:00', confirm(refund.id)).thenFails('INVALID_TRANSITION', {
      obligationStatus: 'PENDING',
    });
  });

  it('is refused once the dispute is closed', () => {
    const closedHistory = [
      ...performed(awarded()),
      by(people.consumer, '2026-06-01T10:00:00+08:00', { type: 'PerformanceConfirmed', data: { obligationId: refund.id } }),
      by(people.consumer, '2026-06-01T10:00:00+08:00', { type: 'DisputeClosed', data: { outcome: 'FULFILLED' } }),
    ];
    given(closedHistory).when(people.consumer, '2026-06-02T10:00:00+08:00', confirm(refund.id)).thenFails('INVALID_TRANSITION', { status: 'CLOSED' });
  });
});

describe('markObligationOverdue (the platform, on the due date)', () => {
  it('the obligation due on National Day is shown due at 24:00 of 10-01, not moved to the next working day', () => {
    const due = openDeadlines(stateOf(confirmed()), RULES).filter((d) => d.kind === 'OBLIGATION_DUE');
    expect(due).toEqual([
      expect.objectContaining({ ref: refund.id, lastDay: '2026-10-01', dueAt: REFUND_DUE, provisional: false }),
      expect.objectContaining({ ref: takeDownReview.id, lastDay: '2026-10-01', dueAt: REFUND_DUE }),
    ]);
  });

  it('is not yet possible on the last day itself', () => {
    given(confirmed()).when(people.system, '2026-10-01T23:59:59+08:00', markOverdue()).thenFails('INVALID_TRANSITION');
  });

  it('marks it OVERDUE from 24:00 Shanghai of the due date', () => {
    given(confirmed()).when(people.system, overdueAt, markOverdue()).then([{ type: 'ObligationOverdue', data: { obligationId: refund.id, dueAt: REFUND_DUE } }]);
    expect(stateOf(overdue(confirmed())).obligations.find((o) => o.id === refund.id)?.status).toBe('OVERDUE');
  });

  it('does nothing for an obligation already performed or marked, or for a deadline that no longer stands', () => {
    const performed = [...confirmed(), by(people.respondent, '2026-09-30T10:00:00+08:00', { type: 'PerformanceRecorded', data: { obligationId: refund.id } })];
    given(performed).when(people.system, overdueAt, markOverdue()).then([]);
    given(overdue(confirmed())).when(people.system, '2026-10-03T00:00:00+08:00', markOverdue()).then([]);
    given(confirmed()).when(people.system, overdueAt, markOverdue(refund.id, '2026-09-30T16:00:00.000Z')).then([]);
  });

  it('is the platform’s alone', () => {
    for (const person of [people.consumer, people.officer, people.mediator]) {
      given(confirmed()).when(person, overdueAt, markOverdue()).thenFails('FORBIDDEN');
    }
  });
});

describe('applyForEnforcement', () => {
  it('the creditor of an overdue obligation under a confirmed agreement applies; the dispute closes as REFERRED_FOR_ENFORCEMENT', () => {
    const events = given(overdue(confirmed())).when(people.consumer, '2026-10-09T10:00:00+08:00', enforce).thenEvents();
    expect(events).toEqual([
      { type: 'EnforcementApplied', data: { side: 'CLAIMANT' } },
      { type: 'DisputeClosed', data: { outcome: 'REFERRED_FOR_ENFORCEMENT' } },
    ]);
    const state = stateOf([...overdue(confirmed()), ...events.map((e) => by(people.consumer, '2026-10-09T10:00:00+08:00', e))]);
    expect(state).toMatchObject({
      status: 'CLOSED',
      outcome: 'REFERRED_FOR_ENFORCEMENT',
      enforcement: { appliedAt: '2026-10-09T02:00:00.000Z', by: people.consumer.userId },
    });
  });

  it('an award is enforceable too', () => {
    given(overdue(awarded())).when(people.consumer, '2026-10-09T10:00:00+08:00', enforce).then([
      { type: 'EnforcementApplied', data: { side: 'CLAIMANT' } },
      { type: 'DisputeClosed', data: { outcome: 'REFERRED_FOR_ENFORCEMENT' } },
    ]);
  });

  it('shows the two-year window (CPL Art. 250): from 2026-10-01 to 2028-10-01, a Sunday in National Day, so the next working day', () => {
    const window = openDeadlines(stateOf(overdue(confirmed())), RULES).find((d) => d.kind === 'ENFORCEMENT_APPLY');
    // 2028 has no published calendar: the regulation's National Day (10-01 to 10-03) is counted, provisionally.
    expect(window).toMatchObject({ lastDay: '2028-10-04', dueAt: '2028-10-04T16:00:00.000Z', provisional: true });
  });

  it('is possible on the last day of the window and refused after it with DEADLINE_PASSED', () => {
    given(overdue(confirmed())).when(people.consumer, '2028-10-04T23:00:00+08:00', enforce).thenEvents();
    given(overdue(confirmed())).when(people.consumer, '2028-10-05T00:00:00+08:00', enforce).thenFails('DEADLINE_PASSED', {
      kind: 'ENFORCEMENT_APPLY',
      dueAt: '2028-10-04T16:00:00.000Z',
    });
  });

  it('a settlement agreement not confirmed by a court is not enforceable', () => {
    given(overdue(settled())).when(people.consumer, '2026-10-09T10:00:00+08:00', enforce).thenFails('INVALID_TRANSITION', { status: 'SETTLED' });
  });

  it('needs an overdue obligation, owed to the applicant', () => {
    given(confirmed()).when(people.consumer, '2026-10-09T10:00:00+08:00', enforce).thenFails('INVALID_TRANSITION', { status: 'CONFIRMED' });
    // Only the clinic's refund is overdue: the clinic is its debtor, not its creditor.
    given(overdue(confirmed())).when(people.respondent, '2026-10-09T10:00:00+08:00', enforce).thenFails('FORBIDDEN');
    given(overdue(confirmed())).when(people.court, '2026-10-09T10:00:00+08:00', enforce).thenFails('FORBIDDEN');
  });
});

describe('closeDispute', () => {
  it('a party closes a failed mediation as going to court, with a note', () => {
    given(mediationFailed()).when(people.consumer, '2026-03-10T10:00:00+08:00', close('REFERRED_TO_LITIGATION', '已向福田区法院起诉')).then([
      { type: 'DisputeClosed', data: { outcome: 'REFERRED_TO_LITIGATION', note: '已向福田区法院起诉' } },
    ]);
  });

  it('the intake officer closes it as abandoned; the dispute is CLOSED', () => {
    given(mediationFailed()).when(people.officer, '2026-03-10T10:00:00+08:00', close('ABANDONED')).then([
      { type: 'DisputeClosed', data: { outcome: 'ABANDONED' } },
    ]);
    const state = stateOf([...mediationFailed(), by(people.officer, '2026-03-10T10:00:00+08:00', { type: 'DisputeClosed', data: { outcome: 'ABANDONED' } })]);
    expect(state).toMatchObject({ status: 'CLOSED', outcome: 'ABANDONED', closedAt: '2026-03-10T02:00:00.000Z' });
  });

  it('is possible after the court refused confirmation', () => {
    const refused = [
      ...confirmed().slice(0, -1),
      by(people.court, '2026-04-20T10:00:00+08:00', { type: 'ConfirmationRuled', data: { confirmed: false, grounds: ['CONTENT_UNCLEAR'] } }),
    ];
    given(refused).when(people.respondent, '2026-04-21T10:00:00+08:00', close('REFERRED_TO_LITIGATION')).then([
      { type: 'DisputeClosed', data: { outcome: 'REFERRED_TO_LITIGATION' } },
    ]);
  });

  it('FULFILLED and REFERRED_FOR_ENFORCEMENT cannot simply be declared', () => {
    for (const outcome of ['FULFILLED', 'REFERRED_FOR_ENFORCEMENT'] as const) {
      given(mediationFailed()).when(people.consumer, '2026-03-10T10:00:00+08:00', close(outcome)).thenFails('BAD_USER_INPUT', {
        issues: [{ path: 'outcome', message: expect.any(String) }],
      });
    }
  });

  it('is refused to neutrals, in other statuses, and to strangers', () => {
    given(mediationFailed()).when(people.mediator, '2026-03-10T10:00:00+08:00', close('ABANDONED')).thenFails('NOT_FOUND');
    given([...mediationFailed().slice(0, 2), by(people.officer, '2026-03-04T10:00:00+08:00', { type: 'MediatorAssigned', data: { mediatorId: people.mediator.userId, name: people.mediator.name } }), mediationFailed()[2]!])
      .when(people.mediator, '2026-03-10T10:00:00+08:00', close('ABANDONED'))
      .thenFails('FORBIDDEN');
    given(settled()).when(people.consumer, '2026-05-06T10:00:00+08:00', close('ABANDONED')).thenFails('INVALID_TRANSITION', { status: 'SETTLED' });
    given([filed()]).when(people.consumer, '2026-03-03T10:00:00+08:00', close('ABANDONED')).thenFails('INVALID_TRANSITION', { status: 'SUBMITTED' });
    given(mediationFailed()).when(people.otherConsumer, '2026-03-10T10:00:00+08:00', close('ABANDONED')).thenFails('NOT_FOUND');
  });
});
