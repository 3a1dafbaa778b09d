import { describe, expect, it } from 'vitest';
import { relationOf } from '../../../src/dispute/access.ts';
import { openDeadlines } from '../../../src/dispute/deadlines.ts';
import { RULES } from '../../../src/rules/parameters.ts';
import { accepted, by, filed, given, people, stateOf } from '../../support/decider.ts';
import { settled, withLawyer } from '../performance/scenarios.ts';

const apply = (circumstances = '失业，无固定收入') => ({ type: 'applyForLegalAid', data: { circumstances } }) as const;
const decideAid = (granted: boolean, reason = '符合经济困难标准') => ({ type: 'decideLegalAid', data: { granted, reason } }) as const;
const assign = (lawyerId: string, name?: string) => ({ type: 'assignLegalAidLawyer', data: { lawyerId, name } }) as const;
const powerOfAttorney = { type: 'recordPowerOfAttorney', data: {} } as const;

const applied = (history = [filed(), accepted()], at = '2026-03-04T10:00:00+08:00') => [
  ...history,
  by(people.consumer, at, { type: 'LegalAidApplied', data: { circumstances: '失业', urgent: false } }),
];
const granted = (history = applied()) => [...history, by(people.coordinator, '2026-03-05T10:00:00+08:00', { type: 'LegalAidDecided', data: { granted: true, reason: '符合' } })];
const denied = (history = applied()) => [...history, by(people.coordinator, '2026-03-05T10:00:00+08:00', { type: 'LegalAidDecided', data: { granted: false, reason: '收入超过标准' } })];
const assigned = (history = granted()) => [
  ...history,
  by(people.coordinator, '2026-03-05T11:00:00+08:00', { type: 'LegalAidLawyerAssigned', data: { lawyerId: people.lawyer.userId, name: people.lawyer.name } }),
];

describe('applyForLegalAid', () => {
  it('the consumer applies stating her circumstances', () => {
    given([filed(), accepted()]).when(people.consumer, '2026-03-20T10:00:00+08:00', apply()).then([
      { type: 'LegalAidApplied', data: { circumstances: '失业，无固定收入', urgent: false } },
    ]);
  });

  describe('urgency (LAL Art. 44: a deadline less than LEGAL_AID_URGENT = 7 days away)', () => {
    // The agreement took effect on 2026-04-09: the joint application for confirmation must be made by
    // Saturday 2026-05-09, an adjusted working day in 2026, so the period is not moved.
    it('the deadline is the one the dispute shows', () => {
      expect(openDeadlines(stateOf(settled()), RULES).find((d) => d.kind === 'JC_APPLY_WINDOW')).toMatchObject({ lastDay: '2026-05-09' });
    });

    it('5 days away (applied during the Labour Day holiday): urgent', () => {
      given(settled()).when(people.consumer, '2026-05-04T10:00:00+08:00', apply()).then([
        { type: 'LegalAidApplied', data: { circumstances: '失业，无固定收入', urgent: true } },
      ]);
    });

    it('9 days away: not urgent', () => {
      given(settled()).when(people.consumer, '2026-04-30T10:00:00+08:00', apply()).then([
        { type: 'LegalAidApplied', data: { circumstances: '失业，无固定收入', urgent: false } },
      ]);
    });

    it('a deadline 2 days away makes it urgent; once passed, it protects nothing', () => {
      // Filed Monday 2026-03-02: INTAKE_ACCEPTANCE (3 working days) ends on 03-05.
      expect(given([filed()]).when(people.consumer, '2026-03-03T10:00:00+08:00', apply()).thenEvents()[0]).toMatchObject({ data: { urgent: true } });
      expect(given([filed()]).when(people.consumer, '2026-03-20T10:00:00+08:00', apply()).thenEvents()[0]).toMatchObject({ data: { urgent: false } });
    });
  });

  it('the intake officer applies on the consumer’s behalf', () => {
    given([filed()]).when(people.officer, '2026-03-02T11:00:00+08:00', apply()).thenEvents();
  });

  it('once; again only after a denial', () => {
    given(applied()).when(people.consumer, '2026-03-05T10:00:00+08:00', apply()).thenFails('INVALID_TRANSITION', { status: 'ACCEPTED', legalAidStatus: 'APPLIED' });
    given(granted()).when(people.consumer, '2026-03-06T10:00:00+08:00', apply()).thenFails('INVALID_TRANSITION', { legalAidStatus: 'GRANTED' });
    // The respondent's answer (RESPONDENT_ANSWER, 5 working days from 03-03) is due on 03-10: urgent.
    given(denied()).when(people.consumer, '2026-03-06T10:00:00+08:00', apply('家中有重病老人，收入减少')).then([
      { type: 'LegalAidApplied', data: { circumstances: '家中有重病老人，收入减少', urgent: true } },
    ]);
    const again = stateOf([...denied(), by(people.consumer, '2026-03-06T10:00:00+08:00', { type: 'LegalAidApplied', data: { circumstances: '新情况', urgent: false } })]);
    expect(again.legalAid).toEqual({
      status: 'APPLIED',
      circumstances: '新情况',
      urgent: false,
      appliedAt: '2026-03-06T02:00:00.000Z',
      appliedBy: { userId: people.consumer.userId, role: 'CONSUMER' },
    });
  });

  it('is refused to others and in terminal statuses', () => {
    given([filed(), accepted()]).when(people.respondent, '2026-03-04T10:00:00+08:00', apply()).thenFails('FORBIDDEN');
    given([filed()]).when(people.otherConsumer, '2026-03-04T10:00:00+08:00', apply()).thenFails('NOT_FOUND');
    given([filed()]).when(people.coordinator, '2026-03-04T10:00:00+08:00', apply()).thenFails('NOT_FOUND');
    const withdrawn = [filed(), by(people.consumer, '2026-03-03T10:00:00+08:00', { type: 'DisputeWithdrawn', data: {} })];
    given(withdrawn).when(people.consumer, '2026-03-04T10:00:00+08:00', apply()).thenFails('INVALID_TRANSITION', { status: 'WITHDRAWN' });
  });
});

describe('decideLegalAid', () => {
  it('a coordinator (who sees every dispute with an application) grants or denies with a reason', () => {
    expect(relationOf(stateOf(applied()), people.coordinator)).toBe('LEGAL_AID_COORDINATOR');
    given(applied()).when(people.coordinator, '2026-03-05T10:00:00+08:00', decideAid(true)).then([
      { type: 'LegalAidDecided', data: { granted: true, reason: '符合经济困难标准' } },
    ]);
    expect(stateOf(denied()).legalAid).toMatchObject({ status: 'DENIED', reason: '收入超过标准', decidedAt: '2026-03-05T02:00:00.000Z', decidedBy: people.coordinator.userId });
  });

  it('the decision deadline (LEGAL_AID_DECISION, 7 days) shows, moved past National Day', () => {
    const appliedBeforeHoliday = applied([filed(), accepted()], '2026-09-24T10:00:00+08:00');
    // 09-24 + 7 days = 10-01, a holiday until 10-07: the period ends on 10-08 (CPL Art. 85).
    expect(openDeadlines(stateOf(appliedBeforeHoliday), RULES).find((d) => d.kind === 'LEGAL_AID_DECISION')).toMatchObject({
      lastDay: '2026-10-08',
      dueAt: '2026-10-08T16:00:00.000Z',
    });
    expect(openDeadlines(stateOf(granted(appliedBeforeHoliday)), RULES).map((d) => d.kind)).not.toContain('LEGAL_AID_DECISION');
  });

  it('is refused to anyone but a coordinator, and when there is nothing to decide', () => {
    given(applied()).when(people.consumer, '2026-03-05T10:00:00+08:00', decideAid(true)).thenFails('FORBIDDEN');
    given(applied()).when(people.officer, '2026-03-05T10:00:00+08:00', decideAid(true)).thenFails('FORBIDDEN');
    // A lawyer without coordinator rights does not see applications.
    given(applied()).when(people.lawyer, '2026-03-05T10:00:00+08:00', decideAid(true)).thenFails('NOT_FOUND');
    given(granted()).when(people.coordinator, '2026-03-06T10:00:00+08:00', decideAid(false)).thenFails('INVALID_TRANSITION', { legalAidStatus: 'GRANTED' });
  });
});

describe('assignLegalAidLawyer', () => {
  it('after granting, a coordinator assigns a legal-aid lawyer, who then acts as the consumer', () => {
    given(granted()).when(people.coordinator, '2026-03-05T11:00:00+08:00', assign(people.lawyer.userId, people.lawyer.name)).then([
      { type: 'LegalAidLawyerAssigned', data: { lawyerId: people.lawyer.userId, name: people.lawyer.name } },
    ]);
    const state = stateOf(assigned());
    expect(state.legalAid?.lawyer).toEqual({ id: people.lawyer.userId, name: people.lawyer.name, assignedAt: '2026-03-05T03:00:00.000Z' });
    expect(relationOf(state, people.lawyer)).toBe('CLAIMANT_LAWYER');
    // The lawyer withdraws the complaint as the consumer could.
    given(assigned()).when(people.lawyer, '2026-03-06T10:00:00+08:00', { type: 'withdrawDispute', data: { reason: '已和解' } }).then([
      { type: 'DisputeWithdrawn', data: { reason: '已和解' } },
    ]);
  });

  it('the assignment deadline (LEGAL_AID_ASSIGN, 3 days) shows until a lawyer is assigned', () => {
    // Granted Thursday 03-05: 3 days end on Sunday 03-08, so on Monday 03-09.
    expect(openDeadlines(stateOf(granted()), RULES).find((d) => d.kind === 'LEGAL_AID_ASSIGN')).toMatchObject({ lastDay: '2026-03-09' });
    expect(openDeadlines(stateOf(assigned()), RULES).map((d) => d.kind)).not.toContain('LEGAL_AID_ASSIGN');
  });

  it('refuses an account that is not a legal-aid lawyer, naming the field', () => {
    given(granted()).when(people.coordinator, '2026-03-05T11:00:00+08:00', assign(people.mediator.userId)).thenFails('BAD_USER_INPUT', {
      issues: [{ path: 'lawyerId', message: expect.any(String) }],
    });
  });

  it('is refused before granting, after a denial, for the lawyer already assigned, and to others', () => {
    given(applied()).when(people.coordinator, '2026-03-05T11:00:00+08:00', assign(people.lawyer.userId, '律师')).thenFails('INVALID_TRANSITION', { legalAidStatus: 'APPLIED' });
    given(denied()).when(people.coordinator, '2026-03-05T11:00:00+08:00', assign(people.lawyer.userId, '律师')).thenFails('INVALID_TRANSITION', { legalAidStatus: 'DENIED' });
    given(assigned()).when(people.coordinator, '2026-03-06T11:00:00+08:00', assign(people.lawyer.userId, '律师')).thenFails('INVALID_TRANSITION');
    given(granted()).when(people.consumer, '2026-03-05T11:00:00+08:00', assign(people.lawyer.userId, '律师')).thenFails('FORBIDDEN');
  });
});

describe('recordPowerOfAttorney', () => {
  it('the consumer authorises her lawyer to sign for her', () => {
    expect(stateOf(assigned()).legalAid?.powerOfAttorney).toBeUndefined();
    given(assigned()).when(people.consumer, '2026-03-06T10:00:00+08:00', powerOfAttorney).then([
      { type: 'PowerOfAttorneyRecorded', data: { lawyerId: people.lawyer.userId } },
    ]);
    const state = stateOf([...assigned(), by(people.consumer, '2026-03-06T10:00:00+08:00', { type: 'PowerOfAttorneyRecorded', data: { lawyerId: people.lawyer.userId } })]);
    expect(state.legalAid?.powerOfAttorney).toEqual({ recordedAt: '2026-03-06T02:00:00.000Z' });
  });

  it('does not pass to a lawyer assigned later', () => {
    const state = stateOf([
      ...assigned(),
      by(people.consumer, '2026-03-06T10:00:00+08:00', { type: 'PowerOfAttorneyRecorded', data: { lawyerId: people.lawyer.userId } }),
      by(people.coordinator, '2026-03-07T10:00:00+08:00', { type: 'LegalAidLawyerAssigned', data: { lawyerId: 'u-lawyer-2', name: '新律师' } }),
    ]);
    expect(state.legalAid).toMatchObject({ lawyer: { id: 'u-lawyer-2' } });
    expect(state.legalAid?.powerOfAttorney).toBeUndefined();
  });

  it('only the consumer gives it, once, and only to an assigned lawyer', () => {
    given(assigned()).when(people.lawyer, '2026-03-06T10:00:00+08:00', powerOfAttorney).thenFails('FORBIDDEN');
    given(assigned()).when(people.officer, '2026-03-06T10:00:00+08:00', powerOfAttorney).thenFails('FORBIDDEN');
    given(granted()).when(people.consumer, '2026-03-06T10:00:00+08:00', powerOfAttorney).thenFails('INVALID_TRANSITION');
    const recorded = [...assigned(), by(people.consumer, '2026-03-06T10:00:00+08:00', { type: 'PowerOfAttorneyRecorded', data: { lawyerId: people.lawyer.userId } })];
    given(recorded).when(people.consumer, '2026-03-07T10:00:00+08:00', powerOfAttorney).thenFails('INVALID_TRANSITION');
  });

  it('a settled dispute with a lawyer keeps the lawyer as the consumer’s side', () => {
    expect(relationOf(stateOf([...settled(), ...withLawyer()]), people.lawyer)).toBe('CLAIMANT_LAWYER');
  });
});
