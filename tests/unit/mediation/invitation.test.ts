import { describe, expect, it } from 'vitest';
import { openDeadlines } from '../../../src/dispute/deadlines.ts';
import { RULES, withOverrides } from '../../../src/rules/parameters.ts';
import { accepted, by, decideAs, filed, given, people, stateOf } from '../../support/decider.ts';
import { assigned, awaitingAnswer, consented, mediating } from './scenario.ts';

const answer = (consent: boolean) => ({ type: 'answerMediationInvitation', data: { consent } }) as const;
const lapse = (dueAt = '2026-03-10T16:00:00.000Z') => ({ type: 'lapseRespondentAnswer', data: { dueAt } }) as const;

/** Accepted on Thursday 24 September 2026, the eve of the Mid-Autumn break. */
const acceptedBeforeHolidays = () => [filed('2026-09-23T10:00:00+08:00'), accepted('2026-09-24T10:00:00+08:00')];

describe('answerMediationInvitation', () => {
  it('consent opens mediation', () => {
    given(awaitingAnswer()).when(people.respondent, '2026-03-04T09:00:00+08:00', answer(true)).then([
      { type: 'MediationInvitationAnswered', data: { consent: true } },
    ]);
    const state = stateOf([...awaitingAnswer(), consented('2026-03-04T09:00:00+08:00')]);
    expect(state.status).toBe('IN_MEDIATION');
    expect(state.respondentAnswer).toEqual({ consent: true, answeredAt: '2026-03-04T01:00:00.000Z', lapsed: false });
    expect(openDeadlines(state, RULES).map((d) => d.kind)).toEqual(['MEDIATION_LIMIT_MEDICAL']);
  });

  it('a refusal ends it: mediation is voluntary (PML Art. 17)', () => {
    given(awaitingAnswer()).when(people.respondent, '2026-03-04T09:00:00+08:00', answer(false)).then([
      { type: 'MediationInvitationAnswered', data: { consent: false } },
    ]);
    const state = stateOf([...awaitingAnswer(), consented('2026-03-04T09:00:00+08:00', false)]);
    expect(state.status).toBe('MEDIATION_FAILED');
    expect(state.mediationEnd).toMatchObject({ reason: 'PARTY_REFUSED', automatic: false, at: '2026-03-04T01:00:00.000Z' });
    expect(state.respondentAnswer).toMatchObject({ consent: false, lapsed: false });
  });

  it('counts RESPONDENT_ANSWER in working days across Mid-Autumn and National Day: 24 Sep → Fri 9 Oct', () => {
    // 9/25–27 and 10/1–7 are days off: 9/28, 9/29, 9/30, 10/8, 10/9 are the five working days.
    const state = stateOf(acceptedBeforeHolidays());
    expect(openDeadlines(state, RULES)).toContainEqual(expect.objectContaining({ kind: 'RESPONDENT_ANSWER', lastDay: '2026-10-09', dueAt: '2026-10-09T16:00:00.000Z' }));
    given(acceptedBeforeHolidays()).when(people.respondent, '2026-10-09T23:59:00+08:00', answer(true)).then([
      { type: 'MediationInvitationAnswered', data: { consent: true } },
    ]);
    given(acceptedBeforeHolidays())
      .when(people.respondent, '2026-10-10T00:00:00+08:00', answer(true))
      .thenFails('DEADLINE_PASSED', { kind: 'RESPONDENT_ANSWER', dueAt: '2026-10-09T16:00:00.000Z' });
  });

  it('a configured sixth working day is Saturday 10 October, a make-up working day', () => {
    const rules = withOverrides({ RESPONDENT_ANSWER: 6 });
    expect(openDeadlines(stateOf(acceptedBeforeHolidays()), rules)).toContainEqual(expect.objectContaining({ kind: 'RESPONDENT_ANSWER', lastDay: '2026-10-10' }));
    expect(decideAs(people.respondent, '2026-10-10T18:00:00+08:00', acceptedBeforeHolidays(), answer(true), rules)).toHaveLength(1);
  });

  it('is the respondent institution’s to give', () => {
    for (const person of [people.consumer, people.officer]) {
      given(awaitingAnswer()).when(person, '2026-03-04T09:00:00+08:00', answer(true)).thenFails('FORBIDDEN');
    }
    given([...awaitingAnswer(), assigned()]).when(people.mediator, '2026-03-04T11:00:00+08:00', answer(true)).thenFails('FORBIDDEN');
  });

  it('is NOT_FOUND for another institution, another consumer and an unassigned mediator', () => {
    for (const person of [people.otherRespondent, people.otherConsumer, people.mediator]) {
      given(awaitingAnswer()).when(person, '2026-03-04T09:00:00+08:00', answer(true)).thenFails('NOT_FOUND');
    }
  });

  it('is given once: after consenting it is INVALID_TRANSITION', () => {
    given(mediating()).when(people.respondent, '2026-03-05T09:00:00+08:00', answer(false)).thenFails('INVALID_TRANSITION', { status: 'IN_MEDIATION' });
  });
});

describe('lapseRespondentAnswer (the platform, on the deadline)', () => {
  it('silence past the deadline counts as declining: 24 Sep acceptance lapses at the start of 10 Oct', () => {
    given(acceptedBeforeHolidays()).when(people.system, '2026-10-09T22:00:00+08:00', lapse('2026-10-09T16:00:00.000Z')).thenFails('INVALID_TRANSITION', { status: 'ACCEPTED' });
    given(acceptedBeforeHolidays()).when(people.system, '2026-10-10T00:00:00+08:00', lapse('2026-10-09T16:00:00.000Z')).then([
      { type: 'RespondentAnswerLapsed', data: { dueAt: '2026-10-09T16:00:00.000Z' } },
    ]);
    const state = stateOf([...acceptedBeforeHolidays(), by(people.system, '2026-10-10T00:00:00+08:00', { type: 'RespondentAnswerLapsed', data: { dueAt: '2026-10-09T16:00:00.000Z' } })]);
    expect(state.status).toBe('MEDIATION_FAILED');
    expect(state.respondentAnswer).toMatchObject({ consent: false, lapsed: true });
    expect(state.mediationEnd).toMatchObject({ reason: 'PARTY_REFUSED', automatic: true });
    expect(openDeadlines(state, RULES).map((d) => d.kind)).not.toContain('RESPONDENT_ANSWER');
  });

  it('records the deadline the dispute itself computes, whatever the caller saw', () => {
    const [event] = given(acceptedBeforeHolidays()).when(people.system, '2026-10-12T09:00:00+08:00', lapse('2026-10-01T00:00:00.000Z')).thenEvents();
    expect(event).toEqual({ type: 'RespondentAnswerLapsed', data: { dueAt: '2026-10-09T16:00:00.000Z' } });
  });

  it('does nothing once the respondent answered', () => {
    given(mediating()).when(people.system, '2026-04-01T09:00:00+08:00', lapse()).thenFails('INVALID_TRANSITION', { status: 'IN_MEDIATION' });
  });

  it('is the platform’s alone', () => {
    for (const person of [people.respondent, people.officer, people.consumer]) {
      given(awaitingAnswer()).when(person, '2026-03-20T09:00:00+08:00', lapse()).thenFails('FORBIDDEN');
    }
  });
});
