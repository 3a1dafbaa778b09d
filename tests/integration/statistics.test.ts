/**
 * The monthly report over HTTP: `statistics { monthly }` and GET /statistics.csv, public, the same
 * rows in both, working days counted on the State Council's 2026 calendar (Spring Festival and
 * National Day with their working weekend days), bad periods refused naming the parameter.
 */
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../src/shared/clock.ts';
import { filed, ok, startWithCast, type Cast } from '../support/cases.ts';
import { runCli, type TestServer } from '../support/server.ts';

const MONTHLY = `query($from: Date!, $to: Date!) { statistics(from: $from, to: $to) {
  filed accepted closed mediationFailed acceptanceRate settlementRate medianWorkingDaysToAcceptance medianWorkingDaysToClosure amountClaimed { amountFen }
  monthly { month dimension group filed accepted rejected settled mediationFailed confirmed awarded closed acceptanceRate settlementRate
    medianWorkingDaysToAcceptance medianWorkingDaysToClosure amountClaimed { amountFen currency } amountAgreed { amountFen } amountPaid { amountFen } withheld } } }`;

/** Each complaint asks a refund of 12,800 yuan and 5,000 yuan compensation (tests/support/server.ts complaint). */
const CLAIM_FEN = 1_280_000 + 500_000;

describe('the monthly report and GET /statistics.csv', () => {
  const clock = manualClock(new Date('2026-02-13T10:00:00+08:00'));
  let server: TestServer;
  let c: Cast;

  const at = (instant: string) => clock.set(new Date(instant));
  const csv = (query: string, headers: Record<string, string> = {}) => fetch(`${server.url}/statistics.csv${query}`, { headers });

  beforeAll(async () => {
    ({ server, cast: c } = await startWithCast({ clock }));

    // Spring Festival 2026: Sunday 02-15 to Monday 02-23 off, Saturday 02-14 and 02-28 worked.
    // Four complaints filed on Friday 02-13; one rejected on the working Saturday, three accepted after the holiday.
    at('2026-02-13T10:00:00+08:00');
    const spring = [await filed(server, c), await filed(server, c), await filed(server, c), await filed(server, c)];
    at('2026-02-14T10:00:00+08:00');
    await ok(server, c.officer, spring[0]!, 'rejectDispute', { reason: 'OUT_OF_SCOPE', note: '生活美容' });
    for (const [i, day] of [[1, '2026-02-24'], [2, '2026-02-26'], [3, '2026-02-28']] as const) {
      at(`${day}T10:00:00+08:00`);
      await ok(server, c.officer, spring[i]!, 'acceptDispute', { procedure: 'MEDICAL_DISPUTE_MEDIATION' });
    }

    // National Day 2026: 10-01 to 10-07 off, Saturday 10-10 worked. Three filed on Tuesday 09-29,
    // accepted and withdrawn in October.
    at('2026-09-29T10:00:00+08:00');
    const autumn = [await filed(server, c), await filed(server, c), await filed(server, c)];
    const steps: Array<[string, number, 'acceptDispute' | 'withdrawDispute']> = [
      ['2026-10-08', 0, 'acceptDispute'],
      ['2026-10-09', 0, 'withdrawDispute'],
      ['2026-10-10', 1, 'acceptDispute'],
      ['2026-10-12', 2, 'acceptDispute'],
      ['2026-10-12', 1, 'withdrawDispute'],
      ['2026-10-14', 2, 'withdrawDispute'],
    ];
    for (const [day, i, mutation] of steps) {
      at(`${day}T15:00:00+08:00`);
      const args = mutation === 'acceptDispute' ? { procedure: 'CONSUMER_COMPLAINT_MEDIATION' } : { reason: '已与诊所自行和解' };
      await ok(server, mutation === 'acceptDispute' ? c.officer : c.consumer, autumn[i]!, mutation, args);
    }
  });
  afterAll(() => server.close());

  it('medians of working days across the Spring Festival and National Day holidays', async () => {
    const result = await server.gql(undefined, MONTHLY, { from: '2026-02-01', to: '2026-10-31' });
    expect(result.errors).toBeUndefined();
    const rows = result.data.statistics.monthly as Array<Record<string, unknown>>;
    const total = (month: string) => rows.find((r) => r.month === month && r.dimension === 'TOTAL');

    // Working days after 02-13: 02-14, then 02-24 (2), 02-26 (4), 02-28 (6): the median is 4.
    // Counting Monday to Friday instead, 02-24 alone would be 7 working days after filing.
    expect(total('2026-02')).toEqual({
      month: '2026-02', dimension: 'TOTAL', group: null,
      filed: 4, accepted: 3, rejected: 1, settled: 0, mediationFailed: 0, confirmed: 0, awarded: 0, closed: 0,
      acceptanceRate: 0.75, settlementRate: null, medianWorkingDaysToAcceptance: 4, medianWorkingDaysToClosure: null,
      amountClaimed: { amountFen: 4 * CLAIM_FEN, currency: 'CNY' }, amountAgreed: { amountFen: 0 }, amountPaid: { amountFen: 0 }, withheld: false,
    });
    // After 09-29: 09-30, then 10-08 (2), 10-10 (4, a Saturday worked), 10-12 (5); withdrawn 10-09 (3), 10-12 (5), 10-14 (7).
    expect(total('2026-10')).toMatchObject({ filed: 0, accepted: 3, closed: 3, medianWorkingDaysToAcceptance: 4, medianWorkingDaysToClosure: 5, withheld: false });
    expect(total('2026-09')).toMatchObject({ filed: 3, accepted: 0, amountClaimed: { amountFen: 3 * CLAIM_FEN } });
    // Months with nothing in them are in the report too.
    expect(rows.filter((r) => r.dimension === 'TOTAL').map((r) => r.month)).toEqual(['02', '03', '04', '05', '06', '07', '08', '09', '10'].map((m) => `2026-${m}`));
    expect(total('2026-05')).toMatchObject({ filed: 0, acceptanceRate: null, amountClaimed: { amountFen: 0 }, withheld: false });

    // The one rejected complaint is a small cell: its count is shown, its amount withheld.
    expect(rows.find((r) => r.month === '2026-02' && r.dimension === 'PROCEDURE' && r.group === 'NONE')).toMatchObject({
      filed: 1, rejected: 1, acceptanceRate: 0, amountClaimed: null, withheld: true,
    });
    expect(rows.find((r) => r.month === '2026-02' && r.dimension === 'PROCEDURE' && r.group === 'MEDICAL_DISPUTE_MEDIATION')).toMatchObject({
      filed: 3, accepted: 3, medianWorkingDaysToAcceptance: 4, amountClaimed: { amountFen: 3 * CLAIM_FEN },
    });
    expect(rows.find((r) => r.month === '2026-10' && r.dimension === 'OUTCOME' && r.group === 'WITHDRAWN')).toMatchObject({ accepted: 3, closed: 3, medianWorkingDaysToClosure: 5 });
    // Every complaint names both categories, in the order of DOMAIN.md 3.
    expect(rows.filter((r) => r.month === '2026-02' && r.dimension === 'CATEGORY').map((r) => [r.group, r.filed])).toEqual([
      ['FALSE_ADVERTISING', 4],
      ['MEDICAL_INJURY', 4],
    ]);

    // The period's own figures.
    expect(result.data.statistics).toMatchObject({
      filed: 7, accepted: 6, closed: 3, mediationFailed: 0, acceptanceRate: 6 / 7, settlementRate: null,
      medianWorkingDaysToAcceptance: 4, medianWorkingDaysToClosure: 5, amountClaimed: { amountFen: 7 * CLAIM_FEN },
    });
  });

  it('the CSV: UTF-8 with a BOM, Chinese headers, the same rows as the query, without signing in', async () => {
    const response = await csv('?from=2026-02-01&to=2026-10-31');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toContain("filename*=UTF-8''");
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);

    const [header, ...lines] = parse(Buffer.from(bytes), { bom: true }) as string[][];
    expect(header!.slice(0, 4)).toEqual(['月份 (month)', '维度 (dimension)', '分组 (group)', '投诉 (filed)']);
    expect(header).toContain('调解成功率 (settlement rate)');
    const column = (name: string) => header!.findIndex((h) => h.endsWith(`(${name})`));

    const rows = (await server.gql(undefined, MONTHLY, { from: '2026-02-01', to: '2026-10-31' })).data.statistics.monthly as Array<Record<string, any>>;
    expect(lines).toHaveLength(rows.length);
    for (const [i, row] of rows.entries()) {
      const line = lines[i]!;
      expect(line[0]).toBe(row.month);
      expect(line[1]).toMatch(new RegExp(`\\(${row.dimension}\\)$`));
      if (row.group) expect(line[2]).toMatch(new RegExp(`\\(${row.group}\\)$`));
      for (const count of ['filed', 'accepted', 'rejected', 'settled', 'confirmed', 'awarded', 'closed']) expect(line[column(count)], `${i} ${count}`).toBe(String(row[count]));
      expect(line[column('acceptance rate')]).toBe(row.acceptanceRate === null ? '' : String(Number(row.acceptanceRate.toFixed(4))));
      expect(line[column('median working days to acceptance')]).toBe(row.medianWorkingDaysToAcceptance === null ? (row.accepted > 0 ? '*' : '') : String(row.medianWorkingDaysToAcceptance));
      expect(line[header!.indexOf('请求金额/元 (amount claimed, CNY)')]).toBe(row.amountClaimed === null ? '*' : (row.amountClaimed.amountFen / 100).toFixed(2));
    }
    // February in total, as a spreadsheet shows it.
    expect(lines[0]!.slice(0, 3)).toEqual(['2026-02', '合计 (TOTAL)', '']);
    expect(lines[0]![header!.indexOf('请求金额/元 (amount claimed, CNY)')]).toBe('71200.00');
    expect(lines[0]![column('acceptance rate')]).toBe('0.75');
    expect(lines.find((l) => l[0] === '2026-02' && l[2] === '尚未受理 (NONE)')![header!.indexOf('请求金额/元 (amount claimed, CNY)')]).toBe('*');
  });

  it('is the same after the projection is rebuilt', async () => {
    const before = await (await csv('?from=2026-01-01&to=2026-12-31')).text();
    const rebuilt = await runCli(server.dataDir, ['projections:rebuild', 'statistics']);
    expect(rebuilt.code, rebuilt.stderr).toBe(0);
    expect(await (await csv('?from=2026-01-01&to=2026-12-31')).text()).toBe(before);
  });

  it('a period clipped to part of a month counts only its days', async () => {
    const rows = (await server.gql(undefined, MONTHLY, { from: '2026-02-20', to: '2026-02-25' })).data.statistics.monthly;
    expect(rows.filter((r: { dimension: string }) => r.dimension === 'TOTAL')).toEqual([expect.objectContaining({ month: '2026-02', filed: 0, accepted: 1, withheld: true, medianWorkingDaysToAcceptance: null })]);
  });

  it('refuses a bad period with 400 naming the parameter, and a bad token with 401', async () => {
    const issues = async (query: string) => {
      const response = await csv(query);
      expect(response.status, query).toBe(400);
      const body = (await response.json()) as { error: { code: string; issues: Array<{ path: string; message: string }> } };
      expect(body.error.code).toBe('BAD_USER_INPUT');
      return body.error.issues;
    };
    expect((await issues('?to=2026-03-31')).map((i) => i.path)).toEqual(['from']);
    expect((await issues('')).map((i) => i.path)).toEqual(['from', 'to']);
    expect((await issues('?from=2026-03-01&to=2026-02-30')).map((i) => i.path)).toEqual(['to']);
    expect((await issues('?from=2026-04-01&to=2026-03-01'))).toEqual([{ path: 'to', message: expect.stringContaining('must not be before from') }]);
    expect((await issues('?from=1900-12-31&to=2026-03-01'))).toEqual([{ path: 'from', message: expect.stringContaining('1901-01-01') }]);
    expect((await issues('?from=2026-01-01&to=2090-01-01')).map((i) => i.path)).toEqual(['to']);
    expect((await issues('?from=2026-01-01&from=2026-02-01&to=2026-03-01')).map((i) => i.path)).toEqual(['from']);

    // The query applies the same range.
    const graphql = await server.gql(undefined, MONTHLY, { from: '1900-12-31', to: '2026-03-01' });
    expect(graphql.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', issues: [{ path: 'from' }] });

    const badToken = await csv('?from=2026-01-01&to=2026-01-31', { authorization: 'Bearer not-a-token' });
    expect(badToken.status).toBe(401);
    // Signed in, the same public report.
    const signedIn = await csv('?from=2026-02-01&to=2026-10-31', { authorization: `Bearer ${c.officer.token}` });
    expect(await signedIn.text()).toBe(await (await csv('?from=2026-02-01&to=2026-10-31')).text());
  });
});
