/**
 * Case numbers on the real SQLite store: gap-free and unique per year under concurrent filings, in one
 * process and across two "replicas" (two connections to one file, each with its own allocator), shared
 * appends under load, and no number burnt by a filing that is refused or whose events cannot be stored.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { disputeStream } from '../../../src/dispute/events.ts';
import { handleFiling, type CommandDeps } from '../../../src/dispute/handler.ts';
import type { EventStore } from '../../../src/eventstore/port.ts';
import { openSqliteEventStore } from '../../../src/eventstore/sqlite.ts';
import { caseNumberAllocator, caseNumberStream, formatCaseNumber } from '../../../src/intake/caseNumbers.ts';
import { RULES } from '../../../src/rules/parameters.ts';
import { manualClock } from '../../../src/shared/clock.ts';
import { DomainError } from '../../../src/shared/errors.ts';
import { newId } from '../../../src/shared/ids.ts';
import { FILING, people } from '../../support/decider.ts';

const dir = mkdtempSync(join(tmpdir(), 'case-numbers-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const stores: EventStore[] = [];
afterEach(async () => {
  for (const store of stores.splice(0)) await store.close();
});
let files = 0;
function open(path = join(dir, `events-${++files}.sqlite`)) {
  const store = openSqliteEventStore({ path });
  stores.push(store);
  return { store, path };
}

/** The store, with its appends to the counter streams counted (the real store does the work). */
function counting(store: EventStore) {
  const counted = { appends: 0 };
  const wrapped: EventStore = Object.create(store);
  wrapped.appendToStream = (stream, events, options) => {
    if (stream.startsWith('casenumbers-')) counted.appends++;
    return store.appendToStream(stream, events, options);
  };
  return Object.assign(counted, { store: wrapped });
}

const serials = (numbers: string[]) => numbers.map((n) => Number(n.slice(-6))).sort((a, b) => a - b);
const oneTo = (n: number) => Array.from({ length: n }, (_, i) => i + 1);
const NOW = new Date('2026-06-01T02:00:00Z');

describe('case numbers', () => {
  it('are 1, 2, 3… with no gap and no repeat for concurrent filings, sharing appends', async () => {
    const { store } = open();
    const spy = counting(store);
    const allocator = caseNumberAllocator(spy.store);
    const numbers = await Promise.all(Array.from({ length: 300 }, () => allocator.allocate(NOW, newId())));
    expect(serials(numbers)).toEqual(oneTo(300));
    expect(numbers.every((n) => n.startsWith('2026-YM-'))).toBe(true);
    // Batched: far fewer appends than filings (each filing alone would be 300).
    expect(spy.appends).toBeLessThan(30);
    const stream = await store.readStream(caseNumberStream('2026'));
    expect(stream.map((e) => (e.data as { caseNumber: string }).caseNumber)).toEqual(oneTo(300).map((n) => formatCaseNumber('2026', n)));
    // Later filings go on from there without reading the stream again.
    expect(await allocator.allocate(NOW, newId())).toBe('2026-YM-000301');
  });

  it('stay gap-free and unique across replicas appending to one store', async () => {
    const { store: a, path } = open();
    const { store: b } = open(path);
    const [one, two] = [caseNumberAllocator(a), caseNumberAllocator(b)];
    const rounds = await Promise.all(
      Array.from({ length: 8 }, async (_, round) => {
        await new Promise((r) => setTimeout(r, round * 3));
        return Promise.all(Array.from({ length: 25 }, (_, i) => (i % 2 ? one : two).allocate(NOW, newId())));
      }),
    );
    expect(serials(rounds.flat())).toEqual(oneTo(200));
  });

  it('pick up where the stream is when a replica starts (a conflict reports the revision; nothing is read)', async () => {
    const { store, path } = open();
    await Promise.all(Array.from({ length: 5 }, () => caseNumberAllocator(store).allocate(NOW, newId())));
    const { store: later } = open(path);
    expect(await caseNumberAllocator(later).allocate(NOW, newId())).toBe('2026-YM-000006');
  });

  it('count each year on its own, the year of the China Standard Time date', async () => {
    const { store } = open();
    const allocator = caseNumberAllocator(store);
    expect(await allocator.allocate(new Date('2026-12-31T15:00:00Z'), newId())).toBe('2026-YM-000001');
    // 16:30 UTC on 31 December is 00:30 on 1 January in Beijing.
    expect(await allocator.allocate(new Date('2026-12-31T16:30:00Z'), newId())).toBe('2027-YM-000001');
    expect(await allocator.allocate(new Date('2026-12-31T15:59:00Z'), newId())).toBe('2026-YM-000002');
  });
});

describe('a filing and its case number', () => {
  const deps = (store: EventStore): CommandDeps => ({ store, clock: manualClock(NOW), rules: RULES });
  const { caseNumber: _, ...filing } = FILING;
  const asConsumer = { viewer: people.consumer, correlationId: 'test' };

  it('gets its number once decided; a refused filing burns none', async () => {
    const { store } = open();
    const allocator = caseNumberAllocator(store);
    // Refused by the decider: only a consumer files.
    await expect(handleFiling(deps(store), { ...filing, disputeId: newId() }, { ...asConsumer, viewer: people.officer }, allocator.allocate)).rejects.toBeInstanceOf(DomainError);
    // Events that cannot be canonicalised for the hash chain (a lone surrogate) are refused before a number is given.
    await expect(handleFiling(deps(store), { ...filing, disputeId: newId(), description: 'bad \ud800 text' }, asConsumer, allocator.allocate)).rejects.toThrow();
    expect(await store.readStream(caseNumberStream('2026'))).toEqual([]);

    const disputeId = newId();
    const result = await handleFiling(deps(store), { ...filing, disputeId }, asConsumer, allocator.allocate);
    expect(result.state.caseNumber).toBe('2026-YM-000001');
    const [filed] = await store.readStream(disputeStream(disputeId));
    expect((filed!.data as { caseNumber: string }).caseNumber).toBe('2026-YM-000001');
    const [assigned] = await store.readStream(caseNumberStream('2026'));
    expect(assigned!.data).toEqual({ caseNumber: '2026-YM-000001', disputeId });
  });

  it('concurrent filings each get their own number, the one in their event', async () => {
    const { store } = open();
    const allocator = caseNumberAllocator(store);
    const results = await Promise.all(Array.from({ length: 64 }, () => handleFiling(deps(store), { ...filing, disputeId: newId() }, asConsumer, allocator.allocate)));
    expect(serials(results.map((r) => r.state.caseNumber))).toEqual(oneTo(64));
    for (const r of results.slice(0, 5)) {
      const [filed] = await store.readStream(disputeStream(r.state.id));
      expect((filed!.data as { caseNumber: string }).caseNumber).toBe(r.state.caseNumber);
    }
  });
});
