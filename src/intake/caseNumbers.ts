/**
 * Case numbers: year-prefixed, human-readable, unique and gap-free per year (2026-YM-000042; YM = 医美).
 * A counter stream per year holds one CaseNumberAssigned event per number, number n at revision n − 1,
 * appended with the expected revision: the store hands out each revision once, so each number goes
 * to one filing even across replicas sharing one EventStoreDB, and revisions leave no gaps.
 *
 * Fast under load: the allocator remembers the stream's revision (nothing is read per filing), and
 * filings that arrive while an append is in flight wait for the next one and share it, one append
 * for the whole batch. Another replica's append shows as a conflict that reports the actual revision:
 * the batch is numbered again from there and retried at once, without reading the stream.
 *
 * A filing asks for its number only once its events are decided and prepared (src/dispute/handler.ts),
 * so a refused filing burns none.
 */
import { WrongExpectedRevision, type EventStore, type NewEvent } from '../eventstore/port.ts';
import { toLocalDate } from '../rules/calendar.ts';
import { newId } from '../shared/ids.ts';

export const caseNumberStream = (year: string) => `casenumbers-${year}`;
export const formatCaseNumber = (year: string, n: number) => `${year}-YM-${String(n).padStart(6, '0')}`;

/** Filings numbered in one append at most: one statement, one EventStoreDB write. */
const MAX_BATCH = 500;
/** Conflicts in a row after which a batch backs off a little (replicas filing in lockstep). */
const CONFLICTS_BEFORE_BACKOFF = 3;

interface Waiting {
  disputeId: string;
  occurredAt: string;
  resolve(caseNumber: string): void;
  reject(error: unknown): void;
}

interface Counter {
  /** The stream's last revision as last seen; -1 before its first event; undefined: not known yet. */
  last: number | undefined;
  waiting: Waiting[];
  running: boolean;
}

export interface CaseNumberAllocator {
  allocate(now: Date, disputeId: string): Promise<string>;
}

export function caseNumberAllocator(store: EventStore): CaseNumberAllocator {
  const counters = new Map<string, Counter>();

  async function drain(year: string, counter: Counter): Promise<void> {
    try {
      while (counter.waiting.length > 0) {
        const batch = counter.waiting.splice(0, MAX_BATCH);
        try {
          const first = await appendBatch(year, counter, batch);
          batch.forEach((w, i) => w.resolve(formatCaseNumber(year, first + i)));
        } catch (error) {
          counter.last = undefined;
          for (const w of batch) w.reject(error);
        }
      }
    } finally {
      counter.running = false;
    }
  }

  /** Appends the batch's numbers; returns the first. */
  async function appendBatch(year: string, counter: Counter, batch: Waiting[]): Promise<number> {
    const stream = caseNumberStream(year);
    for (let conflicts = 0; ; conflicts++) {
      // Unknown at first: assume a new year; a conflict tells the truth.
      const last = counter.last ?? -1;
      const events: NewEvent[] = batch.map((w, i) => ({
        id: newId(),
        type: 'CaseNumberAssigned',
        data: { caseNumber: formatCaseNumber(year, last + 2 + i), disputeId: w.disputeId },
        metadata: { occurredAt: w.occurredAt },
      }));
      try {
        const result = await store.appendToStream(stream, events, { expectedRevision: last < 0 ? 'no_stream' : last });
        counter.last = result.nextExpectedRevision;
        return last + 2;
      } catch (error) {
        if (!(error instanceof WrongExpectedRevision)) throw error;
        counter.last = error.actual === 'no_stream' ? -1 : error.actual;
        if (conflicts >= CONFLICTS_BEFORE_BACKOFF) await new Promise((r) => setTimeout(r, Math.random() * 5 * (conflicts - 2)));
      }
    }
  }

  return {
    allocate(now, disputeId) {
      const year = toLocalDate(now).slice(0, 4);
      let counter = counters.get(year);
      if (!counter) counters.set(year, (counter = { last: undefined, waiting: [], running: false }));
      const c = counter;
      return new Promise<string>((resolve, reject) => {
        c.waiting.push({ disputeId, occurredAt: now.toISOString(), resolve, reject });
        if (!c.running) {
          c.running = true;
          // After the current I/O phase: a burst of filings shares the first append too.
          setImmediate(() => void drain(year, c));
        }
      });
    },
  };
}

/** One allocator per store in this process, so that every caller shares its batches. */
const allocators = new WeakMap<EventStore, CaseNumberAllocator>();
export function caseNumbersOf(store: EventStore): CaseNumberAllocator {
  let allocator = allocators.get(store);
  if (!allocator) allocators.set(store, (allocator = caseNumberAllocator(store)));
  return allocator;
}

export const allocateCaseNumber = (store: EventStore, now: Date, disputeId: string): Promise<string> =>
  caseNumbersOf(store).allocate(now, disputeId);
