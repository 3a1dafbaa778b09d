import { describe, expect, it } from 'vitest';
import { relationOf } from '../../../src/dispute/access.ts';
import { openDeadlines } from '../../../src/dispute/deadlines.ts';
import type { DisputeCommand } from '../../../src/dispute/dispute.ts';
import { RULES } from '../../../src/rules/parameters.ts';
import { accepted, by, filed, given, people, stateOf } from '../../support/decider.ts';
import { assigned, awaitingAnswer, consented, disclosed, lawyerAssigned, mediating } from './scenario.ts';

/** `name` is what the resolver found: absent for an account that is no mediator. */
const assign = (mediatorId: string, name?: string) => ({ type: 'assignMediator', data: { mediatorId, name } }) as const;
const disclose = (hasConflict = false) => ({ type: 'discloseConflicts', data: { statement: '与双方无利害关系', hasConflict } }) as const;
const replace = (reason?: string) => ({ type: 'requestMediatorReplacement', data: { reason } }) as const;
const replacementBy = (viewer: typeof people.consumer | typeof people.respondent, side: 'CLAIMANT' | 'RESPONDENT', at: string) =>
  by(viewer, at, { type: 'MediatorReplacementRequested', data: { side, mediatorId: people.mediator.userId } });

describe('assignMediator', () => {
  it('the intake officer assigns a mediator, who then sees the dispute and has ONLINE_MEDIATOR_ACCEPT to take it', () => {
    given(awaitingAnswer()).when(people.officer, '2026-03-04T10:00:00+08:00', assign(people.mediator.userId, '调解员')).then([
      { type: 'MediatorAssigned', data: { mediatorId: people.mediator.userId, name: '调解员' } },
    ]);
    const state = stateOf([...awaitingAnswer(), assigned('2026-03-04T10:00:00+08:00')]);
    expect(relationOf(state, people.mediator)).toBe('MEDIATOR');
    // 3 working days from Wednesday 4 March: Monday 9 March.
    expect(openDeadlines(state, RULES)).toContainEqual(expect.objectContaining({ kind: 'ONLINE_MEDIATOR_ACCEPT', lastDay: '2026-03-09' }));
  });

  it('assigning another replaces the active mediator, who leaves the case', () => {
    given(mediating()).when(people.officer, '2026-03-05T10:00:00+08:00', assign(people.otherMediator.userId, '另一调解员')).then([
      { type: 'MediatorAssigned', data: { mediatorId: people.otherMediator.userId, name: '另一调解员' } },
    ]);
    const state = stateOf([...mediating(), assigned('2026-03-05T10:00:00+08:00', people.otherMediator)]);
    expect(state.mediator).toMatchObject({ id: people.otherMediator.userId, assignedAt: '2026-03-05T02:00:00.000Z' });
    expect(state.mediator?.disclosure).toBeUndefined();
    expect(state.formerMediators).toEqual([{ id: people.mediator.userId, name: people.mediator.name }]);
    expect(relationOf(state, people.mediator)).toBeUndefined();
  });

  it('refuses an account that is not a mediator (the resolver found no MEDIATOR name)', () => {
    given(awaitingAnswer())
      .when(people.officer, '2026-03-04T10:00:00+08:00', assign(people.consumer.userId))
      .thenFails('BAD_USER_INPUT', { issues: [{ path: 'mediatorId', message: expect.any(String) }] });
  });

  it('a mediator who stepped aside or was replaced cannot be assigned again', () => {
    const recused = [...awaitingAnswer(), assigned(), disclosed(undefined, people.mediator, true)];
    const replaced = [...mediating(), replacementBy(people.consumer, 'CLAIMANT', '2026-03-05T09:00:00+08:00')];
    for (const history of [recused, replaced]) {
      given(history).when(people.officer, '2026-03-06T10:00:00+08:00', assign(people.mediator.userId, '调解员')).thenFails('BAD_USER_INPUT', { issues: [{ path: 'mediatorId', message: expect.any(String) }] });
    }
  });

  it('the mediator already on the case is not assigned twice; one who has not yet accepted gets a fresh period', () => {
    given(mediating()).when(people.officer, '2026-03-05T10:00:00+08:00', assign(people.mediator.userId, '调解员')).thenFails('BAD_USER_INPUT');
    const reassigned = stateOf([...awaitingAnswer(), assigned('2026-03-04T10:00:00+08:00'), assigned('2026-03-10T10:00:00+08:00')]);
    expect(reassigned.mediator?.assignedAt).toBe('2026-03-10T02:00:00.000Z');
    expect(reassigned.formerMediators).toEqual([]);
  });

  it('is the intake officer’s: FORBIDDEN to parties and the mediator, NOT_FOUND to strangers', () => {
    for (const person of [people.consumer, people.respondent, people.mediator]) {
      given(mediating()).when(person, '2026-03-05T10:00:00+08:00', assign(people.otherMediator.userId, '另一调解员')).thenFails('FORBIDDEN');
    }
    given(mediating()).when(people.otherConsumer, '2026-03-05T10:00:00+08:00', assign(people.otherMediator.userId, '另一调解员')).thenFails('NOT_FOUND');
  });

  it('is INVALID_TRANSITION before acceptance and after mediation ended', () => {
    given([filed()]).when(people.officer, '2026-03-02T11:00:00+08:00', assign(people.mediator.userId, '调解员')).thenFails('INVALID_TRANSITION', { status: 'SUBMITTED' });
    given([...awaitingAnswer(), consented(undefined, false)]).when(people.officer, '2026-03-05T10:00:00+08:00', assign(people.mediator.userId, '调解员')).thenFails('INVALID_TRANSITION', { status: 'MEDIATION_FAILED' });
  });
});

describe('discloseConflicts', () => {
  it('disclosing no conflict accepts the case: the acceptance deadline closes', () => {
    const history = [...awaitingAnswer(), consented(), assigned()];
    given(history).when(people.mediator, '2026-03-04T11:00:00+08:00', disclose()).then([
      { type: 'ConflictsDisclosed', data: { mediatorId: people.mediator.userId, statement: '与双方无利害关系', hasConflict: false } },
    ]);
    const state = stateOf([...history, disclosed('2026-03-04T11:00:00+08:00')]);
    expect(state.mediator?.disclosure).toMatchObject({ hasConflict: false, at: '2026-03-04T03:00:00.000Z' });
    expect(openDeadlines(state, RULES).map((d) => d.kind)).not.toContain('ONLINE_MEDIATOR_ACCEPT');
  });

  it('a conflict makes the mediator step aside: off the case, for the intake officer to assign another', () => {
    const state = stateOf([...awaitingAnswer(), consented(), assigned(), disclosed(undefined, people.mediator, true)]);
    expect(state.mediator).toBeUndefined();
    expect(state.formerMediators.map((m) => m.id)).toEqual([people.mediator.userId]);
    expect(relationOf(state, people.mediator)).toBeUndefined();
  });

  it('must come within ONLINE_MEDIATOR_ACCEPT: assigned Thu 2 April, the Qingming days off make Wed 8 April the last day (OMR Art. 12)', () => {
    const history = [filed('2026-03-30T10:00:00+08:00'), accepted('2026-04-01T10:00:00+08:00'), assigned('2026-04-02T10:00:00+08:00')];
    given(history).when(people.mediator, '2026-04-08T20:00:00+08:00', disclose()).thenEvents();
    given(history)
      .when(people.mediator, '2026-04-09T09:00:00+08:00', disclose())
      .thenFails('DEADLINE_PASSED', { kind: 'ONLINE_MEDIATOR_ACCEPT', dueAt: '2026-04-08T16:00:00.000Z' });
  });

  it('a mediator assigned while an agreement is drafted has the same period to accept', () => {
    const drafted = [
      ...mediating(),
      by(people.mediator, '2026-03-10T10:00:00+08:00', { type: 'AgreementDrafted', data: { agreementId: 'a-1', terms: '退款', text: '协议', hash: 'h', obligations: [] } }),
      assigned('2026-03-11T10:00:00+08:00', people.otherMediator),
    ];
    expect(openDeadlines(stateOf(drafted), RULES)).toContainEqual(expect.objectContaining({ kind: 'ONLINE_MEDIATOR_ACCEPT', lastDay: '2026-03-16' }));
    given(drafted).when(people.otherMediator, '2026-03-17T09:00:00+08:00', disclose()).thenFails('DEADLINE_PASSED');
  });

  it('may be made again later, when a conflict comes to light', () => {
    given(mediating()).when(people.mediator, '2026-05-20T10:00:00+08:00', disclose(true)).then([
      { type: 'ConflictsDisclosed', data: { mediatorId: people.mediator.userId, statement: '与双方无利害关系', hasConflict: true } },
    ]);
  });

  it('is the assigned mediator’s: FORBIDDEN to others who see the case, NOT_FOUND to another mediator', () => {
    for (const person of [people.officer, people.consumer, people.respondent]) {
      given(mediating()).when(person, '2026-03-05T10:00:00+08:00', disclose()).thenFails('FORBIDDEN');
    }
    given(mediating()).when(people.otherMediator, '2026-03-05T10:00:00+08:00', disclose()).thenFails('NOT_FOUND');
  });

  it('is INVALID_TRANSITION once mediation has ended', () => {
    const ended = [...mediating(), by(people.mediator, '2026-03-06T10:00:00+08:00', { type: 'MediationEnded', data: { reason: 'NO_AGREEMENT' } })];
    given(ended).when(people.mediator, '2026-03-07T10:00:00+08:00', disclose()).thenFails('INVALID_TRANSITION', { status: 'MEDIATION_FAILED' });
  });
});

describe('the mediator acts only after disclosing', () => {
  const undisclosed = () => [...awaitingAnswer(), consented(), assigned()];
  const at = '2026-03-05T10:00:00+08:00';
  const acts: DisputeCommand[] = [
    { type: 'scheduleSession', data: { startsAt: '2026-03-10T02:00:00.000Z', mode: 'ONLINE', link: 'https://meet.example.cn/1' } },
    { type: 'postMessage', data: { body: '请双方陈述 / please state your positions' } },
    { type: 'proposeSettlement', data: { items: [{ kind: 'REFUND', amountFen: 500_000 }] } },
    { type: 'requestAppraisal', data: { subject: '损伤程度 / degree of injury' } },
    { type: 'endMediation', data: { reason: 'NO_AGREEMENT' } },
  ];
  for (const act of acts) {
    it(`${act.type}: FORBIDDEN until then`, () => {
      given(undisclosed()).when(people.mediator, at, act).thenFails('FORBIDDEN');
      given([...undisclosed(), disclosed('2026-03-05T09:00:00+08:00')]).when(people.mediator, at, act).thenEvents();
    });
  }

  it('recordSession and completeAppraisal too, for what a predecessor left', () => {
    const left = [
      ...mediating(),
      by(people.mediator, '2026-03-05T09:00:00+08:00', { type: 'SessionScheduled', data: { sessionId: 's-1', startsAt: '2026-03-06T02:00:00.000Z', mode: 'IN_PERSON', place: '调解室' } }),
      by(people.consumer, '2026-03-05T09:30:00+08:00', { type: 'AppraisalRequested', data: { appraisalId: 'ap-1', subject: '损伤程度' } }),
      assigned('2026-03-06T09:00:00+08:00', people.otherMediator),
    ];
    given(left).when(people.otherMediator, '2026-03-06T12:00:00+08:00', { type: 'recordSession', data: { sessionId: 's-1', attendees: ['张三'], minutes: '…' } }).thenFails('FORBIDDEN');
    given(left).when(people.otherMediator, '2026-03-06T12:00:00+08:00', { type: 'completeAppraisal', data: { appraisalId: 'ap-1' } }).thenFails('FORBIDDEN');
  });
});

describe('requestMediatorReplacement (MEDIATOR_REPLACEMENT, OMR Art. 14)', () => {
  it('a party’s first request takes the mediator off the case', () => {
    given(mediating()).when(people.consumer, '2026-03-05T09:00:00+08:00', replace('调解员与诊所有往来')).then([
      { type: 'MediatorReplacementRequested', data: { side: 'CLAIMANT', mediatorId: people.mediator.userId, reason: '调解员与诊所有往来' } },
    ]);
    const state = stateOf([...mediating(), replacementBy(people.consumer, 'CLAIMANT', '2026-03-05T09:00:00+08:00')]);
    expect(state.mediator).toBeUndefined();
    expect(state.replacementRequests).toEqual(['CLAIMANT']);
    expect(state.formerMediators.map((m) => m.id)).toEqual([people.mediator.userId]);
    expect(state.status).toBe('IN_MEDIATION');
  });

  it('each side has its own: the respondent may still ask after the claimant did', () => {
    const history = [...mediating(), replacementBy(people.consumer, 'CLAIMANT', '2026-03-05T09:00:00+08:00'), assigned('2026-03-05T10:00:00+08:00', people.otherMediator)];
    const [event] = given(history).when(people.respondent, '2026-03-06T09:00:00+08:00', replace()).thenEvents();
    expect(event).toEqual({ type: 'MediatorReplacementRequested', data: { side: 'RESPONDENT', mediatorId: people.otherMediator.userId } });
  });

  it('the same side asking again refuses mediation: it ends, PARTY_REFUSED — the lawyer counts as the claimant’s side', () => {
    const history = [
      ...mediating(),
      ...lawyerAssigned(),
      replacementBy(people.consumer, 'CLAIMANT', '2026-03-05T09:00:00+08:00'),
      assigned('2026-03-05T10:00:00+08:00', people.otherMediator),
    ];
    for (const person of [people.consumer, people.lawyer]) {
      const [event] = given(history).when(person, '2026-03-06T09:00:00+08:00', replace()).thenEvents();
      expect(event).toMatchObject({ type: 'MediationEnded', data: { reason: 'PARTY_REFUSED' } });
    }
    const ended = stateOf([...history, by(people.consumer, '2026-03-06T09:00:00+08:00', { type: 'MediationEnded', data: { reason: 'PARTY_REFUSED' } })]);
    expect(ended.status).toBe('MEDIATION_FAILED');
    expect(ended.mediationEnd).toMatchObject({ reason: 'PARTY_REFUSED', automatic: false });
  });

  it('needs a mediator on the case', () => {
    given(awaitingAnswer()).when(people.consumer, '2026-03-04T09:00:00+08:00', replace()).thenFails('INVALID_TRANSITION', { status: 'ACCEPTED' });
  });

  it('is the parties’: FORBIDDEN to the officer and mediator, NOT_FOUND to strangers, INVALID_TRANSITION after mediation', () => {
    for (const person of [people.officer, people.mediator]) {
      given(mediating()).when(person, '2026-03-05T09:00:00+08:00', replace()).thenFails('FORBIDDEN');
    }
    given(mediating()).when(people.otherConsumer, '2026-03-05T09:00:00+08:00', replace()).thenFails('NOT_FOUND');
    given(mediating()).when(people.otherRespondent, '2026-03-05T09:00:00+08:00', replace()).thenFails('NOT_FOUND');
    const ended = [...mediating(), by(people.mediator, '2026-03-06T10:00:00+08:00', { type: 'MediationEnded', data: { reason: 'NO_AGREEMENT' } })];
    given(ended).when(people.consumer, '2026-03-07T09:00:00+08:00', replace()).thenFails('INVALID_TRANSITION', { status: 'MEDIATION_FAILED' });
  });
});
