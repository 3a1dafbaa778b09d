/**
 * The monthly report and its CSV against a fold of the events written here, on its own: random
 * dispute histories (random categories, claims, filing times and commands by random people, through
 * the real command handler on a real SQLite event store) are projected in batches of any size, and
 * every figure of every row equals what the raw events say.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { disputesProjection } from '../../../projections/disputes.ts';
import { inTransaction, openReadModel } from '../../../projections/readModel.ts';
import { institutionsProjection } from '../../../projections/institutions.ts';
import { publicQueries, statisticsProjection } from '../../../projections/statistics.ts';
import { disputeStream } from '../../../src/dispute/events.ts';
import { handleDisputeCommand, type CommandDeps } from '../../../src/dispute/handler.ts';
import { CATEGORIES, REMEDY_KINDS } from '../../../src/dispute/model.ts';
import { foldDispute } from '../../../src/dispute/dispute.ts';
import type { EventStore, RecordedEvent } from '../../../src/eventstore/port.ts';
import { openSqliteEventStore } from '../../../src/eventstore/sqlite.ts';
import { monthlyReport, SMALL_CELL_MIN_CASES, type ReportRow } from '../../../src/readmodels/monthlyReport.ts';
import { CSV_HEADERS, statisticsCsv } from '../../../src/readmodels/statisticsCsv.ts';
import { isWorkingDay } from '../../../src/rules/calendar.ts';
import { RULES } from '../../../src/rules/parameters.ts';
import { manualClock } from '../../../src/shared/clock.ts';
import { DomainError } from '../../../src/shared/errors.ts';
import { people } from '../../support/decider.ts';
import { concretize, filedAtArb, filing, stepArb, type RunMemory, type Step } from '../dispute/model.helpers.ts';

/** STATISTICS_RUNS=500 for a longer hunt. */
const RUNS = Number(process.env.STATISTICS_RUNS ?? 20);

// ---------------------------------------------------------------------------------------------
// The fold, from the raw events alone.

type Kind = 'FILED' | 'ACCEPTED' | 'REJECTED' | 'SETTLED' | 'MEDIATION_FAILED' | 'CONFIRMED' | 'AWARDED' | 'CLOSED' | 'PAID';
interface Fact {
  kind: Kind;
  day: string;
  amountFen: number;
  workingDays?: number;
}
interface Case {
  id: string;
  categories: string[];
  procedure: string;
  outcome: string;
  facts: Fact[];
}

/** The Shanghai date (UTC+8, no daylight saving) of an instant. */
const shanghaiDay = (instant: string) => new Date(Date.parse(instant) + 8 * 3_600_000).toISOString().slice(0, 10);
const nextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
function workingDaysAfter(from: string, to: string): number {
  let n = 0;
  for (let d = nextDay(from); d <= to; d = nextDay(d)) if (isWorkingDay(d)) n++;
  return n;
}
const sum = (amounts: Array<{ amountFen?: number }>) => amounts.reduce((n, a) => n + (a.amountFen ?? 0), 0);

type Obligations = Array<{ id: string; amountFen?: number }>;

function foldCase(events: RecordedEvent[]): Case {
  const at = (e: RecordedEvent) => (e.metadata as { occurredAt: string }).occurredAt;
  const data = (e: RecordedEvent) => e.data as Record<string, unknown>;
  const filed = events.find((e) => e.type === 'DisputeFiled')!;
  const filedOn = shanghaiDay(at(filed));
  const once: Partial<Record<Kind, Fact>> = {};
  const timed = (kind: Kind, e: RecordedEvent): Fact => ({ kind, day: shanghaiDay(at(e)), amountFen: 0, workingDays: workingDaysAfter(filedOn, shanghaiDay(at(e))) });
  once.FILED = { kind: 'FILED', day: filedOn, amountFen: sum(data(filed).remedies as Obligations) };

  let procedure = 'NONE';
  let outcome = 'SUBMITTED';
  // The latest agreement counts, once it took effect; a new draft after re-mediation replaces it.
  let draft: { obligations: Obligations } | undefined;
  let inForce: Obligations = [];
  const status = new Map<string, { status: string; day: string }>();

  for (const e of events) {
    const d = data(e);
    const day = shanghaiDay(at(e));
    switch (e.type) {
      case 'InformationRequested':
        outcome = 'AWAITING_INFORMATION';
        break;
      case 'InformationSupplemented':
        outcome = 'SUBMITTED';
        break;
      case 'DisputeAccepted':
        once.ACCEPTED = timed('ACCEPTED', e);
        procedure = d.procedure as string;
        outcome = 'IN_PROGRESS';
        break;
      case 'DisputeRejected':
        once.REJECTED = { kind: 'REJECTED', day, amountFen: 0 };
        outcome = 'REJECTED';
        break;
      case 'DisputeWithdrawn':
        once.CLOSED = timed('CLOSED', e);
        outcome = 'WITHDRAWN';
        break;
      case 'MediationInvitationAnswered':
        if (d.consent) outcome = 'IN_PROGRESS';
        else {
          once.MEDIATION_FAILED = { kind: 'MEDIATION_FAILED', day, amountFen: 0 };
          outcome = 'MEDIATION_FAILED';
        }
        break;
      case 'RespondentAnswerLapsed':
      case 'MediationEnded':
      case 'MediationDeemedFailed':
        once.MEDIATION_FAILED = { kind: 'MEDIATION_FAILED', day, amountFen: 0 };
        outcome = 'MEDIATION_FAILED';
        break;
      case 'MediationResumed':
        delete once.MEDIATION_FAILED;
        outcome = 'IN_PROGRESS';
        break;
      case 'AgreementDrafted':
        draft = { obligations: d.obligations as Obligations };
        delete once.SETTLED;
        outcome = 'IN_PROGRESS';
        break;
      case 'AgreementDeclined':
        outcome = 'IN_PROGRESS';
        break;
      case 'SettlementReached':
        once.SETTLED = { kind: 'SETTLED', day, amountFen: sum(draft?.obligations ?? []) };
        delete once.CONFIRMED;
        inForce = draft?.obligations ?? [];
        outcome = 'SETTLED';
        break;
      case 'ConfirmationRuled':
        if (d.confirmed) {
          once.CONFIRMED = { kind: 'CONFIRMED', day, amountFen: 0 };
          outcome = 'CONFIRMED';
        } else {
          inForce = [];
          outcome = 'SETTLED';
        }
        break;
      case 'ArbitrationCommenced':
        outcome = 'IN_PROGRESS';
        break;
      case 'AwardRendered':
        once.AWARDED = { kind: 'AWARDED', day, amountFen: 0 };
        inForce = d.obligations as Obligations;
        outcome = 'AWARDED';
        break;
      case 'PerformanceRecorded':
        status.set(d.obligationId as string, { status: 'PERFORMED', day });
        break;
      case 'PerformanceConfirmed':
        status.set(d.obligationId as string, { status: 'FULFILLED', day });
        break;
      case 'ObligationOverdue':
        status.set(d.obligationId as string, { status: 'OVERDUE', day });
        break;
      case 'DisputeClosed':
        once.CLOSED = timed('CLOSED', e);
        outcome = d.outcome as string;
        break;
    }
  }
  const paid = inForce.flatMap((o) => {
    const s = status.get(o.id);
    return s?.status === 'FULFILLED' ? [{ kind: 'PAID' as const, day: s.day, amountFen: o.amountFen ?? 0 }] : [];
  });
  return { id: filed.streamName, categories: data(filed).categories as string[], procedure, outcome, facts: [...Object.values(once), ...paid] };
}

const median = (values: number[]) => {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/** Each month and group of the period: the figures of its facts, with small cells withheld. */
function expectedRows(cases: Case[], from: string, to: string): Map<string, Omit<ReportRow, 'month' | 'dimension' | 'group'>> {
  const cells = new Map<string, Array<{ fact: Fact; caseId: string }>>();
  const add = (key: string, fact: Fact, caseId: string) => cells.set(key, [...(cells.get(key) ?? []), { fact, caseId }]);
  for (const c of cases) {
    for (const fact of c.facts) {
      if (fact.day < from || fact.day > to) continue;
      const month = fact.day.slice(0, 7);
      add(`${month}|TOTAL|`, fact, c.id);
      for (const category of c.categories) add(`${month}|CATEGORY|${category}`, fact, c.id);
      add(`${month}|PROCEDURE|${c.procedure}`, fact, c.id);
      add(`${month}|OUTCOME|${c.outcome}`, fact, c.id);
    }
  }
  // Every month of the period has its total.
  for (let y = Number(from.slice(0, 4)), m = Number(from.slice(5, 7)); `${y}-${String(m).padStart(2, '0')}` <= to.slice(0, 7); m === 12 ? (y++, (m = 1)) : m++) {
    const month = `${y}-${String(m).padStart(2, '0')}`;
    if (!cells.has(`${month}|TOTAL|`)) cells.set(`${month}|TOTAL|`, []);
  }
  const rows = new Map<string, Omit<ReportRow, 'month' | 'dimension' | 'group'>>();
  for (const [key, entries] of cells) {
    const of = (kind: Kind) => entries.filter((e) => e.fact.kind === kind);
    const count = (kind: Kind) => of(kind).length;
    let withheld = false;
    const isSmall = (kind: Kind) => {
      const cases = new Set(of(kind).map((e) => e.caseId)).size;
      const small = cases > 0 && cases < SMALL_CELL_MIN_CASES;
      withheld ||= small;
      return small;
    };
    const amount = (kind: Kind) => (isSmall(kind) ? null : of(kind).reduce((n, e) => n + e.fact.amountFen, 0));
    const days = (kind: Kind) => (isSmall(kind) ? null : median(of(kind).map((e) => e.fact.workingDays!)));
    const ratio = (a: number, b: number) => (a + b === 0 ? null : a / (a + b));
    const figures = {
      filed: count('FILED'),
      accepted: count('ACCEPTED'),
      rejected: count('REJECTED'),
      settled: count('SETTLED'),
      mediationFailed: count('MEDIATION_FAILED'),
      confirmed: count('CONFIRMED'),
      awarded: count('AWARDED'),
      closed: count('CLOSED'),
      acceptanceRate: ratio(count('ACCEPTED'), count('REJECTED')),
      settlementRate: ratio(count('SETTLED'), count('MEDIATION_FAILED')),
      medianWorkingDaysToAcceptance: days('ACCEPTED'),
      medianWorkingDaysToClosure: days('CLOSED'),
      amountClaimedFen: amount('FILED'),
      amountAgreedFen: amount('SETTLED'),
      amountPaidFen: amount('PAID'),
    };
    rows.set(key, { ...figures, withheld });
  }
  return rows;
}

/** A row as the CSV writes it, formatted here on its own. */
function csvLine(key: string, r: Omit<ReportRow, 'month' | 'dimension' | 'group'>): string[] {
  const [month, dimension, group] = key.split('|') as [string, string, string];
  const orEmpty = (v: number | null, cases: number) => (v === null ? (cases > 0 ? '*' : '') : String(v));
  const cny = (fen: number | null) => (fen === null ? '*' : (fen / 100).toFixed(2));
  const rate = (v: number | null) => (v === null ? '' : String(Math.round(v * 10_000) / 10_000));
  return [
    month,
    dimension,
    group,
    ...[r.filed, r.accepted, r.rejected, r.settled, r.mediationFailed, r.confirmed, r.awarded, r.closed].map(String),
    rate(r.acceptanceRate),
    rate(r.settlementRate),
    orEmpty(r.medianWorkingDaysToAcceptance, r.accepted),
    orEmpty(r.medianWorkingDaysToClosure, r.closed),
    cny(r.amountClaimedFen),
    cny(r.amountAgreedFen),
    cny(r.amountPaidFen),
  ];
}

/** '医疗损害 (MEDICAL_INJURY)' → 'MEDICAL_INJURY'; the code in brackets is what the test compares. */
const code = (cell: string) => /\(([A-Z_]+)\)$/.exec(cell)?.[1] ?? cell;

// ---------------------------------------------------------------------------------------------

interface DisputeSpec {
  filedAt: Date;
  categories: string[];
  remedies: Array<{ kind: string; amountFen?: number }>;
  steps: Step[];
}

const disputeSpecArb: fc.Arbitrary<DisputeSpec> = fc.record({
  filedAt: filedAtArb,
  categories: fc.subarray([...CATEGORIES], { minLength: 1, maxLength: 3 }),
  remedies: fc.array(fc.record({ kind: fc.constantFrom(...REMEDY_KINDS), amountFen: fc.option(fc.integer({ min: 1, max: 5_000_000 }), { nil: undefined }) }), { minLength: 1, maxLength: 3 }),
  steps: fc.array(stepArb, { maxLength: 40, size: 'max' }),
});

const dayArb = fc.integer({ min: Date.parse('2025-01-01T00:00:00Z'), max: Date.parse('2027-03-31T00:00:00Z') }).map((t) => new Date(t).toISOString().slice(0, 10));

describe('the monthly report against a fold of the events', () => {
  let dir: string;
  let store: EventStore;
  let runs = 0;
  /** What the runs reached (facts and outcomes), for whoever tunes the generators. */
  const reached = new Map<string, number>();

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'statistics-model-'));
    store = openSqliteEventStore({ path: join(dir, 'events.sqlite') });
  });
  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** One dispute's history through the command handler: refused commands append nothing and are skipped. */
  async function history(spec: DisputeSpec): Promise<RecordedEvent[]> {
    const disputeId = `stat-${++runs}`;
    const clock = manualClock(spec.filedAt);
    const deps: CommandDeps = { store, clock, rules: RULES };
    const file = filing(disputeId, spec.filedAt);
    const data = { ...(file.data as object), categories: spec.categories, remedies: spec.remedies };
    const ctx = (key: string) => ({ viewer: people.consumer, correlationId: key, idempotencyKey: key });
    await handleDisputeCommand(deps, disputeId, { ...file, data } as typeof file, ctx(`${disputeId}/file`));
    const memory: RunMemory = { agreementHashes: [] };
    let state = foldDispute((await store.readStream(disputeStream(disputeId))) as never, disputeId);
    for (const [i, step] of spec.steps.entries()) {
      clock.advance(step.advanceMs);
      const concrete = concretize(step, state, clock.now(), memory);
      try {
        const result = await handleDisputeCommand(deps, disputeId, concrete.command, { ...ctx(`${disputeId}/${i}`), viewer: concrete.viewer });
        state = result.state;
        for (const e of result.appended) if (e.type === 'AgreementDrafted') memory.agreementHashes.push((e.data as { hash: string }).hash);
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
      }
    }
    return store.readStream(disputeStream(disputeId));
  }

  it(`${RUNS} random sets of disputes: every row of the report and of the CSV is the fold's`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(disputeSpecArb, { minLength: 1, maxLength: 8 }), fc.integer({ min: 1, max: 40 }), dayArb, dayArb, async (specs, batchSize, a, b) => {
        const histories = [];
        for (const spec of specs) histories.push(await history(spec));
        const events = histories.flat().sort((x, y) => (x.position < y.position ? -1 : 1));

        const db = openReadModel(':memory:');
        try {
          const projections = [disputesProjection, institutionsProjection, statisticsProjection];
          for (const p of projections) db.exec(p.schema);
          const appliers = projections.map((p) => p.attach(db));
          for (let i = 0; i < events.length; i += batchSize) {
            const batch = events.slice(i, i + batchSize);
            inTransaction(db, () => appliers.forEach((apply) => apply(batch)));
          }
          const queries = publicQueries(db);
          const cases = histories.map(foldCase);
          for (const c of cases) for (const f of c.facts) reached.set(f.kind, (reached.get(f.kind) ?? 0) + 1);
          for (const c of cases) reached.set(c.outcome, (reached.get(c.outcome) ?? 0) + 1);

          for (const [from, to] of [['2025-01-01', '2027-12-31'], a <= b ? [a, b] : [b, a]] as const) {
            const expected = expectedRows(cases, from, to);
            const { rows } = monthlyReport(queries.monthlyCells(from, to), from, to);
            const actual = new Map(rows.map(({ month, dimension, group, ...figures }) => [`${month}|${dimension}|${group ?? ''}`, figures]));
            expect(new Set(actual.keys()), `rows ${from}…${to}`).toEqual(new Set(expected.keys()));
            for (const [key, figures] of expected) expect(actual.get(key), key).toEqual(figures);

            const [header, ...lines] = parse(statisticsCsv(rows), { bom: true }) as string[][];
            expect(header).toEqual(CSV_HEADERS);
            const byKey = new Map(lines.map((l) => [`${l[0]}|${code(l[1]!)}|${l[2] ? code(l[2]) : ''}`, [l[0]!, code(l[1]!), l[2] ? code(l[2]) : '', ...l.slice(3)]]));
            expect(byKey.size).toBe(expected.size);
            for (const [key, figures] of expected) expect(byKey.get(key), `CSV ${key}`).toEqual(csvLine(key, figures));
          }
        } finally {
          db.close();
        }
      }),
      { numRuns: RUNS },
    );
    if (process.env.STATISTICS_RUNS) console.info(`${RUNS} runs reached`, Object.fromEntries(reached));
  }, 120_000);
});
