/** Read-model queries over GraphQL: the damages calculator, dockets, institutions' public records, statistics. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../src/shared/clock.ts';
import { applyJointly, cast, confirm, filed, inMediation, ok, settle, settled, startWithCast, type Cast } from '../support/cases.ts';
import { runCli, startServer, type TestServer, type TestUser } from '../support/server.ts';

const DOCKET = (name: string) => `{ ${name} { dispute { id status viewerRelation offers { id } } nextDeadline { kind lastDay ref } } }`;

describe('calculateDamages', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(() => server.close());

  const CALCULATE = `query($input: DamagesInput!) { calculateDamages(input: $input) {
    lines { head amount { amountFen currency } basis note optional } total { amountFen } certainTotal { amountFen } } }`;

  it('is public: anyone may weigh a claim before filing', async () => {
    const result = await server.gql(undefined, CALCULATE, { input: { amountPaidFen: 1_280_000, medicalExpenses: 350_000, fraud: true } });
    expect(result.errors).toBeUndefined();
    expect(result.data.calculateDamages).toMatchObject({
      lines: [
        { head: 'medicalExpenses', amount: { amountFen: 350_000, currency: 'CNY' }, optional: false },
        { head: 'fraudCompensation', amount: { amountFen: 3_840_000 }, basis: 'CRPL Art. 55(1)', optional: true },
      ],
      total: { amountFen: 4_190_000 },
      certainTotal: { amountFen: 350_000 },
    });
  });

  it('names each bad field', async () => {
    const result = await server.gql(undefined, CALCULATE, { input: { amountPaidFen: 100, nursing: -5, age: 70 } });
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect((result.errors?.[0]?.extensions?.issues as Array<{ path: string }>).map((i) => i.path)).toEqual([
      'input.nursing',
      'input.urbanIncomePerCapitaFen',
      'input.disabilityCoefficient',
    ]);
  });
});

describe('dockets', () => {
  // Monday 14 September 2026, 10:00 in Shanghai.
  const clock = manualClock(new Date('2026-09-14T10:00:00+08:00'));
  let server: TestServer;
  let c: Cast;
  let otherMediator: TestUser;
  let mediating: string;
  let settledCase: string;

  beforeAll(async () => {
    ({ server, cast: c } = await startWithCast({ clock }));
    otherMediator = await server.user('MEDIATOR');
    mediating = await inMediation(server, c);
    ({ id: settledCase } = await settled(server, c, [{ debtor: 'RESPONDENT', kind: 'REFUND', amountFen: 300_000, dueDate: '2026-09-30' }]));
    const withdrawn = await inMediation(server, c);
    await ok(server, c.consumer, withdrawn, 'withdrawDispute', { reason: '已自行和解' });
  });
  afterAll(() => server.close());

  it("a mediator's open cases, soonest deadline first, as the mediator sees them", async () => {
    const docket = (await server.gql(c.mediator.token, DOCKET('mediatorDocket'))).data.mediatorDocket;
    // The refund due 09-30 comes before the mediation limit: 30 working days from 09-14, counting the
    // working Sundays 09-20 and Saturday 10-10 and skipping 09-25 to 09-27 and 10-01 to 10-07, end on 10-30.
    expect(docket.map((e: { dispute: { id: string } }) => e.dispute.id)).toEqual([settledCase, mediating]);
    expect(docket[0]).toMatchObject({ dispute: { status: 'SETTLED', viewerRelation: 'MEDIATOR' }, nextDeadline: { kind: 'OBLIGATION_DUE', lastDay: '2026-09-30' } });
    expect(docket[1].nextDeadline).toEqual({ kind: 'MEDIATION_LIMIT_MEDICAL', lastDay: '2026-10-30', ref: null });
    expect((await server.gql(otherMediator.token, DOCKET('mediatorDocket'))).data.mediatorDocket).toEqual([]);
  });

  it("a court's open confirmation cases, without what was said in mediation", async () => {
    expect((await server.gql(c.court.token, DOCKET('courtDocket'))).data.courtDocket).toEqual([]);
    await applyJointly(server, c, settledCase);

    const docket = (await server.gql(c.court.token, DOCKET('courtDocket'))).data.courtDocket;
    // Applied on Monday 09-14: the court decides on acceptance within 3 days (JC_ACCEPT_DECISION).
    expect(docket).toEqual([
      { dispute: { id: settledCase, status: 'CONFIRMATION_REQUESTED', viewerRelation: 'COURT', offers: [] }, nextDeadline: { kind: 'JC_ACCEPT_DECISION', lastDay: '2026-09-17', ref: null } },
    ]);
    expect((await server.gql(c.otherCourt.token, DOCKET('courtDocket'))).data.courtDocket).toEqual([]);

    await confirm(server, c, settledCase, '(2026)粤0304民特99号');
    expect((await server.gql(c.court.token, DOCKET('courtDocket'))).data.courtDocket).toEqual([]);
  });

  it("each docket is its role's alone", async () => {
    for (const [user, name] of [
      [c.consumer, 'mediatorDocket'],
      [c.mediator, 'courtDocket'],
      [c.court, 'legalAidCaseload'],
      [c.officer, 'mediatorDocket'],
    ] as const) {
      expect((await server.gql(user.token, DOCKET(name))).errors?.[0]?.extensions?.code, name).toBe('FORBIDDEN');
    }
    expect((await server.gql(undefined, DOCKET('mediatorDocket'))).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('public records and statistics', () => {
  const clock = manualClock(new Date('2026-03-02T10:00:00+08:00'));
  let server: TestServer;
  let c: Cast;
  let institutionId: string;
  let regulator: TestUser;

  const RECORD = `query($id: ID!) { institution(id: $id) { id name code record {
    complaints complaintsByCategory { category count } outcomes { outcome count }
    confirmedViolations { authority categories outcome recordedAt } } } }`;
  const STATISTICS = `query($from: Date!, $to: Date!) { statistics(from: $from, to: $to) {
    from to filed accepted rejected settled confirmed awarded medianWorkingDaysToOutcome
    amountAgreed { amountFen currency } amountPaid { amountFen }
    byMonth { month category filed accepted rejected settled confirmed awarded } } }`;

  async function refer(id: string, violationConfirmed: boolean, outcome: string) {
    const referred = await ok(server, c.officer, id, 'referToAuthority', { authority: 'HEALTH', categories: ['UNLICENSED_INSTITUTION'], note: '无医疗机构执业许可证' }, 'referrals { id }');
    const referralId = referred.referrals.at(-1).id as string;
    await ok(server, regulator, id, 'recordAuthorityOutcome', { referralId, outcome, violationConfirmed });
  }

  beforeAll(async () => {
    server = await startServer({ clock });
    const institution = await server.institution('美丽医疗美容诊所');
    institutionId = institution.id;
    await server.institution('星光医美门诊部');
    await server.institution('100%_美容中心');
    c = await cast(server, institution);
    regulator = await server.user('REGULATOR', { authority: 'HEALTH' });

    // Filed Monday 03-02, settled Wednesday 03-04 (2 working days), the refund paid on 03-10.
    clock.set(new Date('2026-03-02T10:00:00+08:00'));
    const paid = await inMediation(server, c);
    await refer(paid, false, '经查，未发现违法行为');
    clock.set(new Date('2026-03-04T10:00:00+08:00'));
    const [obligationId] = await settle(server, c, paid, [{ debtor: 'RESPONDENT', kind: 'REFUND', amountFen: 1_280_000, dueDate: '2026-03-31' }]);
    clock.set(new Date('2026-03-10T10:00:00+08:00'));
    await ok(server, c.clinic, paid, 'recordPerformance', { obligationId });
    await ok(server, c.consumer, paid, 'confirmPerformance', { obligationId });

    // Filed Tuesday 03-03, rejected 03-04 (1 working day): never published against the clinic.
    clock.set(new Date('2026-03-03T10:00:00+08:00'));
    const rejected = await filed(server, c);
    clock.set(new Date('2026-03-04T11:00:00+08:00'));
    await ok(server, c.officer, rejected, 'rejectDispute', { reason: 'OUT_OF_SCOPE', note: '生活美容，非医疗美容' });

    // Filed 04-01 and not (yet) accepted, but referred: the authority confirmed the violation.
    clock.set(new Date('2026-04-01T10:00:00+08:00'));
    const unaccepted = await filed(server, c, { categories: ['UNLICENSED_INSTITUTION'] });
    clock.set(new Date('2026-04-20T10:00:00+08:00'));
    await refer(unaccepted, true, '无证开展医疗美容，罚款五万元');
  });
  afterAll(() => server.close());

  it("an institution's public record: accepted complaints only, and only the violations an authority confirmed", async () => {
    const result = await server.gql(undefined, RECORD, { id: institutionId });
    expect(result.errors).toBeUndefined();
    expect(result.data.institution).toEqual({
      id: institutionId,
      name: '美丽医疗美容诊所',
      code: c.institution.code,
      record: {
        complaints: 1,
        complaintsByCategory: [
          { category: 'FALSE_ADVERTISING', count: 1 },
          { category: 'MEDICAL_INJURY', count: 1 },
        ],
        outcomes: [{ outcome: 'FULFILLED', count: 1 }],
        confirmedViolations: [
          { authority: 'HEALTH', categories: ['UNLICENSED_INSTITUTION'], outcome: '无证开展医疗美容，罚款五万元', recordedAt: '2026-04-20T02:00:00.000Z' },
        ],
      },
    });
    expect((await server.gql(undefined, RECORD, { id: '00000000-0000-0000-0000-000000000000' })).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    // The clinic's own account sees the same record.
    const me = await server.gql(c.clinic.token, `{ me { institution { name record { complaints } } } }`);
    expect(me.data.me.institution).toEqual({ name: '美丽医疗美容诊所', record: { complaints: 1 } });
  });

  it('institutions are searched by name or code, literally, in pages', async () => {
    const LIST = `query($search: String, $first: Int, $after: String) { institutions(search: $search, first: $first, after: $after) {
      edges { cursor node { name } } pageInfo { hasNextPage endCursor } totalCount } }`;
    const names = (r: { data?: { institutions: { edges: Array<{ node: { name: string } }> } } }) => r.data?.institutions.edges.map((e) => e.node.name);

    expect(names(await server.gql(undefined, LIST, { search: '美容' }))).toEqual(['美丽医疗美容诊所', '100%_美容中心']);
    expect(names(await server.gql(undefined, LIST, { search: c.institution.code.slice(2, 10).toLowerCase() }))).toEqual(['美丽医疗美容诊所']);
    expect(names(await server.gql(undefined, LIST, { search: '%_' }))).toEqual(['100%_美容中心']);

    const first = await server.gql(undefined, LIST, { first: 2 });
    expect(first.data.institutions).toMatchObject({ totalCount: 3, pageInfo: { hasNextPage: true } });
    const rest = await server.gql(undefined, LIST, { first: 2, after: first.data.institutions.pageInfo.endCursor });
    expect(names(rest)).toEqual(['100%_美容中心']);
    expect(rest.data.institutions.pageInfo).toEqual({ hasNextPage: false, endCursor: rest.data.institutions.edges[0].cursor });
    expect((await server.gql(undefined, LIST, { after: 'not-a-cursor' })).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', issues: [{ path: 'after' }] });
  });

  it('statistics by month and category, public, and the same after the projection is rebuilt', async () => {
    const march = await server.gql(undefined, STATISTICS, { from: '2026-03-01', to: '2026-03-31' });
    expect(march.errors).toBeUndefined();
    const expected = {
      from: '2026-03-01',
      to: '2026-03-31',
      filed: 2,
      accepted: 1,
      rejected: 1,
      settled: 1,
      confirmed: 0,
      awarded: 0,
      // Settled after 2 working days, rejected after 1.
      medianWorkingDaysToOutcome: 1.5,
      amountAgreed: { amountFen: 1_280_000, currency: 'CNY' },
      amountPaid: { amountFen: 1_280_000 },
      // Categories in the order of DOMAIN.md 3.
      byMonth: ['FALSE_ADVERTISING', 'MEDICAL_INJURY'].map((category) => ({ month: '2026-03', category, filed: 2, accepted: 1, rejected: 1, settled: 1, confirmed: 0, awarded: 0 })),
    };
    expect(march.data.statistics).toEqual(expected);

    const spring = (await server.gql(undefined, STATISTICS, { from: '2026-03-01', to: '2026-04-30' })).data.statistics;
    expect(spring).toMatchObject({ filed: 3, accepted: 1 });
    expect(spring.byMonth.at(-1)).toEqual({ month: '2026-04', category: 'UNLICENSED_INSTITUTION', filed: 1, accepted: 0, rejected: 0, settled: 0, confirmed: 0, awarded: 0 });

    const rebuilt = await runCli(server.dataDir, ['projections:rebuild', 'statistics']);
    expect(rebuilt.code, rebuilt.stderr).toBe(0);
    expect((await server.gql(undefined, STATISTICS, { from: '2026-03-01', to: '2026-03-31' })).data.statistics).toEqual(expected);
  });

  it('refuses a period that is not one', async () => {
    const backwards = await server.gql(undefined, STATISTICS, { from: '2026-04-01', to: '2026-03-01' });
    expect(backwards.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', issues: [{ path: 'to' }] });
    const malformed = await server.gql(undefined, STATISTICS, { from: '2026-13-01', to: '2026-03-01' });
    expect(malformed.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', issues: [{ path: 'from' }] });
  });
});
