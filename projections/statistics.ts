/**
 * Public facts (DOMAIN.md 4): anonymised, per dispute, for the statistics and the institutions'
 * public records. No names, contact data, descriptions or agreement terms: only dates (Shanghai),
 * categories, amounts and dispositions. Derived from the dispute summary, which the runner applies
 * first in the same transaction, so each touched dispute's rows are simply written again.
 */
import { DISPUTE_STREAM_PREFIX } from '../src/dispute/events.ts';
import type { AuthorityKind, Category, Procedure } from '../src/dispute/model.ts';
import type { DisputeState } from '../src/dispute/state.ts';
import { addDays, daysBetween, isWorkingDay, toLocalDate } from '../src/rules/calendar.ts';
import { loadDisputeState, touchedDisputes } from './disputes.ts';
import type { Projection } from './projection.ts';
import type { ReadModelDb } from './readModel.ts';

/**
 * What happened to a dispute on a day: the counts of the statistics and their amounts (FILED: the
 * amount claimed, SETTLED: agreed, PAID: one fulfilled obligation). MEDIATION_FAILED is the
 * denominator of the settlement rate; CLOSED is the end of the case (closed with an outcome, or withdrawn).
 */
export const FACT_KINDS = ['FILED', 'ACCEPTED', 'REJECTED', 'SETTLED', 'MEDIATION_FAILED', 'CONFIRMED', 'AWARDED', 'CLOSED', 'PAID'] as const;
export type FactKind = (typeof FACT_KINDS)[number];

export interface PublicFacts {
  institutionId?: string;
  /** Only accepted complaints enter an institution's public record. */
  accepted: boolean;
  /** Where the case stands, in public terms (see disposition). */
  disposition: string;
  categories: Category[];
  /** The mediation procedure chosen at acceptance. */
  procedure?: Procedure;
  /** The day of the first outcome (rejected, settled, confirmed or awarded) and the working days from filing to it. */
  outcome?: { day: string; workingDays: number };
  /**
   * FILED carries the amount claimed, SETTLED the amount agreed, PAID the amount of one fulfilled
   * obligation (ref: its id); ACCEPTED and CLOSED the working days since filing.
   */
  events: Array<{ kind: FactKind; ref: string; day: string; amountFen: number; workingDays?: number }>;
  /** Only violations an authority confirmed: an accusation is never published as fact. */
  violations: Array<{ referralId: string; authority: AuthorityKind; categories: Category[]; outcome: string; recordedAt: string }>;
}

const day = (instant: string) => toLocalDate(new Date(instant));

/** Per year, the working days from 1 January up to each day of it (index: day of the year). */
const workingDaysOfYear = new Map<number, Uint16Array>();
function workingDaysFromNewYear(date: string): number {
  const year = Number(date.slice(0, 4));
  let counts = workingDaysOfYear.get(year);
  if (!counts) {
    const first = `${date.slice(0, 4)}-01-01`;
    const length = daysBetween(first, `${date.slice(0, 4)}-12-31`) + 1;
    counts = new Uint16Array(length);
    for (let i = 0, n = 0, d = first; i < length; i++, d = addDays(d, 1)) counts[i] = n += isWorkingDay(d) ? 1 : 0;
    workingDaysOfYear.set(year, counts);
  }
  return counts[daysBetween(`${date.slice(0, 4)}-01-01`, date)]!;
}

/**
 * Working days in (a, b], as workingDaysBetween (src/rules/periods.ts) counts them, from a per-year
 * table: a case closed months after filing costs two look-ups, not a day-by-day walk.
 */
export function workingDaysAfter(a: string, b: string): number {
  if (b <= a) return 0;
  let count = workingDaysFromNewYear(b) - workingDaysFromNewYear(a);
  for (let year = Number(a.slice(0, 4)); year < Number(b.slice(0, 4)); year++) count += workingDaysFromNewYear(`${String(year).padStart(4, '0')}-12-31`);
  return count;
}

/** Cases still running are IN_PROGRESS; closed ones show how they ended. */
export function disposition(state: DisputeState): string {
  switch (state.status) {
    case 'ACCEPTED':
    case 'IN_MEDIATION':
    case 'AGREEMENT_DRAFTED':
    case 'IN_ARBITRATION':
      return 'IN_PROGRESS';
    case 'CONFIRMATION_REQUESTED':
    case 'CONFIRMATION_REFUSED':
      return 'SETTLED';
    case 'CLOSED':
      return state.outcome ?? 'CLOSED';
    default:
      return state.status;
  }
}

export function publicFacts(state: DisputeState): PublicFacts {
  const events: PublicFacts['events'] = [];
  const filedOn = day(state.filedAt);
  const add = (kind: FactKind, at: string | undefined, amountFen = 0, ref = '') => {
    if (at) events.push({ kind, ref, day: day(at), amountFen });
  };
  const addTimed = (kind: FactKind, at: string | undefined) => {
    if (at) events.push({ kind, ref: '', day: day(at), amountFen: 0, workingDays: workingDaysAfter(filedOn, day(at)) });
  };
  const agreement = state.agreement;
  const confirmation = state.confirmation;
  const award = state.arbitration?.award;

  add('FILED', state.filedAt, state.remedies.reduce((sum, r) => sum + (r.amountFen ?? 0), 0));
  addTimed('ACCEPTED', state.acceptedAt);
  add('REJECTED', state.rejection?.at);
  add('SETTLED', agreement?.effectiveAt, (agreement?.obligations ?? []).reduce((sum, o) => sum + (o.amountFen ?? 0), 0));
  add('MEDIATION_FAILED', state.mediationEnd?.at);
  add('CONFIRMED', confirmation?.status === 'CONFIRMED' ? confirmation.decidedAt : undefined);
  add('AWARDED', award?.decidedAt);
  addTimed('CLOSED', state.closedAt);
  for (const o of state.obligations) {
    if (o.status === 'FULFILLED') add('PAID', o.confirmedAt, o.amountFen ?? 0, o.id);
  }

  const outcomeAt = [state.rejection?.at, agreement?.effectiveAt, award?.decidedAt].filter((at) => at !== undefined).sort()[0];
  return {
    ...(state.respondent.institutionId ? { institutionId: state.respondent.institutionId } : {}),
    accepted: state.acceptedAt !== undefined,
    disposition: disposition(state),
    categories: state.categories,
    ...(state.mediationProcedure ? { procedure: state.mediationProcedure } : {}),
    ...(outcomeAt ? { outcome: { day: day(outcomeAt), workingDays: workingDaysAfter(filedOn, day(outcomeAt)) } } : {}),
    events,
    violations: state.referrals
      .filter((r) => r.outcome?.violationConfirmed)
      .map((r) => ({ referralId: r.id, authority: r.authority, categories: r.categories, outcome: r.outcome!.text, recordedAt: r.outcome!.recordedAt })),
  };
}

export const statisticsProjection: Projection = {
  name: 'statistics',
  // 2: the procedure, claimed amounts, working days to acceptance and closure, MEDIATION_FAILED and CLOSED.
  version: 2,
  streamPrefixes: [DISPUTE_STREAM_PREFIX],
  tables: ['public_cases', 'public_case_categories', 'public_case_events', 'public_violations'],
  schema: `
    CREATE TABLE IF NOT EXISTS public_cases (
      dispute_id     TEXT PRIMARY KEY,
      institution_id TEXT,
      accepted       INTEGER NOT NULL,
      disposition    TEXT NOT NULL,
      procedure      TEXT,
      outcome_on     TEXT,
      working_days   INTEGER
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX IF NOT EXISTS public_cases_institution ON public_cases (institution_id);
    CREATE INDEX IF NOT EXISTS public_cases_outcome ON public_cases (outcome_on);
    CREATE TABLE IF NOT EXISTS public_case_categories (
      dispute_id TEXT NOT NULL,
      category   TEXT NOT NULL,
      PRIMARY KEY (dispute_id, category)
    ) STRICT, WITHOUT ROWID;
    CREATE TABLE IF NOT EXISTS public_case_events (
      dispute_id TEXT NOT NULL,
      kind       TEXT NOT NULL,
      ref        TEXT NOT NULL,
      day        TEXT NOT NULL,
      amount_fen INTEGER NOT NULL,
      working_days INTEGER,
      PRIMARY KEY (dispute_id, kind, ref)
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX IF NOT EXISTS public_case_events_day ON public_case_events (day);
    CREATE TABLE IF NOT EXISTS public_violations (
      dispute_id     TEXT NOT NULL,
      referral_id    TEXT NOT NULL,
      institution_id TEXT NOT NULL,
      authority      TEXT NOT NULL,
      categories     TEXT NOT NULL,
      outcome        TEXT NOT NULL,
      recorded_at    TEXT NOT NULL,
      PRIMARY KEY (dispute_id, referral_id)
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX IF NOT EXISTS public_violations_institution ON public_violations (institution_id);`,

  attach(db, mode = {}) {
    const clears = ['public_cases', 'public_case_categories', 'public_case_events', 'public_violations'].map((table) =>
      db.prepare(`DELETE FROM ${table} WHERE dispute_id = ?`),
    );
    const insertCase = db.prepare(
      'INSERT INTO public_cases (dispute_id, institution_id, accepted, disposition, procedure, outcome_on, working_days) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    const insertCategory = db.prepare('INSERT OR IGNORE INTO public_case_categories (dispute_id, category) VALUES (?, ?)');
    const insertEvent = db.prepare('INSERT OR REPLACE INTO public_case_events (dispute_id, kind, ref, day, amount_fen, working_days) VALUES (?, ?, ?, ?, ?, ?)');
    const insertViolation = db.prepare(
      'INSERT INTO public_violations (dispute_id, referral_id, institution_id, authority, categories, outcome, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    const load = loadDisputeState(db, mode);
    const written = mode.rebuilding ? new Set<string>() : undefined;
    return (events) => {
      for (const id of touchedDisputes(events)) {
        if (!written || written.has(id)) for (const clear of clears) clear.run(id);
        written?.add(id);
        const state = load(id);
        if (!state?.exists) continue;
        const facts = publicFacts(state);
        const institution = facts.institutionId ?? null;
        insertCase.run(id, institution, facts.accepted ? 1 : 0, facts.disposition, facts.procedure ?? null, facts.outcome?.day ?? null, facts.outcome?.workingDays ?? null);
        for (const category of facts.categories) insertCategory.run(id, category);
        for (const e of facts.events) insertEvent.run(id, e.kind, e.ref, e.day, e.amountFen, e.workingDays ?? null);
        if (!institution) continue;
        for (const v of facts.violations) {
          insertViolation.run(id, v.referralId, institution, v.authority, JSON.stringify(v.categories), v.outcome, v.recordedAt);
        }
      }
    };
  },
};

export interface StatisticsRows {
  totals: Array<{ kind: FactKind; count: number; amountFen: number }>;
  byMonth: Array<{ month: string; category: Category; kind: FactKind; count: number }>;
  /** Working days to outcome of the cases whose outcome fell in the period, ascending. */
  workingDays: number[];
}

/** The statistics' dimensions: each month in total, and broken down by each of these. */
export const DIMENSIONS = ['TOTAL', 'CATEGORY', 'PROCEDURE', 'OUTCOME'] as const;
export type Dimension = (typeof DIMENSIONS)[number];
/** The procedure group of a dispute not (yet) accepted. */
export const NO_PROCEDURE = 'NONE';

/**
 * One cell of the monthly report, split by working days (a histogram, so that medians need no row
 * per dispute): `count` facts of `kind` in the month and group, about `cases` distinct disputes.
 */
export interface MonthlyCell {
  month: string;
  dimension: Dimension;
  /** '' for TOTAL; a category, a procedure (or NONE) or a public outcome (disposition). */
  grp: string;
  kind: FactKind;
  workingDays: number | null;
  count: number;
  cases: number;
  amountFen: number;
}

export interface InstitutionRow {
  seq: number;
  id: string;
  name: string;
  code: string;
  licence: string | null;
}

export interface InstitutionRecordRows {
  complaints: number;
  complaintsByCategory: Array<{ category: Category; count: number }>;
  outcomes: Array<{ outcome: string; count: number }>;
  confirmedViolations: Array<{ authority: AuthorityKind; categories: Category[]; outcome: string; recordedAt: string }>;
}

/** '%' and '_' in a search are meant literally. */
const likePattern = (search: string) => `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Reads of the public facts and the institutions table; spread into readQueries. */
export function publicQueries(db: ReadModelDb) {
  const totals = db.prepare(
    'SELECT kind, count(*) AS count, sum(amount_fen) AS amountFen FROM public_case_events WHERE day BETWEEN ? AND ? GROUP BY kind',
  );
  const byMonth = db.prepare(`
    SELECT substr(e.day, 1, 7) AS month, c.category AS category, e.kind AS kind, count(*) AS count
    FROM public_case_events e JOIN public_case_categories c ON c.dispute_id = e.dispute_id
    WHERE e.day BETWEEN ? AND ? AND e.kind IN ('FILED', 'ACCEPTED', 'REJECTED', 'SETTLED', 'CONFIRMED', 'AWARDED')
    GROUP BY month, c.category, e.kind ORDER BY month, c.category`);
  // A dispute's events of one kind share their working days (one ACCEPTED, one CLOSED; PAID has
  // none), so the distinct cases of a cell add up over its working-day bins.
  const cellColumns = `kind, working_days AS workingDays, count(*) AS count, count(DISTINCT dispute_id) AS cases, sum(amount_fen) AS amountFen`;
  const monthlyCells = db.prepare(`
    WITH ev AS MATERIALIZED (
      SELECT substr(e.day, 1, 7) AS month, e.dispute_id, e.kind, e.amount_fen, e.working_days, p.procedure, p.disposition
      FROM public_case_events e JOIN public_cases p ON p.dispute_id = e.dispute_id
      WHERE e.day BETWEEN ?1 AND ?2)
    SELECT month, 'TOTAL' AS dimension, '' AS grp, ${cellColumns} FROM ev GROUP BY month, kind, working_days
    UNION ALL
    SELECT month, 'CATEGORY', c.category, ${cellColumns.replace(/dispute_id/, 'ev.dispute_id')}
      FROM ev JOIN public_case_categories c ON c.dispute_id = ev.dispute_id GROUP BY month, c.category, kind, working_days
    UNION ALL
    SELECT month, 'PROCEDURE', coalesce(procedure, '${NO_PROCEDURE}'), ${cellColumns} FROM ev GROUP BY month, 3, kind, working_days
    UNION ALL
    SELECT month, 'OUTCOME', disposition, ${cellColumns} FROM ev GROUP BY month, disposition, kind, working_days`);
  const workingDays = db.prepare('SELECT working_days AS n FROM public_cases WHERE outcome_on BETWEEN ? AND ? ORDER BY working_days');
  const institution = db.prepare('SELECT seq, id, name, code, licence FROM institutions WHERE id = ?');
  const complaints = db.prepare('SELECT count(*) AS n FROM public_cases WHERE institution_id = ? AND accepted = 1');
  const byCategory = db.prepare(`
    SELECT c.category AS category, count(*) AS count FROM public_cases p JOIN public_case_categories c ON c.dispute_id = p.dispute_id
    WHERE p.institution_id = ? AND p.accepted = 1 GROUP BY c.category ORDER BY count DESC, c.category`);
  const outcomes = db.prepare(`
    SELECT disposition AS outcome, count(*) AS count FROM public_cases WHERE institution_id = ? AND accepted = 1
    GROUP BY disposition ORDER BY count DESC, disposition`);
  const violations = db.prepare('SELECT authority, categories, outcome, recorded_at FROM public_violations WHERE institution_id = ? ORDER BY recorded_at');

  return {
    /** Counts and amounts of what happened between two Shanghai dates, both included. */
    statistics(from: string, to: string): StatisticsRows {
      return {
        totals: totals.all(from, to) as unknown as StatisticsRows['totals'],
        byMonth: byMonth.all(from, to) as unknown as StatisticsRows['byMonth'],
        workingDays: (workingDays.all(from, to) as Array<{ n: number }>).map((r) => r.n),
      };
    },

    /** The cells of the monthly report between two Shanghai dates, both included, in no particular order. */
    monthlyCells: (from: string, to: string) => monthlyCells.all(from, to) as unknown as MonthlyCell[],

    institution: (id: string) => institution.get(id) as InstitutionRow | undefined,

    /** Registered institutions whose name or credit code contains `search` (LIKE: ASCII case ignored), in order of registration. */
    institutions(search: string | undefined, first: number, afterSeq?: number): { items: InstitutionRow[]; hasNextPage: boolean; totalCount: number } {
      const where: string[] = [];
      const params: Array<string | number> = [];
      if (search) {
        where.push("(name LIKE ? ESCAPE '\\' OR code LIKE ? ESCAPE '\\')");
        params.push(likePattern(search), likePattern(search));
      }
      const condition = where.length ? `WHERE ${where.join(' AND ')}` : '';
      const totalCount = (db.prepare(`SELECT count(*) AS n FROM institutions ${condition}`).get(...params) as { n: number }).n;
      const page = db
        .prepare(`SELECT seq, id, name, code, licence FROM institutions ${condition} ${afterSeq !== undefined ? `${condition ? 'AND' : 'WHERE'} seq > ?` : ''} ORDER BY seq LIMIT ?`)
        .all(...params, ...(afterSeq !== undefined ? [afterSeq] : []), first + 1) as unknown as InstitutionRow[];
      return { items: page.slice(0, first), hasNextPage: page.length > first, totalCount };
    },

    institutionRecord(institutionId: string): InstitutionRecordRows {
      return {
        complaints: (complaints.get(institutionId) as { n: number }).n,
        complaintsByCategory: byCategory.all(institutionId) as unknown as InstitutionRecordRows['complaintsByCategory'],
        outcomes: outcomes.all(institutionId) as unknown as InstitutionRecordRows['outcomes'],
        confirmedViolations: (violations.all(institutionId) as Array<Record<string, string>>).map((r) => ({
          authority: r.authority as AuthorityKind,
          categories: JSON.parse(r.categories!) as Category[],
          outcome: r.outcome!,
          recordedAt: r.recorded_at!,
        })),
      };
    },
  };
}
