import { describe, expect, it } from 'vitest';
import { mediationDeadline, openDeadlines } from '../../../src/dispute/deadlines.ts';
import type { StoredDisputeEvent } from '../../../src/dispute/events.ts';
import { RULES } from '../../../src/rules/parameters.ts';
import { accepted, by, filed, given, people, stateOf } from '../../support/decider.ts';
import { assigned, awaitingAnswer, confirmationRefused, consented, disclosed, MEDIATION_DUE, mediating } from './scenario.ts';

const deem = (dueAt = MEDIATION_DUE) => ({ type: 'deemMediationFailed', data: { dueAt } }) as const;
const limitOf = (events: StoredDisputeEvent[]) => mediationDeadline(stateOf(events), RULES);
const appraisalRequested = (at: string, appraisalId = 'ap-1') =>
  by(people.consumer, at, { type: 'AppraisalRequested', data: { appraisalId, subject: '损伤程度鉴定' } });
const appraisalCompleted = (at: string, appraisalId = 'ap-1') =>
  by(people.officer, at, { type: 'AppraisalCompleted', data: { appraisalId, result: '轻微伤' } });
const proposedExtension = (viewer: typeof people.consumer | typeof people.respondent, side: 'CLAIMANT' | 'RESPONDENT', workingDays: number, at = '2026-04-01T10:00:00+08:00') =>
  by(viewer, at, { type: 'MediationExtensionProposed', data: { side, workingDays } });

/** Accepted Monday 2 February 2026 for medical-dispute mediation: the limit runs across Spring Festival. */
const springFestival = () => [
  filed('2026-01-30T10:00:00+08:00'),
  accepted('2026-02-02T10:00:00+08:00'),
  consented('2026-02-03T10:00:00+08:00'),
  assigned('2026-02-03T11:00:00+08:00'),
  disclosed('2026-02-03T15:00:00+08:00'),
];

describe('the mediation limit', () => {
  it('MEDIATION_LIMIT_MEDICAL: 30 working days from Mon 2 Feb, across Spring Festival (2/15–23 off, Sat 2/14 and 2/28 worked), end Fri 20 March (MDR Art. 38)', () => {
    expect(limitOf(springFestival())).toMatchObject({ kind: 'MEDIATION_LIMIT_MEDICAL', lastDay: '2026-03-20', dueAt: '2026-03-20T16:00:00.000Z', provisional: false });
  });

  it('MEDIATION_LIMIT_CONSUMER: 45 working days from Tue 3 March end on Saturday 9 May, a make-up working day after Labour Day (SAMR Art. 20)', () => {
    const consumer = [filed(), accepted(undefined, 'CONSUMER_COMPLAINT_MEDIATION'), consented(), assigned(), disclosed()];
    expect(limitOf(consumer)).toMatchObject({ kind: 'MEDIATION_LIMIT_CONSUMER', lastDay: '2026-05-09' });
  });

  it('the default case: Tue 3 March + 30 working days, Qingming 4/4–6 off, is Wed 15 April', () => {
    expect(openDeadlines(stateOf(mediating()), RULES)).toEqual([expect.objectContaining({ kind: 'MEDIATION_LIMIT_MEDICAL', lastDay: '2026-04-15', dueAt: MEDIATION_DUE })]);
  });
});

describe('requestAppraisal / completeAppraisal: the clock stops while an appraisal runs', () => {
  it('a party or the mediator requests one', () => {
    given(mediating()).when(people.consumer, '2026-03-09T10:00:00+08:00', { type: 'requestAppraisal', data: { subject: '损伤程度鉴定' } }).then([
      { type: 'AppraisalRequested', data: { appraisalId: 'id-1', subject: '损伤程度鉴定' } },
    ]);
    given(mediating()).when(people.mediator, '2026-03-09T10:00:00+08:00', { type: 'requestAppraisal', data: { subject: '因果关系' } }).thenEvents();
  });

  it('while it runs there is no mediation deadline, and the platform cannot deem mediation failed', () => {
    const running = [...springFestival(), appraisalRequested('2026-03-02T10:00:00+08:00')];
    expect(openDeadlines(stateOf(running), RULES).map((d) => d.kind)).not.toContain('MEDIATION_LIMIT_MEDICAL');
    given(running).when(people.system, '2026-04-30T10:00:00+08:00', deem()).thenFails('INVALID_TRANSITION', { status: 'IN_MEDIATION' });
  });

  it('its working days are added back: Mon 2 March to Fri 6 March is 4 working days, so 20 March becomes Thu 26 March', () => {
    const done = [...springFestival(), appraisalRequested('2026-03-02T10:00:00+08:00'), appraisalCompleted('2026-03-06T16:00:00+08:00')];
    expect(stateOf(done).appraisals[0]).toMatchObject({ completedAt: '2026-03-06T08:00:00.000Z', result: '轻微伤' });
    expect(limitOf(done)).toMatchObject({ lastDay: '2026-03-26', dueAt: '2026-03-26T16:00:00.000Z' });
    given(done).when(people.system, '2026-03-26T23:00:00+08:00', deem('2026-03-20T16:00:00.000Z')).thenFails('INVALID_TRANSITION');
    given(done).when(people.system, '2026-03-27T00:00:00+08:00', deem('2026-03-26T16:00:00.000Z')).then([
      { type: 'MediationDeemedFailed', data: { dueAt: '2026-03-26T16:00:00.000Z' } },
    ]);
  });

  it('one at a time, so that no day is taken off twice', () => {
    given([...mediating(), appraisalRequested('2026-03-09T10:00:00+08:00')])
      .when(people.respondent, '2026-03-10T10:00:00+08:00', { type: 'requestAppraisal', data: { subject: '另一项' } })
      .thenFails('INVALID_TRANSITION');
  });

  it('the mediator or the intake officer completes it; not a party', () => {
    const running = [...mediating(), appraisalRequested('2026-03-09T10:00:00+08:00')];
    for (const person of [people.mediator, people.officer]) {
      given(running).when(person, '2026-03-20T10:00:00+08:00', { type: 'completeAppraisal', data: { appraisalId: 'ap-1', result: '轻微伤' } }).then([
        { type: 'AppraisalCompleted', data: { appraisalId: 'ap-1', result: '轻微伤' } },
      ]);
    }
    given(running).when(people.consumer, '2026-03-20T10:00:00+08:00', { type: 'completeAppraisal', data: { appraisalId: 'ap-1' } }).thenFails('FORBIDDEN');
  });

  it('an unknown appraisal is BAD_USER_INPUT; a completed one INVALID_TRANSITION', () => {
    const done = [...mediating(), appraisalRequested('2026-03-09T10:00:00+08:00'), appraisalCompleted('2026-03-12T10:00:00+08:00')];
    given(done).when(people.officer, '2026-03-20T10:00:00+08:00', { type: 'completeAppraisal', data: { appraisalId: 'ap-404' } }).thenFails('BAD_USER_INPUT', { issues: [{ path: 'appraisalId', message: expect.any(String) }] });
    given(done).when(people.officer, '2026-03-20T10:00:00+08:00', { type: 'completeAppraisal', data: { appraisalId: 'ap-1' } }).thenFails('INVALID_TRANSITION');
  });

  it('cannot be requested once the limit has passed, nor before mediation: DEADLINE_PASSED, INVALID_TRANSITION, FORBIDDEN, NOT_FOUND', () => {
    given(mediating()).when(people.consumer, '2026-04-16T09:00:00+08:00', { type: 'requestAppraisal', data: { subject: '迟到' } }).thenFails('DEADLINE_PASSED');
    given(awaitingAnswer()).when(people.consumer, '2026-03-04T09:00:00+08:00', { type: 'requestAppraisal', data: { subject: '早' } }).thenFails('INVALID_TRANSITION', { status: 'ACCEPTED' });
    given(mediating()).when(people.officer, '2026-03-09T10:00:00+08:00', { type: 'requestAppraisal', data: { subject: '？' } }).thenFails('FORBIDDEN');
    given(mediating()).when(people.otherConsumer, '2026-03-09T10:00:00+08:00', { type: 'requestAppraisal', data: { subject: '？' } }).thenFails('NOT_FOUND');
  });
});

describe('extendMediation: both parties agree on N working days (MDR Art. 38)', () => {
  const extend = (workingDays: number) => ({ type: 'extendMediation', data: { workingDays } }) as const;

  it('the first party proposes; the deadline does not move yet', () => {
    given(mediating()).when(people.consumer, '2026-04-01T10:00:00+08:00', extend(5)).then([{ type: 'MediationExtensionProposed', data: { side: 'CLAIMANT', workingDays: 5 } }]);
    const state = stateOf([...mediating(), proposedExtension(people.consumer, 'CLAIMANT', 5)]);
    expect(state.pendingExtension).toEqual({ side: 'CLAIMANT', workingDays: 5, at: '2026-04-01T02:00:00.000Z' });
    expect(mediationDeadline(state, RULES)?.lastDay).toBe('2026-04-15');
  });

  it('the other agreeing to the same number extends it: 15 April + 5 working days is Wed 22 April', () => {
    const pending = [...mediating(), proposedExtension(people.consumer, 'CLAIMANT', 5)];
    given(pending).when(people.respondent, '2026-04-02T10:00:00+08:00', extend(5)).then([{ type: 'MediationExtended', data: { workingDays: 5 } }]);
    const state = stateOf([...pending, by(people.respondent, '2026-04-02T10:00:00+08:00', { type: 'MediationExtended', data: { workingDays: 5 } })]);
    expect(state.extensionWorkingDays).toBe(5);
    expect(state.pendingExtension).toBeUndefined();
    expect(mediationDeadline(state, RULES)).toMatchObject({ lastDay: '2026-04-22', dueAt: '2026-04-22T16:00:00.000Z' });
  });

  it('another number is a counter-proposal; the same side again replaces its own', () => {
    const pending = [...mediating(), proposedExtension(people.consumer, 'CLAIMANT', 5)];
    given(pending).when(people.respondent, '2026-04-02T10:00:00+08:00', extend(3)).then([{ type: 'MediationExtensionProposed', data: { side: 'RESPONDENT', workingDays: 3 } }]);
    given(pending).when(people.consumer, '2026-04-02T10:00:00+08:00', extend(5)).then([{ type: 'MediationExtensionProposed', data: { side: 'CLAIMANT', workingDays: 5 } }]);
  });

  it('is the parties’, before the limit has passed', () => {
    for (const person of [people.mediator, people.officer]) {
      given(mediating()).when(person, '2026-04-01T10:00:00+08:00', extend(5)).thenFails('FORBIDDEN');
    }
    given(mediating()).when(people.respondent, '2026-04-16T00:00:00+08:00', extend(5)).thenFails('DEADLINE_PASSED', { dueAt: MEDIATION_DUE });
    given(awaitingAnswer()).when(people.consumer, '2026-03-04T09:00:00+08:00', extend(5)).thenFails('INVALID_TRANSITION', { status: 'ACCEPTED' });
  });
});

describe('endMediation', () => {
  const end = (reason: 'NO_AGREEMENT' | 'DEADLINE_PASSED' | 'PARTY_DECLARED_IMPOSSIBLE', note?: string) => ({ type: 'endMediation', data: { reason, note } }) as const;

  it('the mediator ends mediation: MEDIATION_FAILED with the reason', () => {
    given(mediating()).when(people.mediator, '2026-03-20T10:00:00+08:00', end('PARTY_DECLARED_IMPOSSIBLE', '诊所表示无法达成协议')).then([
      { type: 'MediationEnded', data: { reason: 'PARTY_DECLARED_IMPOSSIBLE', note: '诊所表示无法达成协议' } },
    ]);
    const state = stateOf([...mediating(), by(people.mediator, '2026-03-20T10:00:00+08:00', { type: 'MediationEnded', data: { reason: 'NO_AGREEMENT' } })]);
    expect(state.status).toBe('MEDIATION_FAILED');
    expect(state.mediationEnd).toEqual({ reason: 'NO_AGREEMENT', at: '2026-03-20T02:00:00.000Z', automatic: false });
    expect(openDeadlines(state, RULES)).toEqual([]);
  });

  it('DEADLINE_PASSED is a reason only once the limit has passed', () => {
    given(mediating()).when(people.mediator, '2026-04-15T10:00:00+08:00', end('DEADLINE_PASSED')).thenFails('BAD_USER_INPUT', { issues: [{ path: 'reason', message: expect.any(String) }] });
    given(mediating()).when(people.mediator, '2026-04-16T10:00:00+08:00', end('DEADLINE_PASSED')).thenEvents();
  });

  it('is the mediator’s, while mediating', () => {
    for (const person of [people.consumer, people.respondent, people.officer]) {
      given(mediating()).when(person, '2026-03-20T10:00:00+08:00', end('NO_AGREEMENT')).thenFails('FORBIDDEN');
    }
    given(mediating()).when(people.otherMediator, '2026-03-20T10:00:00+08:00', end('NO_AGREEMENT')).thenFails('NOT_FOUND');
    given([...awaitingAnswer(), assigned(), disclosed()]).when(people.mediator, '2026-03-05T10:00:00+08:00', end('NO_AGREEMENT')).thenFails('INVALID_TRANSITION', { status: 'ACCEPTED' });
  });
});

describe('deemMediationFailed (the platform, on the deadline)', () => {
  it('not before the end of Wednesday 15 April', () => {
    given(mediating()).when(people.system, '2026-04-15T23:59:59+08:00', deem()).thenFails('INVALID_TRANSITION', { status: 'IN_MEDIATION' });
  });

  it('from then on: MEDIATION_FAILED, automatically, for the deadline passed', () => {
    given(mediating()).when(people.system, '2026-04-16T00:00:00+08:00', deem()).then([{ type: 'MediationDeemedFailed', data: { dueAt: MEDIATION_DUE } }]);
    const state = stateOf([...mediating(), by(people.system, '2026-04-16T00:00:00+08:00', { type: 'MediationDeemedFailed', data: { dueAt: MEDIATION_DUE } })]);
    expect(state.status).toBe('MEDIATION_FAILED');
    expect(state.mediationEnd).toMatchObject({ reason: 'DEADLINE_PASSED', automatic: true, at: '2026-04-15T16:00:00.000Z' });
  });

  it('is the platform’s alone, and only while mediating', () => {
    for (const person of [people.mediator, people.officer, people.consumer]) {
      given(mediating()).when(person, '2026-04-16T10:00:00+08:00', deem()).thenFails('FORBIDDEN');
    }
    given(awaitingAnswer()).when(people.system, '2026-05-20T10:00:00+08:00', deem()).thenFails('INVALID_TRANSITION', { status: 'ACCEPTED' });
  });
});

describe('resumeMediation after the court refused confirmation', () => {
  it('a party or the intake officer resumes: IN_MEDIATION on a fresh clock, without the old round’s extension or appraisal days', () => {
    const refused = confirmationRefused();
    for (const person of [people.consumer, people.respondent, people.officer]) {
      given(refused).when(person, '2026-06-18T10:00:00+08:00', { type: 'resumeMediation', data: {} }).then([{ type: 'MediationResumed', data: {} }]);
    }
    const earlierRound = [
      ...refused.slice(0, 5),
      appraisalRequested('2026-03-05T10:00:00+08:00'),
      appraisalCompleted('2026-03-09T10:00:00+08:00'),
      by(people.respondent, '2026-03-09T11:00:00+08:00', { type: 'MediationExtended', data: { workingDays: 10 } }),
      ...refused.slice(5),
    ];
    const state = stateOf([...earlierRound, by(people.consumer, '2026-06-18T10:00:00+08:00', { type: 'MediationResumed', data: {} })]);
    expect(state.status).toBe('IN_MEDIATION');
    expect(state.mediationClockFrom).toBe('2026-06-18T02:00:00.000Z');
    expect(state.extensionWorkingDays).toBe(0);
    // From Thu 18 June, Dragon Boat 6/19–21 off: 30 working days end Fri 31 July.
    expect(mediationDeadline(state, RULES)).toMatchObject({ lastDay: '2026-07-31' });
  });

  it('FORBIDDEN to the mediator and the court; INVALID_TRANSITION unless confirmation was refused', () => {
    for (const person of [people.mediator, people.court]) {
      given(confirmationRefused()).when(person, '2026-06-18T10:00:00+08:00', { type: 'resumeMediation', data: {} }).thenFails('FORBIDDEN');
    }
    given(mediating()).when(people.consumer, '2026-03-20T10:00:00+08:00', { type: 'resumeMediation', data: {} }).thenFails('INVALID_TRANSITION', { status: 'IN_MEDIATION' });
    given(confirmationRefused()).when(people.otherConsumer, '2026-06-18T10:00:00+08:00', { type: 'resumeMediation', data: {} }).thenFails('NOT_FOUND');
  });
});
