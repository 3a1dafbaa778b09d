// Expected values worked out by hand from RULES.md's lists (2026-01-01 is a Thursday).
import { describe, expect, it } from 'vitest';
import { dueFor, isLegalAidUrgent, limitationWarning } from '../../../src/rules/deadlines.ts';
import { RULES, withOverrides } from '../../../src/rules/parameters.ts';

describe('INTAKE_ACCEPTANCE (3 working days)', () => {
  it('from a filing on the Friday before Spring Festival 2026', () => {
    const due = dueFor('INTAKE_ACCEPTANCE', new Date('2026-02-13T10:00:00+08:00'));
    expect(due).toEqual({
      kind: 'INTAKE_ACCEPTANCE',
      source: RULES.INTAKE_ACCEPTANCE.source,
      lastDay: '2026-02-25',
      dueAt: new Date('2026-02-25T16:00:00Z'),
      provisional: false,
    });
  });

  it('from a filing at 23:30 Shanghai (15:30 UTC), still that local day', () => {
    const due = dueFor('INTAKE_ACCEPTANCE', new Date('2026-02-13T15:30:00Z'));
    expect(due.lastDay).toBe('2026-02-25');
    expect(due.dueAt.toISOString()).toBe('2026-02-25T16:00:00.000Z');
  });

  it('from a filing on 2026-12-30, crossing into 2027: provisional', () => {
    const due = dueFor('INTAKE_ACCEPTANCE', new Date('2026-12-30T09:00:00+08:00'));
    expect(due).toMatchObject({ lastDay: '2027-01-05', provisional: true });
  });

  it('with an override of 7 working days', () => {
    // Sat 2/14 (1), 2/24–27 (2–5), Sat 2/28 (6), Mon 3/2 (7).
    const params = withOverrides({ INTAKE_ACCEPTANCE: 7 });
    expect(dueFor('INTAKE_ACCEPTANCE', '2026-02-13', params).lastDay).toBe('2026-03-02');
  });
});

describe('mediation limits', () => {
  it('MEDIATION_LIMIT_MEDICAL: 30 working days from Mon 2026-06-01, past Dragon Boat', () => {
    // June: 6/2–5 (4), 6/8–12 (9), 6/15–18 (13; 6/19 off), 6/22–26 (18), 6/29–30 (20);
    // July: 7/1–3 (23), 7/6–10 (28), 7/13 (29), 7/14 (30).
    expect(dueFor('MEDIATION_LIMIT_MEDICAL', '2026-06-01').lastDay).toBe('2026-07-14');
  });

  it('excluding appraisal time adds working days', () => {
    expect(dueFor('MEDIATION_LIMIT_MEDICAL', '2026-06-01', RULES, 2).lastDay).toBe('2026-07-16');
  });

  it('MEDIATION_LIMIT_CONSUMER: 45 working days from Mon 2026-08-31, past Mid-Autumn and National Day', () => {
    // Sept: 9/1–4 (4), 9/7–11 (9), 9/14–18 (14), Sun 9/20 (15), 9/21–24 (19), 9/28–30 (22);
    // Oct: 10/8–9 (24), Sat 10/10 (25), 10/12–16 (30), 10/19–23 (35), 10/26–30 (40), 11/2–6 (45).
    expect(dueFor('MEDIATION_LIMIT_CONSUMER', '2026-08-31').lastDay).toBe('2026-11-06');
  });

  it('refuses extra working days on a calendar-day rule', () => {
    expect(() => dueFor('JC_APPLY_WINDOW', '2026-06-01', RULES, 1)).toThrow(RangeError);
  });
});

describe('calendar-day rules', () => {
  it('JC_APPLY_WINDOW: 30 days ending on Labour Day roll to 5/6', () => {
    expect(dueFor('JC_APPLY_WINDOW', '2026-04-01')).toMatchObject({ lastDay: '2026-05-06', source: 'CPL Art. 205; PML Art. 33' });
  });

  it('LEGAL_AID_DECISION: 7 days ending on 10/3 roll past National Day to 10/8', () => {
    expect(dueFor('LEGAL_AID_DECISION', '2026-09-26').lastDay).toBe('2026-10-08');
  });

  it('JC_OBJECTION: 15 days', () => {
    // 2026-06-10 + 15 = Thu 6/25.
    expect(dueFor('JC_OBJECTION', '2026-06-10').lastDay).toBe('2026-06-25');
  });
});

describe('AWARD_SET_ASIDE by receipt date', () => {
  it('6 months for an award received on 2026-02-28', () => {
    // 8/28 is a Friday.
    expect(dueFor('AWARD_SET_ASIDE', '2026-02-28')).toMatchObject({ lastDay: '2026-08-28', source: 'AL (2017) Art. 59' });
  });

  it('6 months, rolled: received 2026-01-05 → Sun 7/5 → Mon 7/6', () => {
    expect(dueFor('AWARD_SET_ASIDE', '2026-01-05').lastDay).toBe('2026-07-06');
  });

  it('3 months for an award received on 2026-03-01', () => {
    expect(dueFor('AWARD_SET_ASIDE', '2026-03-01')).toMatchObject({ lastDay: '2026-06-01', source: 'AL (2025) Art. 72' });
    expect(dueFor('AWARD_SET_ASIDE', '2026-03-31').lastDay).toBe('2026-06-30');
  });

  it('decides by the Shanghai date of receipt: 20:00 UTC on 2/28 is already March 1', () => {
    expect(dueFor('AWARD_SET_ASIDE', new Date('2026-02-28T20:00:00Z')).lastDay).toBe('2026-06-01');
    expect(dueFor('AWARD_SET_ASIDE', new Date('2026-02-28T15:59:00Z')).lastDay).toBe('2026-08-28');
  });
});

describe('year rules', () => {
  it('ENFORCEMENT_APPLY: 2 years, in an unpublished year', () => {
    expect(dueFor('ENFORCEMENT_APPLY', '2026-03-15')).toMatchObject({ lastDay: '2028-03-15', provisional: true });
  });
});

describe('limitationWarning (3 years)', () => {
  it('warns only after the last day', () => {
    // 2026-02-27 is a Friday.
    expect(limitationWarning('2023-02-27', '2026-02-27')).toBe(false);
    expect(limitationWarning('2023-02-27', '2026-02-28')).toBe(true);
  });

  it('a last day in Spring Festival moves to 2/24', () => {
    expect(limitationWarning('2023-02-15', '2026-02-24')).toBe(false);
    expect(limitationWarning('2023-02-15', '2026-02-25')).toBe(true);
  });

  it('a last day on the working Saturday 2/14 stays', () => {
    expect(limitationWarning('2023-02-14', '2026-02-14')).toBe(false);
    expect(limitationWarning('2023-02-14', '2026-02-15')).toBe(true);
  });

  it('recent events are not warned about', () => {
    expect(limitationWarning('2026-01-10', '2026-11-23')).toBe(false);
  });
});

describe('isLegalAidUrgent (less than 7 days away)', () => {
  it('counts calendar days to the last day', () => {
    expect(isLegalAidUrgent('2026-06-30', '2026-06-23')).toBe(false); // 7 days away
    expect(isLegalAidUrgent('2026-06-30', '2026-06-24')).toBe(true); // 6 days away
    expect(isLegalAidUrgent('2026-06-30', '2026-07-01')).toBe(true); // already passed
  });
});
