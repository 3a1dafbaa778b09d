import { describe, expect, it } from 'vitest';
import { relationOf } from '../../../src/dispute/access.ts';
import { openDeadlines } from '../../../src/dispute/deadlines.ts';
import type { DisputeCommand } from '../../../src/dispute/dispute.ts';
import { RULES } from '../../../src/rules/parameters.ts';
import { by, given, people, stateOf } from '../../support/decider.ts';
import { at, draft, dueOn, settled, sign, step } from '../settlement/scenario.ts';

const COURT = people.court.court;
const OTHER_COURT = people.otherCourt.court;
const apply = (court: string): DisputeCommand => ({ type: 'applyForConfirmation', data: { court } });
const ACCEPT: DisputeCommand = { type: 'acceptConfirmationApplication', data: {} };
const rule = (data: Extract<DisputeCommand, { type: 'ruleOnConfirmation' }>['data']): DisputeCommand => ({ type: 'ruleOnConfirmation', data });
const LAPSE: DisputeCommand = { type: 'lapseConfirmationWindow', data: {} };

/**
 * The agreement binds on Saturday 2026-09-05 at 15:00. JC_APPLY_WINDOW: 30 days → 10/5, inside the
 * National Day holiday (10/1–7), so the last day is Thursday 10/8; it ends at 24:00 that day.
 */
const binding = settled('2026-08-24', at('2026-09-04'), at('2026-09-05', '15:00'), dueOn('2026-10-30'));
const WINDOW_ENDS = '2026-10-09T00:00:00+08:00';
const WINDOW_DUE_AT = '2026-10-08T16:00:00.000Z';

const claimantApplied = step(binding, people.consumer, at('2026-09-07'), apply(COURT));
/** Both applied to the same court on 9/8: the court must decide whether to accept by 9/11. */
const requested = step(claimantApplied, people.respondent, at('2026-09-08'), apply(COURT));
/** Accepted on 9/10: 15 days → 9/25, inside Mid-Autumn (9/25–27), so the ruling is due Monday 9/28. */
const acceptedByCourt = step(requested, people.court, at('2026-09-10'), ACCEPT);

describe('applyForConfirmation', () => {
  it('the window is 30 days from the agreement taking effect, rolled past National Day to 2026-10-08', () => {
    expect(openDeadlines(stateOf(binding), RULES).find((d) => d.kind === 'JC_APPLY_WINDOW')).toEqual({
      kind: 'JC_APPLY_WINDOW',
      dueAt: WINDOW_DUE_AT,
      lastDay: '2026-10-08',
      provisional: false,
      source: RULES.JC_APPLY_WINDOW.source,
    });
  });

  it('one party\'s application is recorded; the second naming the same court makes the request joint', () => {
    given(binding).when(people.consumer, at('2026-09-07'), apply(COURT)).then([{ type: 'ConfirmationApplied', data: { side: 'CLAIMANT', court: COURT } }]);
    given(claimantApplied)
      .when(people.respondent, at('2026-09-08'), apply(COURT))
      .then([
        { type: 'ConfirmationApplied', data: { side: 'RESPONDENT', court: COURT } },
        { type: 'ConfirmationRequested', data: { court: COURT } },
      ]);
    const state = stateOf(requested);
    expect(state.status).toBe('CONFIRMATION_REQUESTED');
    expect(state.confirmation).toMatchObject({ court: COURT, status: 'REQUESTED', requestedAt: new Date(at('2026-09-08')).toISOString() });
    expect(openDeadlines(state, RULES).find((d) => d.kind === 'JC_ACCEPT_DECISION')).toMatchObject({ lastDay: '2026-09-11' });
  });

  it('each side\'s latest application counts: different courts make no request until one side changes', () => {
    const split = step(claimantApplied, people.respondent, at('2026-09-08'), apply(OTHER_COURT));
    expect(stateOf(split).status).toBe('SETTLED');
    expect(stateOf(split).confirmation!.applications.map((a) => [a.side, a.court])).toEqual([
      ['CLAIMANT', COURT],
      ['RESPONDENT', OTHER_COURT],
    ]);
    given(split)
      .when(people.consumer, at('2026-09-09'), apply(OTHER_COURT))
      .then([
        { type: 'ConfirmationApplied', data: { side: 'CLAIMANT', court: OTHER_COURT } },
        { type: 'ConfirmationRequested', data: { court: OTHER_COURT } },
      ]);
    const joint = step(split, people.consumer, at('2026-09-09'), apply(OTHER_COURT));
    expect(stateOf(joint).confirmation!.applications.map((a) => [a.side, a.court])).toEqual([
      ['RESPONDENT', OTHER_COURT],
      ['CLAIMANT', OTHER_COURT],
    ]);
  });

  it('the same side applying twice is not a joint application', () => {
    given(claimantApplied).when(people.consumer, at('2026-09-08'), apply(COURT)).then([{ type: 'ConfirmationApplied', data: { side: 'CLAIMANT', court: COURT } }]);
  });

  it('is open until 24:00 on the last day, and DEADLINE_PASSED after', () => {
    given(claimantApplied)
      .when(people.respondent, '2026-10-08T23:59:59+08:00', apply(COURT))
      .then([
        { type: 'ConfirmationApplied', data: { side: 'RESPONDENT', court: COURT } },
        { type: 'ConfirmationRequested', data: { court: COURT } },
      ]);
    given(claimantApplied).when(people.respondent, WINDOW_ENDS, apply(COURT)).thenFails('DEADLINE_PASSED', { kind: 'JC_APPLY_WINDOW', dueAt: WINDOW_DUE_AT });
  });

  it('is for the parties, from SETTLED only', () => {
    given(binding).when(people.mediator, at('2026-09-07'), apply(COURT)).thenFails('FORBIDDEN');
    given(binding).when(people.court, at('2026-09-07'), apply(COURT)).thenFails('NOT_FOUND');
    given(requested).when(people.consumer, at('2026-09-09'), apply(COURT)).thenFails('INVALID_TRANSITION', { status: 'CONFIRMATION_REQUESTED' });
    const drafted = binding.filter((e) => !['AgreementSigned', 'SettlementReached'].includes(e.type));
    given(drafted).when(people.consumer, at('2026-09-07'), apply(COURT)).thenFails('INVALID_TRANSITION', { status: 'AGREEMENT_DRAFTED' });
  });

  it('from the joint request on, that court (and no other) sees the dispute', () => {
    expect(relationOf(stateOf(claimantApplied), people.court)).toBeUndefined();
    expect(relationOf(stateOf(requested), people.court)).toBe('COURT');
    expect(relationOf(stateOf(requested), people.otherCourt)).toBeUndefined();
  });
});

describe('acceptConfirmationApplication', () => {
  it('the court accepts; the ruling is then due 15 days on, rolled past Mid-Autumn to 2026-09-28', () => {
    given(requested).when(people.court, at('2026-09-10'), ACCEPT).then([{ type: 'ConfirmationApplicationAccepted', data: { court: COURT } }]);
    const state = stateOf(acceptedByCourt);
    expect(state.confirmation).toMatchObject({ status: 'ACCEPTED', acceptedAt: new Date(at('2026-09-10')).toISOString() });
    const deadlines = openDeadlines(state, RULES);
    expect(deadlines.find((d) => d.kind === 'JC_DECISION')).toMatchObject({ lastDay: '2026-09-28', dueAt: '2026-09-28T16:00:00.000Z' });
    expect(deadlines.some((d) => d.kind === 'JC_ACCEPT_DECISION')).toBe(false);
  });

  it('the decision to accept is due in 3 days; from Thursday 9/17 that is Sunday 9/20, an adjusted working day', () => {
    const late = step(step(binding, people.consumer, at('2026-09-16'), apply(COURT)), people.respondent, at('2026-09-17'), apply(COURT));
    expect(openDeadlines(stateOf(late), RULES).find((d) => d.kind === 'JC_ACCEPT_DECISION')).toMatchObject({ lastDay: '2026-09-20' });
  });

  it('is for that court, once', () => {
    given(requested).when(people.consumer, at('2026-09-10'), ACCEPT).thenFails('FORBIDDEN');
    given(requested).when(people.otherCourt, at('2026-09-10'), ACCEPT).thenFails('NOT_FOUND');
    given(acceptedByCourt).when(people.court, at('2026-09-11'), ACCEPT).thenFails('INVALID_TRANSITION', { status: 'CONFIRMATION_REQUESTED' });
  });
});

describe('ruleOnConfirmation', () => {
  it('confirms with a ruling number: CONFIRMED, the obligations stay in force', () => {
    given(acceptedByCourt)
      .when(people.court, at('2026-09-18'), rule({ confirmed: true, rulingNumber: '（2026）粤0304民特123号' }))
      .then([{ type: 'ConfirmationRuled', data: { confirmed: true, rulingNumber: '（2026）粤0304民特123号' } }]);
    const state = stateOf(step(acceptedByCourt, people.court, at('2026-09-18'), rule({ confirmed: true, rulingNumber: '（2026）粤0304民特123号' })));
    expect(state.status).toBe('CONFIRMED');
    expect(state.confirmation).toMatchObject({ status: 'CONFIRMED', rulingNumber: '（2026）粤0304民特123号', decidedAt: new Date(at('2026-09-18')).toISOString() });
    expect(state.obligations).toHaveLength(2);
    expect(openDeadlines(state, RULES).map((d) => d.kind)).toEqual(['OBLIGATION_DUE', 'OBLIGATION_DUE']);
  });

  it('confirmation needs acceptance first and a ruling number, and takes no grounds', () => {
    given(requested).when(people.court, at('2026-09-10'), rule({ confirmed: true, rulingNumber: '（2026）粤0304民特1号' })).thenFails('INVALID_TRANSITION', { status: 'CONFIRMATION_REQUESTED' });
    given(acceptedByCourt)
      .when(people.court, at('2026-09-18'), rule({ confirmed: true, grounds: ['OTHER'] }))
      .thenFails('BAD_USER_INPUT', { issues: [{ path: 'rulingNumber', message: expect.any(String) }, { path: 'grounds', message: expect.any(String) }] });
  });

  it('refuses with grounds (CPL Interpretation Art. 358): CONFIRMATION_REFUSED, nothing left to perform', () => {
    const refusal = rule({ confirmed: false, grounds: ['NOT_VOLUNTARY', 'CONTENT_UNCLEAR'], note: '履行方式不明确' });
    given(acceptedByCourt)
      .when(people.court, at('2026-09-18'), refusal)
      .then([{ type: 'ConfirmationRuled', data: { confirmed: false, grounds: ['NOT_VOLUNTARY', 'CONTENT_UNCLEAR'], note: '履行方式不明确' } }]);
    const state = stateOf(step(acceptedByCourt, people.court, at('2026-09-18'), refusal));
    expect(state.status).toBe('CONFIRMATION_REFUSED');
    expect(state.confirmation).toMatchObject({ status: 'REFUSED', grounds: ['NOT_VOLUNTARY', 'CONTENT_UNCLEAR'] });
    expect(state.obligations).toEqual([]);
    expect(openDeadlines(state, RULES)).toEqual([]);
  });

  it('a refusal needs at least one ground', () => {
    given(acceptedByCourt).when(people.court, at('2026-09-18'), rule({ confirmed: false })).thenFails('BAD_USER_INPUT', { issues: [{ path: 'grounds', message: expect.any(String) }] });
  });

  it('refusing before acceptance is the court declining to accept the application', () => {
    given(requested)
      .when(people.court, at('2026-09-09'), rule({ confirmed: false, grounds: ['OTHER'], note: '不属于本院管辖' }))
      .then([{ type: 'ConfirmationRuled', data: { confirmed: false, grounds: ['OTHER'], note: '不属于本院管辖' } }]);
  });

  it('is for that court, while the request is open', () => {
    const ruling = rule({ confirmed: true, rulingNumber: '（2026）粤0304民特123号' });
    given(acceptedByCourt).when(people.respondent, at('2026-09-18'), ruling).thenFails('FORBIDDEN');
    given(acceptedByCourt).when(people.otherCourt, at('2026-09-18'), ruling).thenFails('NOT_FOUND');
    const confirmed = step(acceptedByCourt, people.court, at('2026-09-18'), ruling);
    given(confirmed).when(people.court, at('2026-09-19'), ruling).thenFails('INVALID_TRANSITION', { status: 'CONFIRMED' });
  });

  it('after a refusal and re-mediation, a new agreement needs a new joint application; the old court no longer sees it', () => {
    let history = step(acceptedByCourt, people.court, at('2026-09-18'), rule({ confirmed: false, grounds: ['CONTENT_UNCLEAR'] }));
    history = [...history, by(people.mediator, at('2026-09-21'), { type: 'MediationResumed', data: {} })];
    history = step(history, people.mediator, at('2026-09-22'), draft(dueOn('2026-11-30')));
    for (const signer of [people.consumer, people.respondent, people.mediator]) history = step(history, signer, at('2026-09-23'), sign(history));
    const state = stateOf(history);
    expect(state.status).toBe('SETTLED');
    expect(state.confirmation).toBeUndefined();
    expect(relationOf(state, people.court)).toBeUndefined();
    expect(openDeadlines(state, RULES).find((d) => d.kind === 'JC_APPLY_WINDOW')).toMatchObject({ lastDay: '2026-10-23' });
  });
});

describe('lapseConfirmationWindow (the platform)', () => {
  it('records the lapse once the window has passed: still SETTLED, binding as a contract, the deadline gone', () => {
    given(binding).when(people.system, WINDOW_ENDS, LAPSE).then([{ type: 'ConfirmationWindowLapsed', data: { dueAt: WINDOW_DUE_AT } }]);
    const lapsed = step(binding, people.system, WINDOW_ENDS, LAPSE);
    const state = stateOf(lapsed);
    expect(state.status).toBe('SETTLED');
    expect(state.confirmationWindowLapsed).toBe(new Date(WINDOW_ENDS).toISOString());
    expect(openDeadlines(state, RULES).map((d) => d.kind)).toEqual(['OBLIGATION_DUE', 'OBLIGATION_DUE']);
    given(lapsed).when(people.consumer, WINDOW_ENDS, apply(COURT)).thenFails('DEADLINE_PASSED', { kind: 'JC_APPLY_WINDOW' });
    // A reactor repeating itself appends nothing.
    given(lapsed).when(people.system, WINDOW_ENDS, LAPSE).then([]);
  });

  it('is refused while the window is open, to people, and once a request was made', () => {
    given(binding).when(people.system, '2026-10-08T23:59:59+08:00', LAPSE).thenFails('INVALID_TRANSITION', { status: 'SETTLED' });
    given(binding).when(people.consumer, WINDOW_ENDS, LAPSE).thenFails('FORBIDDEN');
    given(binding).when(people.officer, WINDOW_ENDS, LAPSE).thenFails('FORBIDDEN');
    given(requested).when(people.system, WINDOW_ENDS, LAPSE).thenFails('INVALID_TRANSITION', { status: 'CONFIRMATION_REQUESTED' });
  });
});
