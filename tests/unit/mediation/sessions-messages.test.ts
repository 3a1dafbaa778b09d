import { describe, expect, it } from 'vitest';
import { relationOf, type Viewer } from '../../../src/dispute/access.ts';
import type { DisputeCommand } from '../../../src/dispute/dispute.ts';
import type { StoredDisputeEvent } from '../../../src/dispute/events.ts';
import { viewDispute } from '../../../src/dispute/view.ts';
import { RULES } from '../../../src/rules/parameters.ts';
import { by, given, people, stateOf } from '../../support/decider.ts';
import { assigned, awaitingAnswer, disclosed, lawyerAssigned, mediating } from './scenario.ts';

const online = { startsAt: '2026-03-10T02:00:00.000Z', mode: 'ONLINE', link: 'https://meet.example.cn/room/1' } as const;
const scheduled = (sessionId = 's-1', startsAt = online.startsAt) =>
  by(people.mediator, '2026-03-05T10:00:00+08:00', { type: 'SessionScheduled', data: { sessionId, ...online, startsAt } });
const recording = (sessionId = 's-1') => ({ sessionId, attendees: ['张三', '诊所代表'], minutes: '双方陈述意见' });
const record = (sessionId = 's-1'): DisputeCommand => ({ type: 'recordSession', data: recording(sessionId) });

describe('scheduleSession', () => {
  it('the mediator schedules a session: online with its link', () => {
    given(mediating()).when(people.mediator, '2026-03-05T10:00:00+08:00', { type: 'scheduleSession', data: online }).then([
      { type: 'SessionScheduled', data: { sessionId: 'id-1', ...online } },
    ]);
    const state = stateOf([...mediating(), scheduled()]);
    expect(state.sessions).toEqual([{ id: 's-1', ...online, scheduledAt: '2026-03-05T02:00:00.000Z' }]);
  });

  it('in person with its place', () => {
    const data = { startsAt: '2026-03-10T02:00:00.000Z', mode: 'IN_PERSON', place: '福田区调解中心 3 号室' } as const;
    given(mediating()).when(people.mediator, '2026-03-05T10:00:00+08:00', { type: 'scheduleSession', data }).then([{ type: 'SessionScheduled', data: { sessionId: 'id-1', ...data } }]);
  });

  it('not in the past', () => {
    given(mediating())
      .when(people.mediator, '2026-03-10T10:00:00+08:00', { type: 'scheduleSession', data: online })
      .thenFails('BAD_USER_INPUT', { issues: [{ path: 'startsAt', message: expect.any(String) }] });
  });

  it('is the mediator’s, while mediating, within the mediation limit', () => {
    for (const person of [people.consumer, people.respondent, people.officer]) {
      given(mediating()).when(person, '2026-03-05T10:00:00+08:00', { type: 'scheduleSession', data: online }).thenFails('FORBIDDEN');
    }
    given(mediating()).when(people.otherMediator, '2026-03-05T10:00:00+08:00', { type: 'scheduleSession', data: online }).thenFails('NOT_FOUND');
    // Before the respondent consents there is nothing to hold a session about.
    given([...awaitingAnswer(), assigned(), disclosed()])
      .when(people.mediator, '2026-03-05T10:00:00+08:00', { type: 'scheduleSession', data: online })
      .thenFails('INVALID_TRANSITION', { status: 'ACCEPTED' });
    given(mediating())
      .when(people.mediator, '2026-04-16T09:00:00+08:00', { type: 'scheduleSession', data: { ...online, startsAt: '2026-04-20T02:00:00.000Z' } })
      .thenFails('DEADLINE_PASSED', { kind: 'MEDIATION_LIMIT_MEDICAL' });
  });
});

describe('recordSession', () => {
  it('records attendance and minutes of a session that has started', () => {
    given([...mediating(), scheduled()]).when(people.mediator, '2026-03-10T12:00:00+08:00', record()).then([
      { type: 'SessionRecorded', data: { sessionId: 's-1', attendees: ['张三', '诊所代表'], minutes: '双方陈述意见' } },
    ]);
    const state = stateOf([...mediating(), scheduled(), by(people.mediator, '2026-03-10T12:00:00+08:00', { type: 'SessionRecorded', data: recording() })]);
    expect(state.sessions[0]?.record).toEqual({ attendees: ['张三', '诊所代表'], minutes: '双方陈述意见', recordedAt: '2026-03-10T04:00:00.000Z' });
  });

  it('the session must exist and have started', () => {
    given([...mediating(), scheduled()]).when(people.mediator, '2026-03-10T12:00:00+08:00', record('s-404')).thenFails('BAD_USER_INPUT', { issues: [{ path: 'sessionId', message: expect.any(String) }] });
    given([...mediating(), scheduled()]).when(people.mediator, '2026-03-10T09:59:00+08:00', record()).thenFails('BAD_USER_INPUT', { issues: [{ path: 'sessionId', message: expect.any(String) }] });
  });

  it('is recorded once', () => {
    const recorded = [...mediating(), scheduled(), by(people.mediator, '2026-03-10T12:00:00+08:00', { type: 'SessionRecorded', data: recording() })];
    given(recorded).when(people.mediator, '2026-03-10T13:00:00+08:00', record()).thenFails('INVALID_TRANSITION');
  });

  it('is the mediator’s', () => {
    given([...mediating(), scheduled()]).when(people.respondent, '2026-03-10T12:00:00+08:00', record()).thenFails('FORBIDDEN');
  });
});

describe('postMessage', () => {
  const at = '2026-03-05T10:00:00+08:00';
  const post = (body: string, caucusWith?: string, caucusSide?: 'CLAIMANT' | 'RESPONDENT') => ({ type: 'postMessage', data: { body, caucusWith, caucusSide } }) as const;
  const posted = (viewer: Viewer, data: { messageId: string; body: string; caucusWith?: string; caucusSide?: 'CLAIMANT' | 'RESPONDENT' }) =>
    by(viewer, at, { type: 'MessagePosted', data });

  it('to everyone on the case', () => {
    given(mediating()).when(people.consumer, at, post('我要求全额退款')).then([{ type: 'MessagePosted', data: { messageId: 'id-1', body: '我要求全额退款' } }]);
    const state = stateOf([...mediating(), posted(people.consumer, { messageId: 'm-1', body: '我要求全额退款' })]);
    expect(state.messages).toEqual([{ id: 'm-1', author: { userId: people.consumer.userId, role: 'CONSUMER' }, body: '我要求全额退款', postedAt: '2026-03-05T02:00:00.000Z' }]);
  });

  it('a mediator’s caucus with one party carries that party’s side', () => {
    given(mediating()).when(people.mediator, at, post('私下谈谈底线', people.respondent.userId, 'RESPONDENT')).then([
      { type: 'MessagePosted', data: { messageId: 'id-1', body: '私下谈谈底线', caucusWith: people.respondent.userId, caucusSide: 'RESPONDENT' } },
    ]);
  });

  it('a mediator may not caucus with someone who is no party', () => {
    given(mediating())
      .when(people.mediator, at, post('？', people.officer.userId))
      .thenFails('BAD_USER_INPUT', { issues: [{ path: 'caucusWith', message: expect.any(String) }] });
  });

  it('a party caucuses with the mediator only, on its own side', () => {
    given([...mediating(), ...lawyerAssigned()]).when(people.lawyer, at, post('当事人可以接受八千', people.mediator.userId)).then([
      { type: 'MessagePosted', data: { messageId: 'id-1', body: '当事人可以接受八千', caucusWith: people.mediator.userId, caucusSide: 'CLAIMANT' } },
    ]);
    // A side the caller made up is ignored: the side is the caller's own.
    const [event] = given(mediating()).when(people.respondent, at, post('底线一万', people.mediator.userId, 'CLAIMANT')).thenEvents();
    expect(event).toMatchObject({ data: { caucusSide: 'RESPONDENT' } });
    given(mediating())
      .when(people.consumer, at, post('私信', people.respondent.userId))
      .thenFails('BAD_USER_INPUT', { issues: [{ path: 'caucusWith', message: expect.any(String) }] });
  });

  it('caucus content is seen by that side and the mediator only (DOMAIN.md 5)', () => {
    const history: StoredDisputeEvent[] = [
      ...mediating(),
      ...lawyerAssigned(),
      posted(people.mediator, { messageId: 'open', body: '欢迎双方' }),
      posted(people.mediator, { messageId: 'to-claimant', body: '您的底线？', caucusWith: people.consumer.userId, caucusSide: 'CLAIMANT' }),
      posted(people.respondent, { messageId: 'from-clinic', body: '最多退八千', caucusWith: people.mediator.userId, caucusSide: 'RESPONDENT' }),
    ];
    const state = stateOf(history);
    const seen = (viewer: Viewer) =>
      viewDispute(state, { relation: relationOf(state, viewer)!, viewer, now: new Date('2026-03-06T00:00:00Z'), rules: RULES }).messages.map((m) => m.id);
    expect(seen(people.mediator)).toEqual(['open', 'to-claimant', 'from-clinic']);
    expect(seen(people.consumer)).toEqual(['open', 'to-claimant']);
    expect(seen(people.lawyer)).toEqual(['open', 'to-claimant']);
    expect(seen(people.respondent)).toEqual(['open', 'from-clinic']);
    expect(seen(people.officer)).toEqual(['open']);
  });

  it('while ACCEPTED only once a mediator is on the case (to talk with a respondent still deciding)', () => {
    given([...awaitingAnswer(), assigned(), disclosed()]).when(people.mediator, at, post('请考虑调解', people.respondent.userId, 'RESPONDENT')).thenEvents();
    given(awaitingAnswer()).when(people.consumer, at, post('请尽快答复')).thenFails('INVALID_TRANSITION', { status: 'ACCEPTED' });
  });

  it('FORBIDDEN to the intake officer, NOT_FOUND to another institution, INVALID_TRANSITION after mediation', () => {
    given(mediating()).when(people.officer, at, post('提醒')).thenFails('FORBIDDEN');
    given(mediating()).when(people.otherRespondent, at, post('？')).thenFails('NOT_FOUND');
    const ended = [...mediating(), by(people.mediator, at, { type: 'MediationEnded', data: { reason: 'NO_AGREEMENT' } })];
    given(ended).when(people.consumer, '2026-03-06T10:00:00+08:00', post('为什么')).thenFails('INVALID_TRANSITION', { status: 'MEDIATION_FAILED' });
  });
});
