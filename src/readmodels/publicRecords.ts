/**
 * What the public sees without signing in (DOMAIN.md 4, 5): institutions' records and anonymised
 * statistics, from the public facts of projections/statistics.ts.
 */
import { encodeCursor } from '../../projections/queries.ts';
import { connection, pageOf } from '../graphql/paging.ts';
import type { InstitutionRow } from '../../projections/statistics.ts';
import { CATEGORIES, type Category } from '../dispute/model.ts';
import type { GraphQLContext } from '../graphql/context.ts';
import { z } from 'zod';
import type { Institution, InstitutionConnection, InstitutionRecord, MonthlyReportRow, MonthlyStatistics, Statistics } from '../graphql/generated.ts';
import { badInput, notFound, type InputIssue } from '../shared/errors.ts';
import { localDate, parseInput } from '../shared/validation.ts';
import { monthlyReport, type ReportRow } from './monthlyReport.ts';

const money = (amountFen: number) => ({ amountFen, currency: 'CNY' });

/** `record` is resolved on its own (Institution.record), only when asked for. */
const institutionNode = ({ seq: _, licence, ...row }: InstitutionRow): Institution => ({ ...row, licence, record: undefined as never });

export function institution(ctx: GraphQLContext, id: string): Institution {
  const row = ctx.platform.queries.institution(id);
  if (!row) throw notFound('institution');
  return institutionNode(row);
}

export function institutions(ctx: GraphQLContext, search: string | null | undefined, first: number | null | undefined, after: string | null | undefined): InstitutionConnection {
  const text = search?.trim() || undefined;
  const paging = pageOf(first, after);
  const issues: InputIssue[] = [...paging.issues];
  if (text && text.length > 100) issues.push({ path: 'search', message: '最多 100 字 / at most 100 characters' });
  if (issues.length) throw badInput(issues);

  const page = ctx.platform.queries.institutions(text, paging.first, paging.afterSeq);
  const edges = page.items.map((row) => ({ cursor: encodeCursor(row.seq), node: institutionNode(row) }));
  return connection(edges, page.hasNextPage, page.totalCount);
}

export function institutionRecord(ctx: GraphQLContext, institutionId: string): InstitutionRecord {
  return ctx.platform.queries.institutionRecord(institutionId);
}

const median = (sorted: number[]): number | null => {
  if (sorted.length === 0) return null;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

const COUNTED = { FILED: 'filed', ACCEPTED: 'accepted', REJECTED: 'rejected', SETTLED: 'settled', CONFIRMED: 'confirmed', AWARDED: 'awarded' } as const;
type Counted = (typeof COUNTED)[keyof typeof COUNTED];

const periodDate = z.string({ error: '必填，日期格式应为 YYYY-MM-DD / required: a date YYYY-MM-DD' }).pipe(localDate);
const period = z
  .object({ from: periodDate, to: periodDate })
  .refine(({ from, to }) => from <= to, { path: ['to'], message: '不能早于开始日期 / must not be before from' });

/** A period of Shanghai dates, both included, within the calendar's range; BAD_USER_INPUT naming `from` or `to`. */
export function statisticsPeriod(from: unknown, to: unknown): { from: string; to: string } {
  return parseInput(period, { from, to });
}

const moneyOrNull = (amountFen: number | null) => (amountFen === null ? null : money(amountFen));

/** A row of the monthly report as GraphQL shows it. */
export function reportRow({ amountClaimedFen, amountAgreedFen, amountPaidFen, dimension, ...row }: ReportRow): MonthlyReportRow {
  return { ...row, dimension, amountClaimed: moneyOrNull(amountClaimedFen), amountAgreed: moneyOrNull(amountAgreedFen), amountPaid: moneyOrNull(amountPaidFen) };
}

/** Counts by the Shanghai date each thing happened, `from` and `to` included. */
export function statistics(ctx: GraphQLContext, fromInput: string, toInput: string): Statistics {
  const { from, to } = statisticsPeriod(fromInput, toInput);

  const rows = ctx.platform.queries.statistics(from, to);
  const counts: Record<Counted, number> = { filed: 0, accepted: 0, rejected: 0, settled: 0, confirmed: 0, awarded: 0 };
  let amountAgreed = 0;
  let amountPaid = 0;
  for (const { kind, count, amountFen } of rows.totals) {
    if (kind === 'PAID') amountPaid = amountFen;
    else if (kind in COUNTED) counts[COUNTED[kind as keyof typeof COUNTED]] = count;
    if (kind === 'SETTLED') amountAgreed = amountFen;
  }

  const months = new Map<string, MonthlyStatistics>();
  for (const { month, category, kind, count } of rows.byMonth) {
    if (!(kind in COUNTED)) continue;
    const key = `${month}/${category}`;
    const entry = months.get(key) ?? { month, category, filed: 0, accepted: 0, rejected: 0, settled: 0, confirmed: 0, awarded: 0 };
    entry[COUNTED[kind as keyof typeof COUNTED]] = count;
    months.set(key, entry);
  }
  const order = (c: Category) => CATEGORIES.indexOf(c);
  const byMonth = [...months.values()].sort((a, b) => a.month.localeCompare(b.month) || order(a.category) - order(b.category));

  const report = monthlyReport(ctx.platform.queries.monthlyCells(from, to), from, to);
  const p = report.period;
  return {
    from,
    to,
    ...counts,
    medianWorkingDaysToOutcome: median(rows.workingDays),
    amountAgreed: money(amountAgreed),
    amountPaid: money(amountPaid),
    byMonth,
    mediationFailed: p.mediationFailed,
    closed: p.closed,
    acceptanceRate: p.acceptanceRate,
    settlementRate: p.settlementRate,
    medianWorkingDaysToAcceptance: p.medianWorkingDaysToAcceptance,
    medianWorkingDaysToClosure: p.medianWorkingDaysToClosure,
    amountClaimed: moneyOrNull(p.amountClaimedFen),
    monthly: report.rows.map(reportRow),
  };
}
