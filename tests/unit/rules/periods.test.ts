// Expected values worked out by hand from RULES.md's lists (2026-01-01 is a Thursday).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  addCalendarDays,
  addMonths,
  addWorkingDays,
  addYears,
  workingDaysBetween,
} from '../../../src/rules/periods.ts';
import { addDays, isWorkingDay } from '../../../src/rules/calendar.ts';

describe('addWorkingDays', () => {
  it('skips Spring Festival 2026 but counts the working Saturday 2/14', () => {
    // Fri 2/13 → Sat 2/14 (1), 2/15–23 off, Tue 2/24 (2), Wed 2/25 (3).
    const due = addWorkingDays('2026-02-13', 3);
    expect(due).toEqual({ lastDay: '2026-02-25', dueAt: new Date('2026-02-25T24:00:00+08:00'), provisional: false });
  });

  it('does not count the day of the event, whatever its hour in Shanghai', () => {
    expect(addWorkingDays(new Date('2026-02-13T15:30:00Z'), 3).lastDay).toBe('2026-02-25'); // 23:30 Shanghai
    // 00:30 Shanghai on Sat 2/14: that day is not counted; 2/24, 2/25, 2/26.
    expect(addWorkingDays(new Date('2026-02-13T16:30:00Z'), 3).lastDay).toBe('2026-02-26');
  });

  it('Labour Day 2026: 5/1–5 off, Saturday 5/9 worked', () => {
    // Thu 4/30 → 5/6 (1), 5/7 (2), 5/8 (3), Sat 5/9 (4), Mon 5/11 (5).
    expect(addWorkingDays('2026-04-30', 5).lastDay).toBe('2026-05-11');
  });

  it('Mid-Autumn and National Day 2026, with the working Sunday 9/20', () => {
    // Fri 9/18 → Sun 9/20 (1), 9/21–24 (2–5), 9/25–27 off, 9/28 (6), 9/29 (7).
    expect(addWorkingDays('2026-09-18', 7).lastDay).toBe('2026-09-29');
    // Tue 9/29 → 9/30 (1), 10/1–7 off, 10/8 (2), 10/9 (3), Sat 10/10 (4), Mon 10/12 (5).
    expect(addWorkingDays('2026-09-29', 5).lastDay).toBe('2026-10-12');
  });

  it('Qingming 2026', () => {
    // Thu 4/2 → Fri 4/3 (1), 4/4–6 off, Tue 4/7 (2).
    expect(addWorkingDays('2026-04-02', 2).lastDay).toBe('2026-04-07');
  });

  it('2025 National Day and Mid-Autumn, 10/1–8 off, Saturday 10/11 worked', () => {
    expect(addWorkingDays('2025-09-30', 3).lastDay).toBe('2025-10-11');
  });

  it('into 2027 is provisional, counting only the regulation holidays', () => {
    // Wed 2026-12-30 → Thu 12/31 (1), Fri 1/1 New Year, weekend, Mon 1/4 (2), Tue 1/5 (3).
    const due = addWorkingDays('2026-12-30', 3);
    expect(due).toEqual({ lastDay: '2027-01-05', dueAt: new Date('2027-01-05T16:00:00Z'), provisional: true });
  });

  it('is final within settled days of 2026 and provisional once it touches the last week of December', () => {
    expect(addWorkingDays('2026-12-01', 3)).toMatchObject({ lastDay: '2026-12-04', provisional: false });
    // Wed 12/23 → Thu 12/24 (1), Fri 12/25 (2), Mon 12/28 (3).
    expect(addWorkingDays('2026-12-23', 3)).toMatchObject({ lastDay: '2026-12-28', provisional: true });
  });

  it('always ends on a working day, after the start', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3 * 366 }), fc.integer({ min: 1, max: 60 }), (offset, n) => {
        const from = addDays('2025-01-01', offset);
        const { lastDay } = addWorkingDays(from, n);
        expect(isWorkingDay(lastDay)).toBe(true);
        expect(lastDay > from).toBe(true);
        expect(workingDaysBetween(from, lastDay)).toBe(n);
      }),
    );
  });

  it('rejects negative or fractional lengths', () => {
    expect(() => addWorkingDays('2026-01-05', -1)).toThrow(RangeError);
    expect(() => addWorkingDays('2026-01-05', 1.5)).toThrow(RangeError);
  });
});

describe('addCalendarDays', () => {
  it('rolls a last day in the Qingming holiday to Tuesday 4/7', () => {
    // 3/25 + 10 = Sat 4/4 (holiday) → 4/5, 4/6 off → Tue 4/7.
    expect(addCalendarDays('2026-03-25', 10)).toMatchObject({ lastDay: '2026-04-07', provisional: false });
  });

  it('rolls a last day on Labour Day to 5/6', () => {
    // 4/1 + 30 = 5/1; 5/1–5 off → Wed 5/6.
    expect(addCalendarDays('2026-04-01', 30).lastDay).toBe('2026-05-06');
  });

  it('does not roll a last day on a working Saturday', () => {
    expect(addCalendarDays('2026-04-24', 15).lastDay).toBe('2026-05-09');
    expect(addCalendarDays('2026-02-13', 1).lastDay).toBe('2026-02-14');
  });

  it('rolls through National Day 2026 to Thursday 10/8', () => {
    expect(addCalendarDays('2026-09-26', 7).lastDay).toBe('2026-10-08');
  });

  it('rolls an ordinary Sunday to Monday', () => {
    // 2026-03-01 is a Sunday.
    expect(addCalendarDays('2026-02-16', 13).lastDay).toBe('2026-03-02');
  });

  it('is provisional when the last day is in 2027, not because the start is late in 2026', () => {
    expect(addCalendarDays('2026-12-20', 15)).toMatchObject({ lastDay: '2027-01-04', provisional: true });
    // Start in an unsettled day, end settled: the days in between do not matter.
    expect(addCalendarDays('2025-12-27', 10)).toMatchObject({ lastDay: '2026-01-06', provisional: false });
  });
});

describe('addMonths and addYears (CC Art. 202)', () => {
  it('ends on the corresponding day', () => {
    expect(addMonths('2026-03-31', 3).lastDay).toBe('2026-06-30');
    expect(addMonths('2026-01-15', 1).lastDay).toBe('2026-02-24'); // 2/15 is in Spring Festival
  });

  it("uses the month's last day when there is no corresponding day", () => {
    // Aug 31 + 6 months = Feb 28 2026, a working Saturday: not rolled.
    expect(addMonths('2025-08-31', 6)).toMatchObject({ lastDay: '2026-02-28', provisional: false });
    expect(addMonths('2026-03-31', 1).lastDay).toBe('2026-04-30');
    // 2028 is a leap year; Feb 29 2028 is a Tuesday.
    expect(addMonths('2027-08-31', 6)).toMatchObject({ lastDay: '2028-02-29', provisional: true });
  });

  it('rolls a last day on a holiday: 2026-04-05 + 6 months = Mon 10/5, National Day → Thu 10/8', () => {
    expect(addMonths(new Date('2026-04-05T09:00:00+08:00'), 6).lastDay).toBe('2026-10-08');
  });

  it('counts years as twelve months, Feb 29 ending on Feb 28', () => {
    // 2024-02-29 + 3 years: 2027-02-28 is a Sunday → Monday 3/1, provisional.
    expect(addYears('2024-02-29', 3)).toMatchObject({ lastDay: '2027-03-01', provisional: true });
    expect(addYears('2024-03-10', 2).lastDay).toBe('2026-03-10');
  });
});

describe('workingDaysBetween', () => {
  it('counts working days in (a, b]', () => {
    // (6/17, 6/23]: Thu 6/18, Fri 6/19 Dragon Boat, weekend, Mon 6/22, Tue 6/23.
    expect(workingDaysBetween('2026-06-17', '2026-06-23')).toBe(3);
    // (2/13, 2/28]: Sat 2/14, 2/24–27, Sat 2/28.
    expect(workingDaysBetween('2026-02-13', '2026-02-28')).toBe(6);
    expect(workingDaysBetween('2026-06-23', '2026-06-23')).toBe(0);
    expect(workingDaysBetween('2026-06-23', '2026-06-17')).toBe(0);
  });

  it('counts 2026 and 2025 in full: weekdays minus days off plus working weekends', () => {
    // 2026: 261 weekdays; days off on weekdays: 1/1–2, 2/16–20, 2/23, 4/6, 5/1, 5/4–5, 6/19,
    // 9/25, 10/1–2, 10/5–7 = 19; plus 6 working weekends → 248.
    expect(workingDaysBetween('2025-12-31', '2026-12-31')).toBe(248);
    // 2025: 261 weekdays; 1/1, 1/28–31, 2/3–4, 4/4, 5/1–2, 5/5, 6/2, 10/1–3, 10/6–8 = 18; plus 5 → 248.
    expect(workingDaysBetween('2024-12-31', '2025-12-31')).toBe(248);
  });
});
