import { describe, expect, it } from 'vitest';
import { foldErasure } from '../../../src/privacy/erasure.ts';
import { RETENTION, retentionDue } from '../../../src/privacy/retention.ts';

const closed = (at: string) => ({ status: 'CLOSED' as const, closedAt: at });
const meta = (occurredAt: string) => ({ occurredAt });

describe('retention schedule', () => {
  it('names each period with its source, saying where it is platform policy', () => {
    for (const rule of Object.values(RETENTION)) {
      expect(rule.unit).toBe('YEARS');
      expect(rule.amount).toBeGreaterThan(0);
      expect(rule.source).not.toBe('');
    }
    expect(RETENTION.RETENTION_CASE_FILE.source).toMatch(/^platform policy/);
  });

  it('ends the case-file period five years after the last dispute ended, moved past the 2026 National Day holiday', () => {
    // Closed 2021-10-01 (Shanghai): five years later is 2026-10-01, a holiday; the State Council's
    // 2026 schedule has 1–7 October off and the 8th a working day.
    const due = retentionDue({ createdAt: '2021-01-01T00:00:00Z' }, [closed('2021-09-30T20:00:00Z'), closed('2021-03-01T02:00:00Z')]);
    expect(due).toEqual({ recordType: 'CASE_FILE', rule: 'RETENTION_CASE_FILE', lastDay: '2026-10-08', dueAt: '2026-10-08T16:00:00.000Z' });
  });

  it('ends on the anniversary when that is a working day, counting withdrawn and rejected disputes as ended', () => {
    const due = retentionDue({ createdAt: '2020-01-01T00:00:00Z' }, [
      { status: 'WITHDRAWN', withdrawal: { reason: 'x', at: '2021-06-15T03:00:00Z' } },
      { status: 'REJECTED', rejection: { reason: 'OUT_OF_SCOPE', note: 'x', at: '2021-06-16T03:00:00Z' } },
    ] as never);
    // 2026-06-16 is a Tuesday.
    expect(due).toMatchObject({ recordType: 'CASE_FILE', lastDay: '2026-06-16', dueAt: '2026-06-16T16:00:00.000Z' });
  });

  it('proposes nothing while any dispute of the person runs', () => {
    expect(retentionDue({ createdAt: '2020-01-01T00:00:00Z' }, [closed('2021-06-15T03:00:00Z'), { status: 'IN_MEDIATION' } as never])).toBeUndefined();
  });

  it('ends an idle account three years after it was created', () => {
    expect(retentionDue({ createdAt: '2023-05-10T02:00:00Z' }, [])).toEqual({
      recordType: 'IDLE_ACCOUNT',
      rule: 'RETENTION_IDLE_ACCOUNT',
      lastDay: '2026-05-11',
      // 2026-05-10 is a Sunday: the next working day.
      dueAt: '2026-05-11T16:00:00.000Z',
    });
  });
});

describe('the erasure stream', () => {
  const proposed = (dueAt: string, at: string) => ({ type: 'ErasureProposed', data: { personId: 'p', recordType: 'CASE_FILE', rule: 'RETENTION_CASE_FILE', dueAt }, metadata: meta(at) });
  it('settles every open proposal with an erasure, and keeps withdrawn ones withdrawn', () => {
    const state = foldErasure([
      proposed('2026-01-01T16:00:00.000Z', '2026-01-02T00:00:00Z'),
      { type: 'ErasureProposalWithdrawn', data: { personId: 'p', recordType: 'CASE_FILE', dueAt: '2026-01-01T16:00:00.000Z', reason: 'NEW_ACTIVITY' }, metadata: meta('2026-02-01T00:00:00Z') },
      proposed('2027-01-01T16:00:00.000Z', '2027-01-02T00:00:00Z'),
      { type: 'PersonalDataErased', data: { personId: 'p', reason: 'PIPL Art. 47', erasedAt: '2027-01-05T00:00:00Z', what: ['account'] }, metadata: meta('2027-01-05T00:00:00Z') },
    ]);
    expect(state.erasedAt).toBe('2027-01-05T00:00:00Z');
    expect(state.proposals.map((p) => [p.dueAt.slice(0, 4), p.status, p.closedAt])).toEqual([
      ['2026', 'WITHDRAWN', '2026-02-01T00:00:00Z'],
      ['2027', 'SETTLED', '2027-01-05T00:00:00Z'],
    ]);
  });
});
