/** Performance and closure over GraphQL, with the deadline reactor on an injected clock. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyPassedDeadlines } from '../../src/reactors/deadlines.ts';
import { manualClock } from '../../src/shared/clock.ts';
import { accepted, confirmed, ok, run, settled, startWithCast, type Cast } from '../support/cases.ts';
import type { TestServer, TestUser } from '../support/server.ts';

const FIELDS = `id status outcome closedAt version
  obligations { id debtor kind amount { amountFen currency } description dueDate status performanceNote performedAt confirmedAt }
  deadlines { kind lastDay ref }`;

// Monday 14 September 2026, 10:00 in Shanghai.
const clock = manualClock(new Date('2026-09-14T10:00:00+08:00'));
const REFUND = { debtor: 'RESPONDENT', kind: 'REFUND', amountFen: 1_280_000, dueDate: '2026-10-01' } as const;
const TAKE_DOWN = { debtor: 'CLAIMANT', kind: 'OTHER', description: '删除网络差评', dueDate: '2026-10-01' } as const;

describe('performance and closure over GraphQL', () => {
  let server: TestServer;
  let c: Cast;
  let stranger: TestUser;

  beforeAll(async () => {
    ({ server, cast: c } = await startWithCast({ clock }));
    stranger = await server.user('CONSUMER');
  });
  afterAll(() => server.close());

  const act = (user: TestUser, id: string, mutation: string, args: Record<string, unknown> = {}) => run(server, user, id, mutation, args, FIELDS);

  it('each side performs what it owes and the other confirms; the last confirmation closes the dispute as FULFILLED', async () => {
    clock.set(new Date('2026-09-14T10:00:00+08:00'));
    const { id, obligationIds } = await settled(server, c, [REFUND, TAKE_DOWN]);
    const [refund, takeDown] = obligationIds as [string, string];

    expect((await act(c.consumer, id, 'recordPerformance', { obligationId: refund })).error?.extensions?.code).toBe('FORBIDDEN');
    expect((await act(stranger, id, 'recordPerformance', { obligationId: refund })).error?.extensions?.code).toBe('NOT_FOUND');
    const unknown = await act(c.clinic, id, 'recordPerformance', { obligationId: 'no-such-obligation' });
    expect(unknown.error?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', issues: [{ path: 'obligationId' }] });
    // Not confirmed by a court: nothing to enforce.
    expect((await act(c.consumer, id, 'applyForEnforcement')).error?.extensions).toMatchObject({ code: 'INVALID_TRANSITION', status: 'SETTLED' });

    clock.set(new Date('2026-09-18T15:00:00+08:00'));
    const performed = await act(c.clinic, id, 'recordPerformance', { obligationId: refund, note: '已转账 12,800 元' });
    expect(performed.error).toBeUndefined();
    expect(performed.dispute.obligations[0]).toMatchObject({
      id: refund,
      status: 'PERFORMED',
      performanceNote: '已转账 12,800 元',
      performedAt: '2026-09-18T07:00:00.000Z',
      amount: { amountFen: 1_280_000, currency: 'CNY' },
    });
    // A performed obligation is no longer awaited.
    expect(performed.dispute.deadlines.filter((d: { kind: string }) => d.kind === 'OBLIGATION_DUE').map((d: { ref: string }) => d.ref)).toEqual([takeDown]);

    expect((await act(c.clinic, id, 'confirmPerformance', { obligationId: refund })).error?.extensions?.code).toBe('FORBIDDEN');
    const refunded = await act(c.consumer, id, 'confirmPerformance', { obligationId: refund });
    expect(refunded.dispute).toMatchObject({ status: 'SETTLED', outcome: null });
    expect(refunded.dispute.obligations[0]).toMatchObject({ status: 'FULFILLED', confirmedAt: '2026-09-18T07:00:00.000Z' });

    await ok(server, c.consumer, id, 'recordPerformance', { obligationId: takeDown });
    clock.set(new Date('2026-09-21T09:00:00+08:00'));
    const closed = await act(c.clinic, id, 'confirmPerformance', { obligationId: takeDown });
    expect(closed.dispute).toMatchObject({ status: 'CLOSED', outcome: 'FULFILLED', closedAt: '2026-09-21T01:00:00.000Z', deadlines: [] });

    const trail = await server.gql(c.consumer.token, `query($id: ID!) { auditTrail(disputeId: $id) { type summary } }`, { id });
    expect(trail.data.auditTrail.at(-1)).toEqual({ type: 'DisputeClosed', summary: '结案（FULFILLED）/ closed (FULFILLED)' });
    expect((await act(c.clinic, id, 'recordPerformance', { obligationId: refund })).error?.extensions).toMatchObject({
      code: 'INVALID_TRANSITION',
      status: 'CLOSED',
    });
  });

  it('a refund due on National Day is overdue from 24:00 of 10-01; the consumer applies for enforcement of the confirmed agreement', async () => {
    clock.set(new Date('2026-09-14T10:00:00+08:00'));
    const { id, obligationIds } = await confirmed(server, c, [REFUND]);
    const view = async () => (await server.gql(c.consumer.token, `query($id: ID!) { dispute(id: $id) { ${FIELDS} } }`, { id })).data.dispute;
    expect((await view()).deadlines).toEqual([{ kind: 'OBLIGATION_DUE', lastDay: '2026-10-01', ref: obligationIds[0] }]);
    expect((await act(c.consumer, id, 'applyForEnforcement')).error?.extensions).toMatchObject({ code: 'INVALID_TRANSITION', status: 'CONFIRMED' });

    // The last day is a holiday, but a date the parties agreed is not moved (no statutory rolling).
    clock.set(new Date('2026-10-01T23:59:00+08:00'));
    await applyPassedDeadlines(server.platform, clock);
    expect((await view()).obligations[0].status).toBe('PENDING');

    clock.set(new Date('2026-10-02T00:00:01+08:00'));
    await applyPassedDeadlines(server.platform, clock);
    const overdue = await view();
    expect(overdue.obligations[0].status).toBe('OVERDUE');
    // Two years (CPL Art. 250) end on Sunday 2028-10-01, in National Day: moved to Wednesday 10-04 (2028 not yet published).
    expect(overdue.deadlines).toEqual([{ kind: 'ENFORCEMENT_APPLY', lastDay: '2028-10-04', ref: null }]);

    expect((await act(c.clinic, id, 'applyForEnforcement')).error?.extensions?.code).toBe('FORBIDDEN');
    clock.set(new Date('2026-10-09T10:00:00+08:00'));
    const enforced = await act(c.consumer, id, 'applyForEnforcement');
    expect(enforced.error).toBeUndefined();
    expect(enforced.dispute).toMatchObject({ status: 'CLOSED', outcome: 'REFERRED_FOR_ENFORCEMENT', closedAt: '2026-10-09T02:00:00.000Z' });
    const stream = await server.platform.store.readStream(`dispute-${id}`);
    expect(stream.slice(-3).map((e) => [e.type, (e.metadata.actor as { role: string }).role])).toEqual([
      ['ObligationOverdue', 'SYSTEM'],
      ['EnforcementApplied', 'CONSUMER'],
      ['DisputeClosed', 'CONSUMER'],
    ]);
  });

  it('after failed mediation a party closes the dispute as going to court; FULFILLED cannot be declared', async () => {
    clock.set(new Date('2026-09-14T10:00:00+08:00'));
    const id = await accepted(server, c);
    await ok(server, c.clinic, id, 'answerMediationInvitation', { consent: false });

    const declared = await act(c.consumer, id, 'closeDispute', { outcome: 'FULFILLED' });
    expect(declared.error?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', issues: [{ path: 'outcome' }] });
    expect((await act(stranger, id, 'closeDispute', { outcome: 'ABANDONED' })).error?.extensions?.code).toBe('NOT_FOUND');

    const closed = await act(c.consumer, id, 'closeDispute', { outcome: 'REFERRED_TO_LITIGATION', note: '已向法院起诉' });
    expect(closed.dispute).toMatchObject({ status: 'CLOSED', outcome: 'REFERRED_TO_LITIGATION' });
    const again = await act(c.officer, id, 'closeDispute', { outcome: 'ABANDONED' });
    expect(again.error?.extensions).toMatchObject({ code: 'INVALID_TRANSITION', status: 'CLOSED' });
    expect((await server.platform.store.readStream(`dispute-${id}`)).filter((e) => e.type === 'DisputeClosed')).toHaveLength(1);
  });
});
