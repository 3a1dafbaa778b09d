/**
 * The monthly report (issue 10 §2): each month of a period in total and by category, mediation
 * procedure and public outcome, with rates, medians and amounts. A pure function of the cells the
 * statistics projection gives (projections/statistics.ts, `monthlyCells`); the GraphQL field and
 * the CSV download show the same rows.
 */
import { DIMENSIONS, NO_PROCEDURE, type Dimension, type FactKind, type MonthlyCell } from '../../projections/statistics.ts';
import { CATEGORIES, OUTCOMES, PROCEDURES } from '../dispute/model.ts';

/**
 * Disclosure control: an amount or a median computed from fewer cases than this is withheld. The
 * statistics are public and carry no names, but with one or two cases in a month and category a
 * neighbour who knows of a complaint could read off what that person claimed, agreed or was paid,
 * or how long their case took. Counts are always shown: on their own they say nothing of anyone.
 */
export const SMALL_CELL_MIN_CASES = 3;

export interface ReportFigures {
  filed: number;
  accepted: number;
  rejected: number;
  settled: number;
  mediationFailed: number;
  confirmed: number;
  awarded: number;
  closed: number;
  /** accepted / (accepted + rejected): of the complaints decided on in the month. */
  acceptanceRate: number | null;
  /** settled / (settled + mediationFailed): of the mediations that ended in the month. */
  settlementRate: number | null;
  medianWorkingDaysToAcceptance: number | null;
  medianWorkingDaysToClosure: number | null;
  /** Whole fen; null when withheld (fewer than SMALL_CELL_MIN_CASES cases). */
  amountClaimedFen: number | null;
  amountAgreedFen: number | null;
  amountPaidFen: number | null;
  /** Some figure of the row was withheld as a small cell. */
  withheld: boolean;
}

export interface ReportRow extends ReportFigures {
  /** YYYY-MM */
  month: string;
  dimension: Dimension;
  /** null for TOTAL. */
  group: string | null;
}

/** The public outcomes (projections/statistics.ts `disposition`) in the order a report lists them. */
export const OUTCOME_GROUPS = [
  'SUBMITTED',
  'AWAITING_INFORMATION',
  'IN_PROGRESS',
  'REJECTED',
  'WITHDRAWN',
  'MEDIATION_FAILED',
  'SETTLED',
  'CONFIRMED',
  'AWARDED',
  ...OUTCOMES,
  'CLOSED',
] as const;

const GROUP_ORDER: Record<Dimension, readonly string[]> = {
  TOTAL: [''],
  CATEGORY: CATEGORIES,
  PROCEDURE: [...PROCEDURES, NO_PROCEDURE],
  OUTCOME: OUTCOME_GROUPS,
};

const COUNTED: Partial<Record<FactKind, keyof ReportFigures>> = {
  FILED: 'filed',
  ACCEPTED: 'accepted',
  REJECTED: 'rejected',
  SETTLED: 'settled',
  MEDIATION_FAILED: 'mediationFailed',
  CONFIRMED: 'confirmed',
  AWARDED: 'awarded',
  CLOSED: 'closed',
};

/** The median of a histogram of working days: the mean of the two middle values for an even count. */
function histogramMedian(bins: Map<number, number>): number | null {
  const sorted = [...bins].sort((a, b) => a[0] - b[0]);
  const total = sorted.reduce((n, [, count]) => n + count, 0);
  if (total === 0) return null;
  const at = (index: number) => {
    let seen = 0;
    for (const [value, count] of sorted) {
      seen += count;
      if (index < seen) return value;
    }
    return sorted.at(-1)![0];
  };
  return total % 2 ? at((total - 1) / 2) : (at(total / 2 - 1) + at(total / 2)) / 2;
}

const rate = (part: number, whole: number) => (whole === 0 ? null : part / whole);

/** What the cells of one month and group add up to. */
class Accumulator {
  readonly counts = new Map<FactKind, number>();
  readonly cases = new Map<FactKind, number>();
  readonly amounts = new Map<FactKind, number>();
  readonly days = { ACCEPTED: new Map<number, number>(), CLOSED: new Map<number, number>() };

  add(cell: Pick<MonthlyCell, 'kind' | 'workingDays' | 'count' | 'cases' | 'amountFen'>): void {
    const plus = (map: Map<FactKind, number>, n: number) => map.set(cell.kind, (map.get(cell.kind) ?? 0) + n);
    plus(this.counts, cell.count);
    plus(this.cases, cell.cases);
    plus(this.amounts, cell.amountFen);
    if ((cell.kind === 'ACCEPTED' || cell.kind === 'CLOSED') && cell.workingDays !== null) {
      const bins = this.days[cell.kind];
      bins.set(cell.workingDays, (bins.get(cell.workingDays) ?? 0) + cell.count);
    }
  }

  figures(): ReportFigures {
    let withheld = false;
    const count = (kind: FactKind) => this.counts.get(kind) ?? 0;
    const small = (kind: FactKind) => {
      const cases = this.cases.get(kind) ?? 0;
      const isSmall = cases > 0 && cases < SMALL_CELL_MIN_CASES;
      if (isSmall) withheld = true;
      return isSmall;
    };
    const amount = (kind: FactKind) => (small(kind) ? null : (this.amounts.get(kind) ?? 0));
    const median = (kind: 'ACCEPTED' | 'CLOSED') => (small(kind) ? null : histogramMedian(this.days[kind]));
    const figures = {
      filed: count('FILED'),
      accepted: count('ACCEPTED'),
      rejected: count('REJECTED'),
      settled: count('SETTLED'),
      mediationFailed: count('MEDIATION_FAILED'),
      confirmed: count('CONFIRMED'),
      awarded: count('AWARDED'),
      closed: count('CLOSED'),
      acceptanceRate: rate(count('ACCEPTED'), count('ACCEPTED') + count('REJECTED')),
      settlementRate: rate(count('SETTLED'), count('SETTLED') + count('MEDIATION_FAILED')),
      medianWorkingDaysToAcceptance: median('ACCEPTED'),
      medianWorkingDaysToClosure: median('CLOSED'),
      amountClaimedFen: amount('FILED'),
      amountAgreedFen: amount('SETTLED'),
      amountPaidFen: amount('PAID'),
    };
    return { ...figures, withheld };
  }
}

/** The months from `from` to `to` (YYYY-MM-DD), as YYYY-MM. */
export function monthsOf(from: string, to: string): string[] {
  const months: string[] = [];
  let [year, month] = [Number(from.slice(0, 4)), Number(from.slice(5, 7))];
  const last = to.slice(0, 7);
  for (;;) {
    const key = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
    if (key > last) return months;
    months.push(key);
    [year, month] = month === 12 ? [year + 1, 1] : [year, month + 1];
  }
}

/**
 * Every month of the period has its TOTAL row (zeros when nothing happened); a breakdown row only
 * where something happened. Months, then dimensions, then groups in their fixed order.
 */
export function monthlyReport(cells: MonthlyCell[], from: string, to: string): { rows: ReportRow[]; period: ReportFigures } {
  /** month|dimension → group → what its cells add up to. */
  const groups = new Map<string, Map<string, Accumulator>>();
  const period = new Accumulator();
  for (const cell of cells) {
    const key = `${cell.month}|${cell.dimension}`;
    const ofKey = groups.get(key) ?? new Map<string, Accumulator>();
    groups.set(key, ofKey);
    const acc = ofKey.get(cell.grp) ?? new Accumulator();
    ofKey.set(cell.grp, acc);
    acc.add(cell);
    // A dispute is FILED, ACCEPTED and CLOSED once, so the months' distinct cases add up for the
    // period; only PAID (per obligation) could count a dispute paid in two months twice.
    if (cell.dimension === 'TOTAL') period.add(cell);
  }
  const rows: ReportRow[] = [];
  for (const month of monthsOf(from, to)) {
    for (const dimension of DIMENSIONS) {
      const found = groups.get(`${month}|${dimension}`) ?? new Map<string, Accumulator>();
      const known = GROUP_ORDER[dimension];
      // The known groups in their order, then any other the read model holds (none today).
      const others = [...found.keys()].filter((g) => !known.includes(g)).sort();
      for (const group of [...known, ...others]) {
        const acc = found.get(group);
        if (!acc && dimension !== 'TOTAL') continue;
        rows.push({ month, dimension, group: dimension === 'TOTAL' ? null : group, ...(acc ?? new Accumulator()).figures() });
      }
    }
  }
  return { rows, period: period.figures() };
}
