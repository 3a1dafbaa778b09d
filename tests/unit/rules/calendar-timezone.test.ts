// The calendar must not depend on the server's time zone. chinese-days' own date handling does
// (it reads UTC-parsed dates with local getters), so run ours west of UTC.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isWorkingDay, regulationHolidays, toLocalDate } from '../../../src/rules/calendar.ts';
import { addWorkingDays } from '../../../src/rules/periods.ts';

describe('in America/Los_Angeles', () => {
  const saved = process.env.TZ;
  beforeAll(() => {
    process.env.TZ = 'America/Los_Angeles';
  });
  afterAll(() => {
    if (saved === undefined) delete process.env.TZ;
    else process.env.TZ = saved;
  });

  it('the zone is in effect', () => {
    expect(new Date(Date.UTC(2027, 3, 5)).getDate()).toBe(4);
  });

  it('computes the same fallback holidays (first use of these years in this process)', () => {
    expect(regulationHolidays(2027).get('2027-04-05')).toBe('QINGMING');
    expect(regulationHolidays(2027).get('2027-02-06')).toBe('SPRING_FESTIVAL');
    expect(regulationHolidays(2027).get('2027-06-09')).toBe('DRAGON_BOAT');
    expect(regulationHolidays(2027).get('2027-09-15')).toBe('MID_AUTUMN');
    expect(regulationHolidays(2028).get('2028-04-04')).toBe('QINGMING');
    expect(regulationHolidays(2028).get('2028-01-26')).toBe('SPRING_FESTIVAL');
  });

  it('reads the published days unchanged', () => {
    expect(isWorkingDay('2026-02-14')).toBe(true);
    expect(isWorkingDay('2026-02-13')).toBe(true);
    expect(isWorkingDay('2026-02-23')).toBe(false);
    expect(toLocalDate(new Date('2026-02-13T15:30:00Z'))).toBe('2026-02-13');
    expect(addWorkingDays(new Date('2026-02-13T10:00:00+08:00'), 3).lastDay).toBe('2026-02-25');
  });
});
