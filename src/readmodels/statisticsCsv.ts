/**
 * The monthly report as CSV (GET /statistics.csv): the rows of `monthlyReport`, one a line, for a
 * spreadsheet. A UTF-8 byte-order mark first, so that Excel reads the Chinese; each header and
 * each group is Chinese with its English (or API code) in brackets; amounts in yuan with two
 * decimals, rates as fractions to four decimals; an empty cell where a rate or median has nothing
 * to count, `*` where a small cell's figure is withheld (SMALL_CELL_MIN_CASES).
 */
import { stringify } from 'csv-stringify/sync';
import type { Dimension } from '../../projections/statistics.ts';
import type { Category } from '../dispute/model.ts';
import { CATEGORY_LABELS } from '../settlement/text.ts';
import type { ReportFigures, ReportRow } from './monthlyReport.ts';

export const BOM = '\uFEFF';

const DIMENSION_LABELS: Record<Dimension, string> = {
  TOTAL: '合计',
  CATEGORY: '投诉类别',
  PROCEDURE: '调解程序',
  OUTCOME: '办理结果',
};

const PROCEDURE_LABELS: Record<string, string> = {
  MEDICAL_DISPUTE_MEDIATION: '医疗纠纷人民调解',
  CONSUMER_COMPLAINT_MEDIATION: '消费投诉调解',
  NONE: '尚未受理',
};

const OUTCOME_LABELS: Record<string, string> = {
  SUBMITTED: '待受理',
  AWAITING_INFORMATION: '待补充材料',
  IN_PROGRESS: '办理中',
  REJECTED: '不予受理',
  WITHDRAWN: '已撤回',
  MEDIATION_FAILED: '调解不成',
  SETTLED: '调解成功',
  CONFIRMED: '已司法确认',
  AWARDED: '已裁决',
  FULFILLED: '履行完毕',
  REFERRED_FOR_ENFORCEMENT: '转强制执行',
  REFERRED_TO_LITIGATION: '转诉讼',
  ABANDONED: '当事人放弃',
  CLOSED: '已结案',
};

function groupLabel(dimension: Dimension, group: string | null): string {
  if (group === null) return '';
  const labels: Record<string, string> = dimension === 'CATEGORY' ? (CATEGORY_LABELS as Record<Category, string>) : dimension === 'PROCEDURE' ? PROCEDURE_LABELS : OUTCOME_LABELS;
  return labels[group] ? `${labels[group]} (${group})` : group;
}

/** 1280050 fen → '12800.50': integer arithmetic, money is never a float. */
export function yuan(amountFen: number): string {
  const sign = amountFen < 0 ? '-' : '';
  const fen = Math.abs(amountFen);
  return `${sign}${Math.trunc(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;
}

export const WITHHELD = '*';

/** The columns: header, then how a row fills it. */
const COLUMNS: Array<[header: string, cell: (row: ReportRow) => string | number]> = [
  ['月份 (month)', (r) => r.month],
  ['维度 (dimension)', (r) => `${DIMENSION_LABELS[r.dimension]} (${r.dimension})`],
  ['分组 (group)', (r) => groupLabel(r.dimension, r.group)],
  ['投诉 (filed)', (r) => r.filed],
  ['受理 (accepted)', (r) => r.accepted],
  ['不予受理 (rejected)', (r) => r.rejected],
  ['调解成功 (settled)', (r) => r.settled],
  ['调解不成 (mediation failed)', (r) => r.mediationFailed],
  ['司法确认 (confirmed)', (r) => r.confirmed],
  ['仲裁裁决 (awarded)', (r) => r.awarded],
  ['结案 (closed)', (r) => r.closed],
  ['受理率 (acceptance rate)', (r) => fraction(r.acceptanceRate)],
  ['调解成功率 (settlement rate)', (r) => fraction(r.settlementRate)],
  ['投诉至受理工作日中位数 (median working days to acceptance)', (r) => withheld(r, 'medianWorkingDaysToAcceptance', r.accepted, String)],
  ['投诉至结案工作日中位数 (median working days to closure)', (r) => withheld(r, 'medianWorkingDaysToClosure', r.closed, String)],
  // An amount is null only when withheld (no case: 0).
  ['请求金额/元 (amount claimed, CNY)', (r) => withheld(r, 'amountClaimedFen', 1, yuan)],
  ['协议金额/元 (amount agreed, CNY)', (r) => withheld(r, 'amountAgreedFen', 1, yuan)],
  ['履行金额/元 (amount paid, CNY)', (r) => withheld(r, 'amountPaidFen', 1, yuan)],
];

export const CSV_HEADERS = COLUMNS.map(([header]) => header);

function fraction(value: number | null): string {
  return value === null ? '' : String(Number(value.toFixed(4)));
}

/** A null figure is withheld when there were cases behind it, and simply empty when there were none. */
function withheld(row: ReportRow, key: keyof ReportFigures, cases: number, format: (n: number) => string): string {
  const value = row[key] as number | null;
  if (value !== null) return format(value);
  return cases > 0 ? WITHHELD : '';
}

export function statisticsCsv(rows: ReportRow[]): string {
  return BOM + stringify([CSV_HEADERS, ...rows.map((row) => COLUMNS.map(([, cell]) => cell(row)))], { record_delimiter: '\r\n' });
}
