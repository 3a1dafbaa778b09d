import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  addDays,
  dayOfWeek,
  daysBetween,
  endOfLocalDay,
  isLocalDate,
  isRestDay,
  isSettled,
  isWorkingDay,
  localDate,
  regulationHolidays,
  startOfLocalDay,
  toLocalDate,
} from '../../../src/rules/calendar.ts';

describe('Shanghai local dates', () => {
  it('takes the date an instant has in Shanghai (UTC+8)', () => {
    expect(toLocalDate(new Date('2026-02-13T10:00:00+08:00'))).toBe('2026-02-13');
    // 23:30 in Shanghai is 15:30 UTC the same day.
    expect(toLocalDate(new Date('2026-02-13T15:30:00Z'))).toBe('2026-02-13');
    expect(toLocalDate(new Date('2026-02-13T15:59:59.999Z'))).toBe('2026-02-13');
    expect(toLocalDate(new Date('2026-02-13T16:00:00Z'))).toBe('2026-02-14');
    expect(toLocalDate(new Date('2026-12-31T16:00:00Z'))).toBe('2027-01-01');
  });

  it('ends a day at 24:00 Shanghai, which is 16:00 UTC', () => {
    expect(endOfLocalDay('2026-02-25').toISOString()).toBe('2026-02-25T16:00:00.000Z');
    expect(endOfLocalDay('2026-12-31').toISOString()).toBe('2026-12-31T16:00:00.000Z');
    expect(startOfLocalDay('2026-02-25').toISOString()).toBe('2026-02-24T16:00:00.000Z');
  });

  it('adds days across months, years and leap days', () => {
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(daysBetween('2026-01-01', '2027-01-01')).toBe(365);
  });

  it('knows the weekday', () => {
    expect(dayOfWeek('2026-01-01')).toBe(4); // Thursday
    expect(dayOfWeek('2026-02-13')).toBe(5); // Friday
    expect(dayOfWeek('2027-01-01')).toBe(5); // Friday
  });

  it('validates local dates', () => {
    expect(isLocalDate('2026-02-29')).toBe(false);
    expect(isLocalDate('2028-02-29')).toBe(true);
    expect(isLocalDate('2026-2-3')).toBe(false);
    expect(isLocalDate('2026-02-03T00:00')).toBe(false);
    expect(() => isWorkingDay('2026-13-01')).toThrow(RangeError);
    expect(() => localDate(2026, 2, 30)).toThrow(RangeError);
  });

  it('round-trips every instant: its day starts at or before it and ends after it', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2090-12-31T00:00:00Z'), noInvalidDate: true }), (instant) => {
        const day = toLocalDate(instant);
        expect(startOfLocalDay(day).getTime()).toBeLessThanOrEqual(instant.getTime());
        expect(endOfLocalDay(day).getTime()).toBeGreaterThan(instant.getTime());
        expect(endOfLocalDay(day).getTime() - startOfLocalDay(day).getTime()).toBe(86_400_000);
      }),
    );
  });
});

describe('working days in published years', () => {
  it('Spring Festival 2026: 2/15–23 off, Saturdays 2/14 and 2/28 worked', () => {
    expect(isWorkingDay('2026-02-13')).toBe(true);
    expect(isWorkingDay('2026-02-14')).toBe(true);
    for (let d = 15; d <= 23; d++) expect(isRestDay(`2026-02-${d}`)).toBe(true);
    expect(isWorkingDay('2026-02-24')).toBe(true);
    expect(isWorkingDay('2026-02-28')).toBe(true);
    expect(isWorkingDay('2026-03-01')).toBe(false); // an ordinary Sunday
  });

  it('Qingming 2026: 4/4–6 off', () => {
    expect(isWorkingDay('2026-04-03')).toBe(true);
    expect(isRestDay('2026-04-06')).toBe(true); // Monday
    expect(isWorkingDay('2026-04-07')).toBe(true);
  });

  it('Labour Day 2026: 5/1–5 off, Saturday 5/9 worked', () => {
    expect(isRestDay('2026-05-04')).toBe(true);
    expect(isRestDay('2026-05-05')).toBe(true);
    expect(isWorkingDay('2026-05-06')).toBe(true);
    expect(isWorkingDay('2026-05-09')).toBe(true);
    expect(isRestDay('2026-05-10')).toBe(true);
  });

  it('National Day 2026: 10/1–7 off, Sunday 9/20 and Saturday 10/10 worked', () => {
    expect(isWorkingDay('2026-09-20')).toBe(true);
    expect(isRestDay('2026-09-25')).toBe(true); // Mid-Autumn, a Friday
    expect(isRestDay('2026-10-07')).toBe(true);
    expect(isWorkingDay('2026-10-08')).toBe(true);
    expect(isWorkingDay('2026-10-10')).toBe(true);
  });

  it('2025: Spring Festival 1/28–2/4, working Sundays 1/26 and 9/28, National Day to 10/8', () => {
    expect(isWorkingDay('2025-01-26')).toBe(true);
    expect(isRestDay('2025-01-28')).toBe(true);
    expect(isRestDay('2025-02-04')).toBe(true);
    expect(isWorkingDay('2025-02-08')).toBe(true);
    expect(isWorkingDay('2025-09-28')).toBe(true);
    expect(isRestDay('2025-10-08')).toBe(true);
    expect(isWorkingDay('2025-10-11')).toBe(true);
  });
});

describe('years without a published arrangement (2027)', () => {
  it("counts the regulation's own holidays, with lunar and solar-term dates", () => {
    // Lunar New Year 2027 is Feb 6; Qingming Apr 5; Dragon Boat (5/5) Jun 9; Mid-Autumn (8/15) Sep 15.
    expect([...regulationHolidays(2027).keys()].sort()).toEqual([
      '2027-01-01',
      '2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08',
      '2027-04-05',
      '2027-05-01', '2027-05-02',
      '2027-06-09',
      '2027-09-15',
      '2027-10-01', '2027-10-02', '2027-10-03',
    ]);
  });

  it('makes those days and weekends rest days, and nothing else', () => {
    expect(isRestDay('2027-01-01')).toBe(true); // Friday
    expect(isWorkingDay('2027-01-04')).toBe(true);
    expect(isRestDay('2027-02-05')).toBe(true); // eve, Friday
    expect(isRestDay('2027-02-08')).toBe(true); // day 3, Monday
    expect(isWorkingDay('2027-02-09')).toBe(true); // no bridge is assumed
    expect(isRestDay('2027-04-05')).toBe(true);
    expect(isRestDay('2027-06-09')).toBe(true);
    expect(isRestDay('2027-09-15')).toBe(true);
    expect(isWorkingDay('2027-10-04')).toBe(true); // Art. 6 substitute days are not yet known
  });

  it('follows the published lunar tables where ICU differs (Lunar New Year 2030 is Feb 3)', () => {
    expect(regulationHolidays(2030).get('2030-02-03')).toBe('SPRING_FESTIVAL');
    expect(regulationHolidays(2030).get('2030-02-02')).toBe('SPRING_FESTIVAL'); // the eve
    expect(regulationHolidays(2030).has('2030-02-06')).toBe(false);
  });

  it("agrees with the published years' own core holidays", () => {
    for (const year of [2025, 2026]) {
      for (const day of regulationHolidays(year).keys()) expect(isRestDay(day), day).toBe(true);
    }
  });
});

describe('settled days', () => {
  it('needs a published year, and for late December the next one too', () => {
    expect(isSettled('2026-06-01')).toBe(true);
    expect(isSettled('2026-12-24')).toBe(true);
    // 2027's New Year arrangement could still move these (as 2019's did to 2018-12-29..31).
    expect(isSettled('2026-12-25')).toBe(false);
    expect(isSettled('2026-12-31')).toBe(false);
    expect(isSettled('2025-12-31')).toBe(true);
    expect(isSettled('2027-01-04')).toBe(false);
  });
});
