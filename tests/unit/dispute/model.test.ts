/**
 * Model-based tests: random sequences of commands, by random people, at random times, decided by the
 * real command handler on a real SQLite event store. Whatever happens, the status moves only along
 * DOMAIN.md 2.1 (model.helpers.ts, by hand), a refused command appends nothing, and the read model
 * built from the events, in batches of any size, equals a fold of the same events.
 * Personal data is sealed as on the platform (src/privacy), and people are erased between commands:
 * the chain verifies over what is stored, exactly the erased person's earlier values read 已删除,
 * and the runs go on.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditTrailProjection } from '../../../projections/auditTrail.ts';
import { deadlinesProjection } from '../../../projections/deadlines.ts';
import { beginRebuild, disputesProjection } from '../../../projections/disputes.ts';
import type { AttachMode } from '../../../projections/projection.ts';
import { inTransaction, openReadModel } from '../../../projections/readModel.ts';
import { verifyChain } from '../../../src/audit/hashChain.ts';
import { grants, UNIVERSAL_KEYS } from '../../../src/dispute/access.ts';
import { openDeadlines } from '../../../src/dispute/deadlines.ts';
import { evolve, foldDispute } from '../../../src/dispute/dispute.ts';
import { disputeStream, type StoredDisputeEvent } from '../../../src/dispute/events.ts';
import { handleDisputeCommand, type CommandDeps } from '../../../src/dispute/handler.ts';
import type { DisputeState } from '../../../src/dispute/state.ts';
import type { EventStore, RecordedEvent } from '../../../src/eventstore/port.ts';
import { openSqliteEventStore } from '../../../src/eventstore/sqlite.ts';
import { RULES } from '../../../src/rules/parameters.ts';
import { appendRecord } from '../../../src/dispute/handler.ts';
import { ERASED } from '../../../src/privacy/envelope.ts';
import { openSqliteKeyStore } from '../../../src/privacy/keyStore.ts';
import { valueAt } from '../../../src/privacy/personalData.ts';
import { PrivateEventStore, sealedOf } from '../../../src/privacy/store.ts';
import { manualClock } from '../../../src/shared/clock.ts';
import { DomainError } from '../../../src/shared/errors.ts';
import { accepted, by, filed, given, people } from '../../support/decider.ts';
import { refund, settled } from '../performance/scenarios.ts';
import { concretize, filedAtArb, filing, stepArb, TERMINAL, transitionViolation, type ConcreteStep, type RunMemory, type Step } from './model.helpers.ts';

/** Someone of the case erased before step `at` (PIPL Art. 47). */
interface Erasure {
  at: number;
  person: 'consumer' | 'respondent' | 'mediator' | 'lawyer';
}
const erasureArb: fc.Arbitrary<Erasure> = fc.record({
  at: fc.nat(40),
  person: fc.constantFrom('consumer', 'respondent', 'mediator', 'lawyer'),
});

/** MODEL_RUNS=5000 for a longer hunt. */
const RUNS = Number(process.env.MODEL_RUNS ?? 300);
const MAX_STEPS = 60;

const asStored = (events: readonly RecordedEvent[]) => events as unknown as StoredDisputeEvent[];
const json = (value: unknown) => JSON.parse(JSON.stringify(value)) as unknown;

/** What a run did, step by step: the report of a counterexample. */
function describeStep(i: number | string, s: ConcreteStep, outcome: string): string {
  return `${String(i).padStart(2)} ${s.now.toISOString()} ${s.person.padEnd(15)} ${s.command.type} ${JSON.stringify(s.command.data)} → ${outcome}`;
}

class ModelViolation extends Error {
  constructor(message: string, log: string[]) {
    super(`${message}\n  run:\n    ${log.join('\n    ')}`);
    this.name = 'ModelViolation';
  }
}

describe('the dispute decider against the state machine of DOMAIN.md 2.1', () => {
  let dir: string;
  let store: PrivateEventStore;
  let runs = 0;
  const reached = new Map<string, number>();
  const transitions = new Map<string, number>();

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'dispute-model-'));
    store = new PrivateEventStore(openSqliteEventStore({ path: join(dir, 'events.sqlite') }), openSqliteKeyStore(join(dir, 'keys.sqlite')));
  });

  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Applies the steps through the handler; returns the stream it wrote. Throws ModelViolation. */
  async function run(filedAt: Date, steps: Step[], erasures: Erasure[] = []): Promise<{ disputeId: string; events: RecordedEvent[]; erased: Array<{ subject: string; before: number }> }> {
    // A fresh dispute per run (and per shrink attempt) in the one store.
    const disputeId = `model-${++runs}`;
    const stream = disputeStream(disputeId);
    const clock = manualClock(filedAt);
    const deps: CommandDeps = { store, clock, rules: RULES };
    const log: string[] = [];
    const memory: RunMemory = { agreementHashes: [] };
    const fail = (message: string): never => {
      throw new ModelViolation(message, log);
    };

    await handleDisputeCommand(deps, disputeId, filing(disputeId, filedAt), {
      viewer: people.consumer,
      correlationId: `${disputeId}/file`,
      idempotencyKey: `${disputeId}/file`,
    });
    let events = await store.readStream(stream);
    let state = foldDispute(asStored(events), disputeId);
    const statuses = new Set<string>([state.status]);
    log.push(`filed ${filedAt.toISOString()} → ${state.status}`);

    type Outcome = { concrete: ConcreteStep; appended: Array<{ type: string; revision: number }>; state: DisputeState } | { concrete: ConcreteStep; refused: DomainError };
    const execute = async (concrete: ConcreteStep, i: number): Promise<Outcome> => {
      try {
        const result = await handleDisputeCommand(deps, disputeId, concrete.command, {
          viewer: concrete.viewer,
          correlationId: `${disputeId}/${i}`,
          // Deterministic ids: a counterexample replays the same way.
          idempotencyKey: `${disputeId}/${i}`,
        });
        return { concrete, appended: result.appended, state: result.state };
      } catch (error) {
        if (error instanceof DomainError) return { concrete, refused: error };
        log.push(describeStep(i, concrete, `threw ${String(error)}`));
        return fail(`not a DomainError: ${error instanceof Error ? error.stack : String(error)}`);
      }
    };

    const erased: Array<{ subject: string; before: number }> = [];
    let stepsSinceTerminal = 0;
    for (let i = 0; i < steps.length; i++) {
      for (const erasure of erasures.filter((e) => e.at === i)) {
        // As erasePersonalData does to a dispute: the key goes, the erasure is recorded in the chain.
        const subject = people[erasure.person].userId;
        await store.keys.delete(subject);
        erased.push({ subject, before: events.length });
        await appendRecord(store, disputeId, () => [
          { id: `${disputeId}-erasure-${i}-${subject}`, type: 'PersonalDataErased', data: { personId: subject, erasedAt: clock.now().toISOString(), what: [] }, metadata: { actor: { userId: 'u-admin', role: 'ADMIN' }, occurredAt: clock.now().toISOString(), correlationId: `${disputeId}/erase`, causationId: `${disputeId}/erase`, schemaVersion: 1 } },
        ]);
        log.push(`${i} erase ${erasure.person}`);
        events = await store.readStream(stream);
        state = foldDispute(asStored(events), disputeId);
      }
      // A few steps after the end show that nothing moves it; more would only cost time.
      if (TERMINAL.has(state.status) && ++stepsSinceTerminal > 5) break;
      const step = steps[i]!;
      clock.advance(step.advanceMs);
      // Now and then two commands race on the same revision: one append conflicts and is decided
      // again on the state the other made (the last two signatures, both parties applying...).
      const first = concretize(step, state, clock.now(), memory);
      const race = step.withNext && i + 1 < steps.length ? concretize(steps[i + 1]!, state, clock.now(), memory) : undefined;
      const before = { state, events };
      const outcomes = race ? await Promise.all([execute(first, i), execute(race, ++i)]) : [await execute(first, i)];

      events = await store.readStream(stream);
      const added = events.slice(before.events.length);
      const label = race ? `${i - 1}+${i}` : String(i);
      for (const o of outcomes) {
        log.push(describeStep(label, o.concrete, 'refused' in o ? `${o.refused.code}: ${o.refused.message}` : o.appended.map((e) => e.type).join(', ') || 'nothing'));
      }
      // What was appended is exactly what the accepted commands reported, in revision order: a refused one appended nothing.
      const reported = outcomes.flatMap((o) => ('appended' in o ? o.appended : [])).sort((a, b) => a.revision - b.revision);
      const show = (list: Array<{ type: string; revision: number }>) => list.map((e) => `${e.revision}:${e.type}`).join(', ') || 'nothing';
      if (show(reported) !== show(added)) fail(`the handler reported ${show(reported)} but the stream got ${show(added)}`);

      // Each event on its own moves the status along an allowed transition.
      let next = before.state;
      for (const [k, event] of added.entries()) {
        if (event.revision !== before.state.version + 1 + k) fail(`event ${event.type} has revision ${event.revision}, expected ${before.state.version + 1 + k}`);
        const after = evolve(next, event as unknown as StoredDisputeEvent);
        const violation = transitionViolation(next, after);
        if (violation) fail(`${event.type}: ${violation}`);
        if (after.status !== next.status) {
          const key = `${next.status}>${after.status}${after.status === 'CLOSED' ? `(${after.outcome})` : ''}`;
          transitions.set(key, (transitions.get(key) ?? 0) + 1);
        }
        if (event.type === 'AgreementDrafted') memory.agreementHashes.push((event.data as { hash: string }).hash);
        next = after;
      }
      if (next.version !== before.state.version + added.length) fail(`version ${before.state.version} → ${next.version} after ${added.length} events`);
      // What the handler folded in memory is what the stored events fold to (the last writer's view).
      const last = outcomes.filter((o) => 'appended' in o && o.appended.length > 0).sort((a, b) => ('appended' in a && 'appended' in b ? a.appended.at(-1)!.revision - b.appended.at(-1)!.revision : 0)).at(-1);
      if (last && 'state' in last && JSON.stringify(json(last.state)) !== JSON.stringify(json(next))) fail('the handler state differs from the fold of the stored events');
      state = next;
      statuses.add(state.status);
    }
    for (const status of statuses) reached.set(status, (reached.get(status) ?? 0) + 1);
    return { disputeId, events, erased };
  }

  /** A value reads ERASED exactly when its subject was erased after it was written: no one else's key loss touches it. */
  function expectErasedExactly(stored: RecordedEvent[], opened: RecordedEvent[], erased: Array<{ subject: string; before: number }>): void {
    let sealed = 0;
    for (const [i, event] of stored.entries()) {
      const envelope = sealedOf(event.data);
      if (!envelope) continue;
      for (const path of envelope.paths ?? []) {
        sealed++;
        const gone = erased.some((e) => e.subject === envelope.subject && i < e.before);
        const value = valueAt(opened[i]!.data, path);
        expect(value === ERASED, `${event.type}.${path} of ${envelope.subject} at ${i}: ${String(value)}`).toBe(gone);
        // Whoever's they are, the fields are in no stored event in the clear.
        expect(valueAt(event.data, path), `${event.type}.${path} stored in the clear`).toBeNull();
      }
    }
    // Every run files a complaint: its claimant's data at least is sealed.
    expect(sealed).toBeGreaterThan(0);
  }

  /**
   * Feeds the events to the real projections in batches of the given sizes, as the runner does or as
   * a rebuild does (fresh tables, rebuilding mode); checks after each batch.
   */
  function project(disputeId: string, events: RecordedEvent[], batchSizes: number[], log: () => string[], mode: AttachMode = {}): void {
    const db = openReadModel(':memory:');
    try {
      const projections = [disputesProjection, deadlinesProjection(RULES), auditTrailProjection];
      for (const p of projections) db.exec(p.schema);
      if (mode.rebuilding) beginRebuild(db);
      const appliers = projections.map((p) => p.attach(db, mode));
      const doc = db.prepare('SELECT doc, status FROM disputes WHERE id = ?');
      const deadlines = db.prepare('SELECT kind, ref, due_at, last_day, provisional, source FROM deadlines WHERE dispute_id = ? ORDER BY kind, ref');
      const keys = db.prepare('SELECT key FROM dispute_keys WHERE dispute_id = ? ORDER BY key');
      const categories = db.prepare('SELECT category FROM dispute_categories WHERE dispute_id = ? ORDER BY category');
      const audit = db.prepare('SELECT position, type, hash, previous_hash FROM audit_trail WHERE dispute_id = ? ORDER BY position');

      let done = 0;
      for (let b = 0; done < events.length; b++) {
        const size = batchSizes.length > 0 ? batchSizes[b % batchSizes.length]! : events.length;
        const batch = events.slice(done, done + size);
        // Like the runner: every projection in one transaction, disputes first (deadlines read its doc).
        inTransaction(db, () => appliers.forEach((apply) => apply(batch)));
        done += batch.length;

        const upTo = events.slice(0, done);
        const folded = foldDispute(asStored(upTo), disputeId);
        const where = `after ${done} of ${events.length} events (batches ${batchSizes.join(',')})`;
        const row = doc.get(disputeId) as { doc: string; status: string };
        expect(JSON.parse(row.doc), `dispute doc ${where}\n${log().join('\n')}`).toEqual(json(folded));
        expect(row.status).toBe(folded.status);
        const expected = openDeadlines(folded, RULES)
          .map((x) => ({ kind: x.kind, ref: x.ref ?? '', due_at: x.dueAt, last_day: x.lastDay, provisional: x.provisional ? 1 : 0, source: x.source }))
          .sort((x, y) => x.kind.localeCompare(y.kind) || x.ref.localeCompare(y.ref));
        expect(deadlines.all(disputeId).map((r) => ({ ...r })), `deadlines ${where}`).toEqual(expected);
        expect(keys.all(disputeId).map((r) => r.key), `access keys ${where}`).toEqual(
          // Keys every dispute grants are not stored (the list query knows them).
          [...new Set(grants(folded).map(([key]) => key))].filter((key) => !UNIVERSAL_KEYS.has(key)).sort(),
        );
        expect(categories.all(disputeId).map((r) => r.category), `categories ${where}`).toEqual([...folded.categories].sort());
        expect(audit.all(disputeId).map((r) => ({ ...r })), `audit trail ${where}`).toEqual(
          upTo.map((e) => ({ position: e.revision, type: e.type, hash: e.metadata.hash, previous_hash: e.metadata.previousHash })),
        );
      }
    } finally {
      db.close();
    }
  }

  it(`${RUNS} random runs of up to ${MAX_STEPS} commands keep to the state machine, and the read model to the fold`, async () => {
    const started = Date.now();
    await fc.assert(
      fc.asyncProperty(
        filedAtArb,
        fc.array(stepArb, { maxLength: MAX_STEPS, size: 'max' }),
        fc.array(fc.integer({ min: 1, max: 12 }), { minLength: 1, maxLength: 6 }),
        fc.boolean(),
        fc.array(erasureArb, { maxLength: 3 }),
        async (filedAt, steps, batchSizes, rebuilding, erasures) => {
          const { disputeId, events, erased } = await run(filedAt, steps, erasures);
          // The chain covers the stored (sealed) form, erasures and all.
          const stored = await store.raw.readStream(disputeStream(disputeId));
          expect(verifyChain(stored).valid).toBe(true);
          expectErasedExactly(stored, events, erased);
          expect(events.map((e) => e.revision)).toEqual(events.map((_, i) => i));
          expect(events.every((e, i) => i === 0 || e.position > events[i - 1]!.position)).toBe(true);
          project(disputeId, events, batchSizes, () => events.map((e) => `${e.revision} ${e.type}`), { rebuilding });
        },
      ),
      // Shrinking a long run is slow: report the smallest counterexample found within the limit.
      { numRuns: RUNS, plugins: [fc.interruptAfterTimeLimit(90_000 + RUNS * 100, { failOnInterrupt: true })] },
    );
    // How deep the runs went, for whoever tunes the generators (on a hunt: MODEL_RUNS=...).
    const sorted = (m: Map<string, number>) => Object.fromEntries([...m].sort((a, b) => b[1] - a[1]));
    if (process.env.MODEL_RUNS) console.info(`${RUNS} model runs in ${Date.now() - started} ms`, { reached: sorted(reached), transitions: sorted(transitions) });
  }, 120_000 + RUNS * 100);

  describe('what the runs found', () => {
    it('the platform issues only its own commands: it neither signs for a party nor discloses for a mediator', () => {
      // Found as a TypeError: SYSTEM passed every `by`, and discloseConflicts read a mediator that was not there.
      given([filed(), accepted()]).when(people.system, '2026-03-04T10:00:00+08:00', { type: 'discloseConflicts', data: { statement: '无', hasConflict: false } }).thenFails('FORBIDDEN');
      given(settled()).when(people.system, '2026-04-10T10:00:00+08:00', { type: 'applyForConfirmation', data: { court: people.court.court } }).thenFails('FORBIDDEN');
      given(settled()).when(people.system, '2026-05-10T10:00:00+08:00', { type: 'lapseConfirmationWindow', data: {} }).then([
        { type: 'ConfirmationWindowLapsed', data: { dueAt: '2026-05-09T16:00:00.000Z' } },
      ]);
    });

    it('performance completed while the court reviews closes the dispute only once the court confirms', () => {
      const court = people.court.court;
      const underReview = [
        ...settled([refund]),
        by(people.consumer, '2026-04-10T09:00:00+08:00', { type: 'ConfirmationApplied', data: { side: 'CLAIMANT', court } }),
        by(people.respondent, '2026-04-10T10:00:00+08:00', { type: 'ConfirmationApplied', data: { side: 'RESPONDENT', court } }),
        by(people.respondent, '2026-04-10T10:00:00+08:00', { type: 'ConfirmationRequested', data: { court } }),
        by(people.respondent, '2026-04-11T10:00:00+08:00', { type: 'PerformanceRecorded', data: { obligationId: refund.id } }),
      ];
      // DOMAIN.md 2.1 closes FULFILLED only from SETTLED, CONFIRMED or AWARDED.
      given(underReview).when(people.consumer, '2026-04-12T10:00:00+08:00', { type: 'confirmPerformance', data: { obligationId: refund.id } }).then([
        { type: 'PerformanceConfirmed', data: { obligationId: refund.id } },
      ]);
      const fulfilled = [
        ...underReview,
        by(people.consumer, '2026-04-12T10:00:00+08:00', { type: 'PerformanceConfirmed', data: { obligationId: refund.id } }),
        by(people.court, '2026-04-13T10:00:00+08:00', { type: 'ConfirmationApplicationAccepted', data: { court } }),
      ];
      given(fulfilled).when(people.court, '2026-04-14T10:00:00+08:00', { type: 'ruleOnConfirmation', data: { confirmed: true, rulingNumber: '(2026)粤0304民特1号' } }).then([
        { type: 'ConfirmationRuled', data: { confirmed: true, rulingNumber: '(2026)粤0304民特1号' } },
        { type: 'DisputeClosed', data: { outcome: 'FULFILLED' } },
      ]);
    });
  });
});
