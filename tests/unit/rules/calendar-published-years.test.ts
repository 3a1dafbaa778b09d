// chinese-days must match the State Council lists copied into RULES.md, day for day.
import { describe, expect, it } from 'vitest';
import calendarData from 'chinese-days/dist/chinese-days.json' with { type: 'json' };
import { isPublishedYear, isWorkingDay } from '../../../src/rules/calendar.ts';

type Range = [from: string, to?: string];

// Straight from RULES.md "Counting periods" (month/day).
const RULES_MD = {
  2026: {
    off: [['1/1', '1/3'], ['2/15', '2/23'], ['4/4', '4/6'], ['5/1', '5/5'], ['6/19', '6/21'], ['9/25', '9/27'], ['10/1', '10/7']],
    work: [['1/4'], ['2/14'], ['2/28'], ['5/9'], ['9/20'], ['10/10']],
  },
  2025: {
    off: [['1/1'], ['1/28', '2/4'], ['4/4', '4/6'], ['5/1', '5/5'], ['5/31', '6/2'], ['10/1', '10/8']],
    work: [['1/26'], ['2/8'], ['4/27'], ['9/28'], ['10/11']],
  },
} satisfies Record<number, { off: Range[]; work: Range[] }>;

function utc(year: number, md: string): number {
  const [m, d] = md.split('/').map(Number);
  return Date.UTC(year, m! - 1, d!);
}

function iso(t: number): string {
  return new Date(t).toISOString().slice(0, 10);
}

function expand(year: number, ranges: Range[]): Set<string> {
  const days = new Set<string>();
  for (const [from, to] of ranges) {
    for (let t = utc(year, from); t <= utc(year, to ?? from); t += 86_400_000) days.add(iso(t));
  }
  return days;
}

function keysOfYear(record: Record<string, string>, year: number): Set<string> {
  return new Set(Object.keys(record).filter((date) => date.startsWith(`${year}-`)));
}

describe.each([2025, 2026] as const)('the %i calendar', (year) => {
  const off = expand(year, RULES_MD[year].off);
  const work = expand(year, RULES_MD[year].work);

  it('is published', () => {
    expect(isPublishedYear(year)).toBe(true);
  });

  it("has exactly RULES.md's days off and working weekends in the package data", () => {
    expect(keysOfYear(calendarData.holidays, year)).toEqual(off);
    expect(keysOfYear(calendarData.workdays, year)).toEqual(work);
  });

  it('gives every day of the year the status RULES.md implies', () => {
    const mismatches: string[] = [];
    let days = 0;
    for (let t = Date.UTC(year, 0, 1); t < Date.UTC(year + 1, 0, 1); t += 86_400_000) {
      const date = iso(t);
      const weekday = new Date(t).getUTCDay();
      const expected = work.has(date) || (weekday >= 1 && weekday <= 5 && !off.has(date));
      if (isWorkingDay(date) !== expected) mismatches.push(date);
      days++;
    }
    expect(days).toBe(365);
    expect(mismatches).toEqual([]);
  });
});

describe('years without an arrangement', () => {
  it('2027 is not published in chinese-days 1.5.7', () => {
    expect(isPublishedYear(2027)).toBe(false);
    expect(keysOfYear(calendarData.holidays, 2027).size).toBe(0);
  });

  it('2004 is the first published year', () => {
    expect(isPublishedYear(2003)).toBe(false);
    expect(isPublishedYear(2004)).toBe(true);
  });
});
