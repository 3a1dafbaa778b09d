import { DatabaseSync } from 'node:sqlite';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { beginRebuild, disputesProjection } from '../../../projections/disputes.ts';
import type { AttachMode } from '../../../projections/projection.ts';
import { institutionsProjection } from '../../../projections/institutions.ts';
import { disposition, publicFacts, publicQueries, statisticsProjection, workingDaysAfter } from '../../../projections/statistics.ts';
import { workingDaysBetween } from '../../../src/rules/periods.ts';
import { disputeStream, type StoredDisputeEvent } from '../../../src/dispute/events.ts';
import type { RecordedEvent } from '../../../src/eventstore/port.ts';
import { accepted, by, filed, people, stateOf } from '../../support/decider.ts';
import { awarded, confirmed, mediationFailed, refund, settled } from '../performance/scenarios.ts';

const fulfilled = (history: StoredDisputeEvent[], at = '2026-05-06T10:00:00+08:00') => [
  ...history,
  by(people.respondent, at, { type: 'PerformanceRecorded', data: { obligationId: refund.id } }),
  by(people.consumer, at, { type: 'PerformanceConfirmed', data: { obligationId: refund.id } }),
];
const referredAndConfirmed = (violationConfirmed: boolean) => [
  filed(),
  by(people.officer, '2026-03-03T09:00:00+08:00', { type: 'ReferredToAuthority', data: { referralId: 'r-1', authority: 'HEALTH', categories: ['UNLICENSED_INSTITUTION'], note: '无证行医' } }),
  by(people.regulator, '2026-04-15T09:00:00+08:00', { type: 'AuthorityOutcomeRecorded', data: { referralId: 'r-1', outcome: '罚款五万元', violationConfirmed } }),
];
const rejected = (id = 'd-1', at = '2026-03-03T10:00:00+08:00') => [
  filed('2026-03-02T10:00:00+08:00', { disputeId: id }),
  by(people.officer, at, { type: 'DisputeRejected', data: { reason: 'OUT_OF_SCOPE', note: '非医疗美容' } }),
];

describe('working days from filing', () => {
  it('counts as the rules do, across years and holidays', () => {
    const day = fc.integer({ min: Date.parse('1990-01-01T00:00:00Z'), max: Date.parse('2060-12-31T00:00:00Z') }).map((t) => new Date(t).toISOString().slice(0, 10));
    const near = fc.tuple(day, fc.integer({ min: -40, max: 800 })).map(([a, n]) => [a, new Date(Date.parse(`${a}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10)] as const);
    fc.assert(fc.property(fc.oneof(near, fc.tuple(day, day)), ([a, b]) => {
      expect(workingDaysAfter(a, b), `${a}…${b}`).toBe(workingDaysBetween(a, b));
    }), { numRuns: 300 });
    // Filed on the Friday before the 2026 Spring Festival, accepted on the working Saturday after it.
    expect(workingDaysAfter('2026-02-13', '2026-02-28')).toBe(6);
    // Across New Year: 12-31, then 01-01 to 01-03 off, Sunday 01-04 worked, 01-05.
    expect(workingDaysAfter('2025-12-30', '2026-01-05')).toBe(3);
  });
});

describe('public facts of a dispute', () => {
  it('a confirmed agreement: filed, accepted, settled with the amount agreed, confirmed, and what was paid', () => {
    const facts = publicFacts(stateOf(fulfilled(confirmed())));
    expect(facts.events).toEqual([
      // The amount claimed: the refund asked for at filing.
      { kind: 'FILED', ref: '', day: '2026-03-02', amountFen: 1_280_000 },
      { kind: 'ACCEPTED', ref: '', day: '2026-03-03', amountFen: 0, workingDays: 1 },
      { kind: 'SETTLED', ref: '', day: '2026-04-09', amountFen: 1_280_000 },
      { kind: 'CONFIRMED', ref: '', day: '2026-04-20', amountFen: 0 },
      { kind: 'PAID', ref: refund.id, day: '2026-05-06', amountFen: 1_280_000 },
    ]);
    // Working days after 03-02 up to 04-09: 21 in March, 6 in April (Qingming, 04-04 to 04-06, off).
    expect(facts.outcome).toEqual({ day: '2026-04-09', workingDays: 27 });
    expect(facts).toMatchObject({ institutionId: 'inst-1', accepted: true, disposition: 'CONFIRMED', categories: ['MEDICAL_INJURY'] });
  });

  it('carries nothing personal', () => {
    const text = JSON.stringify(publicFacts(stateOf(fulfilled(confirmed()))));
    for (const personal of ['张三', '13912341111', '11010519491231002X', '深圳市福田区', '血管栓塞', '调解协议书', people.consumer.userId]) {
      expect(text).not.toContain(personal);
    }
  });

  it('a rejected complaint has an outcome but is not an accepted complaint', () => {
    const facts = publicFacts(stateOf(rejected()));
    expect(facts).toMatchObject({ accepted: false, disposition: 'REJECTED', outcome: { day: '2026-03-03', workingDays: 1 } });
  });

  it('an award is an outcome on the day it is rendered', () => {
    const facts = publicFacts(stateOf(awarded()));
    // The respondent declined mediation on 03-05 (the settlement rate's denominator), then arbitration.
    expect(facts.events.map((e) => e.kind)).toEqual(['FILED', 'ACCEPTED', 'MEDIATION_FAILED', 'AWARDED']);
    expect(facts.outcome?.day).toBe('2026-05-20');
    expect(facts.events.find((e) => e.kind === 'SETTLED')).toBeUndefined();
  });

  it('publishes a violation only when the authority confirmed it', () => {
    expect(publicFacts(stateOf(referredAndConfirmed(true))).violations).toEqual([
      { referralId: 'r-1', authority: 'HEALTH', categories: ['UNLICENSED_INSTITUTION'], outcome: '罚款五万元', recordedAt: '2026-04-15T01:00:00.000Z' },
    ]);
    expect(publicFacts(stateOf(referredAndConfirmed(false))).violations).toEqual([]);
  });

  it('dispositions in public terms', () => {
    expect(disposition(stateOf([filed(), accepted()]))).toBe('IN_PROGRESS');
    expect(disposition(stateOf(settled()))).toBe('SETTLED');
    expect(disposition(stateOf(mediationFailed()))).toBe('MEDIATION_FAILED');
    const closed = [...fulfilled(awarded()), by(people.consumer, '2026-05-06T10:00:00+08:00', { type: 'DisputeClosed', data: { outcome: 'FULFILLED' } })];
    expect(disposition(stateOf(closed))).toBe('FULFILLED');
  });
});

/**
 * The projections over an in-memory read model, fed as the runner feeds them; or as a rebuild does
 * (fresh tables, rebuilding mode), then an event per batch, so each dispute is written again and again.
 */
function readModel(mode: AttachMode) {
  const db = new DatabaseSync(':memory:');
  const projections = [disputesProjection, institutionsProjection, statisticsProjection];
  for (const p of projections) db.exec(p.schema);
  if (mode.rebuilding) beginRebuild(db);
  const handlers = projections.map((p) => ({ p, apply: p.attach(db, mode) }));
  let position = 0n;
  const revisions = new Map<string, number>();
  const feed = (streamName: string, events: Array<{ type: string; data: unknown; metadata: object }>) => {
    const recorded: RecordedEvent[] = events.map((e) => {
      const revision = (revisions.get(streamName) ?? -1) + 1;
      revisions.set(streamName, revision);
      return { id: `e-${position}`, type: e.type, data: e.data, metadata: e.metadata as Record<string, unknown>, streamName, revision, position: ++position };
    });
    const batches = mode.rebuilding ? recorded.map((e) => [e]) : [recorded];
    for (const batch of batches) {
      for (const { p, apply } of handlers) {
        const relevant = batch.filter((e) => p.streamPrefixes.some((prefix) => streamName.startsWith(prefix)));
        if (relevant.length) apply(relevant);
      }
    }
  };
  return {
    queries: publicQueries(db),
    dispute: (id: string, events: StoredDisputeEvent[]) => feed(disputeStream(id), events),
    institution: (id: string, name: string, code: string) =>
      feed(`institution-${id}`, [{ type: 'InstitutionRegistered', data: { institutionId: id, name, code }, metadata: {} }]),
  };
}

const withId = (id: string, events: StoredDisputeEvent[]) =>
  events.map((e) => (e.type === 'DisputeFiled' ? { ...e, data: { ...e.data, disputeId: id } } : e)) as StoredDisputeEvent[];

describe.each([{ rebuilding: false }, { rebuilding: true }])('the statistics projection and its queries (%o)', (mode) => {
  it('counts by the day things happened, by month and category, with the median and the amounts', () => {
    const model = readModel(mode);
    model.dispute('d-1', withId('d-1', fulfilled(confirmed())));
    model.dispute('d-2', rejected('d-2'));
    model.dispute('d-3', withId('d-3', [filed('2026-04-30T20:00:00+08:00', { categories: ['PRICE_FRAUD', 'FALSE_ADVERTISING'] })]));

    const march = model.queries.statistics('2026-03-01', '2026-03-31');
    expect(Object.fromEntries(march.totals.map((t) => [t.kind, t.count]))).toEqual({ FILED: 2, ACCEPTED: 1, REJECTED: 1 });
    expect(march.workingDays).toEqual([1]);

    const spring = model.queries.statistics('2026-03-01', '2026-05-31');
    const totals = Object.fromEntries(spring.totals.map((t) => [t.kind, [t.count, t.amountFen]]));
    expect(totals).toMatchObject({ FILED: [3, 3 * 1_280_000], SETTLED: [1, 1_280_000], CONFIRMED: [1, 0], PAID: [1, 1_280_000] });
    expect(spring.workingDays).toEqual([1, 27]);
    expect(spring.byMonth).toEqual(
      expect.arrayContaining([
        { month: '2026-03', category: 'MEDICAL_INJURY', kind: 'FILED', count: 2 },
        { month: '2026-04', category: 'FALSE_ADVERTISING', kind: 'FILED', count: 1 },
        { month: '2026-04', category: 'PRICE_FRAUD', kind: 'FILED', count: 1 },
        { month: '2026-04', category: 'MEDICAL_INJURY', kind: 'SETTLED', count: 1 },
      ]),
    );

    // 2026-04-30 20:00 in Shanghai is 12:00 UTC the same day; the filing counts in April, not May.
    expect(model.queries.statistics('2026-05-01', '2026-05-31').totals.find((t) => t.kind === 'FILED')).toBeUndefined();
  });

  it("an institution's record: accepted complaints only, and only confirmed violations", () => {
    const model = readModel(mode);
    model.institution('inst-1', '美丽医疗美容诊所', '91440300MA5F0JXC83');
    model.dispute('d-1', withId('d-1', confirmed()));
    model.dispute('d-2', rejected('d-2'));
    model.dispute('d-3', withId('d-3', referredAndConfirmed(true)));
    model.dispute('d-4', withId('d-4', referredAndConfirmed(false)));
    model.dispute('d-5', withId('d-5', mediationFailed()));

    expect(model.queries.institutionRecord('inst-1')).toEqual({
      complaints: 2,
      complaintsByCategory: [{ category: 'MEDICAL_INJURY', count: 2 }],
      outcomes: [
        { outcome: 'CONFIRMED', count: 1 },
        { outcome: 'MEDIATION_FAILED', count: 1 },
      ],
      confirmedViolations: [{ authority: 'HEALTH', categories: ['UNLICENSED_INSTITUTION'], outcome: '罚款五万元', recordedAt: '2026-04-15T01:00:00.000Z' }],
    });
    expect(model.queries.institutionRecord('inst-none')).toEqual({ complaints: 0, complaintsByCategory: [], outcomes: [], confirmedViolations: [] });
  });

  it('searches institutions by name or code, literally, in pages', () => {
    const model = readModel(mode);
    model.institution('i-1', '美丽医疗美容诊所', '91440300MA5F0JXC83');
    model.institution('i-2', '星光医美门诊部', '91310000MA1FL3L2AY');
    model.institution('i-3', '100%_美容', '92110105MA00ABCD1D');
    const names = (search: string | undefined, first = 10, after?: number) => model.queries.institutions(search, first, after).items.map((i) => i.name);

    expect(names('美容')).toEqual(['美丽医疗美容诊所', '100%_美容']);
    expect(names('ma1fl3')).toEqual(['星光医美门诊部']);
    expect(names('%')).toEqual(['100%_美容']);
    const first = model.queries.institutions(undefined, 2);
    expect(first).toMatchObject({ hasNextPage: true, totalCount: 3 });
    expect(names(undefined, 2, first.items.at(-1)!.seq)).toEqual(['100%_美容']);
  });
});
