import { describe, expect, it } from 'vitest';
import { summarize } from '../../../src/audit/summary.ts';

describe('audit summaries', () => {
  it('give a session’s and a hearing’s time in Beijing time, not the stored UTC instant', () => {
    // 06:30 UTC on 31 Dec is 14:30 in Beijing; 17:00 UTC on 31 Dec is already 1 January there.
    expect(summarize('SessionScheduled', { startsAt: '2026-12-31T06:30:00.000Z' })).toBe(
      '安排调解会议：2026-12-31 14:30（北京时间）/ session scheduled for 2026-12-31 14:30 Beijing time',
    );
    expect(summarize('HearingScheduled', { startsAt: '2026-12-31T17:00:00.000Z' })).toMatch(/^安排开庭：2027-01-01 01:00（北京时间）/);
  });

  it('fall back to the event type for an event without a summary', () => {
    expect(summarize('SomethingNew', {})).toBe('SomethingNew');
  });
});
