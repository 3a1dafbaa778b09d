/**
 * An institution's public record end to end (issue 10 §4): found by name or unified social credit
 * code without signing in, its complaints by category and outcome, and a violation only once the
 * authority has confirmed it: a referral, or an outcome that found nothing, shows nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../src/shared/clock.ts';
import { accepted, cast, filed, ok, type Cast } from '../support/cases.ts';
import { startServer, type TestServer, type TestUser } from '../support/server.ts';

const SEARCH = `query($search: String) { institutions(search: $search) { totalCount edges { node { id name code record {
  complaints complaintsByCategory { category count } outcomes { outcome count } confirmedViolations { authority categories outcome recordedAt } } } } } }`;

describe("an institution's public record", () => {
  const clock = manualClock(new Date('2026-06-01T10:00:00+08:00'));
  let server: TestServer;
  let c: Cast;
  let regulator: TestUser;
  let disputeId: string;
  let referralId: string;

  const record = async (search: string) => {
    const result = await server.gql(undefined, SEARCH, { search });
    expect(result.errors).toBeUndefined();
    return result.data.institutions as { totalCount: number; edges: Array<{ node: { name: string; code: string; record: Record<string, unknown> } }> };
  };

  beforeAll(async () => {
    server = await startServer({ clock });
    c = await cast(server, await server.institution('星河医疗美容门诊部'));
    await server.institution('月光美容诊所');
    regulator = await server.user('REGULATOR', { authority: 'MARKET_REGULATION' });

    disputeId = await accepted(server, c, { categories: ['FALSE_ADVERTISING', 'PRICE_FRAUD'] });
    await ok(server, c.consumer, disputeId, 'withdrawDispute', { reason: '已退款' });
    const inProgress = await accepted(server, c, { categories: ['PRICE_FRAUD'] });
    // Filed but not accepted: not a complaint on the record.
    await filed(server, c, { categories: ['MEDICAL_INJURY'] });
    clock.set(new Date('2026-06-02T10:00:00+08:00'));
    const referred = await ok(server, c.officer, inProgress, 'referToAuthority', { authority: 'MARKET_REGULATION', categories: ['PRICE_FRAUD'], note: '标价与实收不符' }, 'referrals { id }');
    referralId = referred.referrals.at(-1).id;
    disputeId = inProgress;
  });
  afterAll(() => server.close());

  it('is found by name or by credit code, without signing in, with its complaints by category and outcome', async () => {
    const byName = await record('星河');
    expect(byName.totalCount).toBe(1);
    const byCode = await record(c.institution.code);
    expect(byCode.edges.map((e) => e.node.name)).toEqual(['星河医疗美容门诊部']);
    expect(byCode.edges[0]!.node).toEqual(byName.edges[0]!.node);
    expect(byName.edges[0]!.node.record).toEqual({
      complaints: 2,
      complaintsByCategory: [
        { category: 'PRICE_FRAUD', count: 2 },
        { category: 'FALSE_ADVERTISING', count: 1 },
      ],
      outcomes: [
        { outcome: 'IN_PROGRESS', count: 1 },
        { outcome: 'WITHDRAWN', count: 1 },
      ],
      // Referred to the market regulator, nothing decided yet: not a violation.
      confirmedViolations: [],
    });
    expect((await record('不存在的机构')).totalCount).toBe(0);
  });

  it('lists a violation only once the authority confirmed it', async () => {
    const violations = async () => (await record(c.institution.code)).edges[0]!.node.record.confirmedViolations;
    clock.set(new Date('2026-06-20T10:00:00+08:00'));
    const second = await ok(server, c.officer, disputeId, 'referToAuthority', { authority: 'MARKET_REGULATION', categories: ['FALSE_ADVERTISING'], note: '宣传“零风险”' }, 'referrals { id }');
    await ok(server, regulator, disputeId, 'recordAuthorityOutcome', { referralId: second.referrals.at(-1).id, outcome: '经查，宣传内容有据可查，不构成违法', violationConfirmed: false });
    expect(await violations()).toEqual([]);

    clock.set(new Date('2026-07-01T10:00:00+08:00'));
    await ok(server, regulator, disputeId, 'recordAuthorityOutcome', { referralId, outcome: '价格欺诈，责令退还并罚款二万元', violationConfirmed: true });
    expect(await violations()).toEqual([
      { authority: 'MARKET_REGULATION', categories: ['PRICE_FRAUD'], outcome: '价格欺诈，责令退还并罚款二万元', recordedAt: '2026-07-01T02:00:00.000Z' },
    ]);
    // Never on another institution's record.
    expect((await record('月光')).edges[0]!.node.record).toMatchObject({ complaints: 0, confirmedViolations: [] });
  });
});
