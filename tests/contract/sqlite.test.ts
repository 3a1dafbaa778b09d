import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { EventStore, RecordedEvent, Subscription } from '../../src/eventstore/port.ts';
import { openSqliteEventStore } from '../../src/eventstore/sqlite.ts';
import {
  eventStoreContract,
  eventually,
  newEvent,
  prefix,
  withTimeout,
} from './eventstore.contract.ts';

const dir = mkdtempSync(join(tmpdir(), 'eventstore-sqlite-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let files = 0;
/** A fresh database file; each test gets its own store. */
function freshPath(): string {
  files += 1;
  return join(dir, `events-${files}.sqlite`);
}

eventStoreContract('SQLite', async () => {
  const store = openSqliteEventStore({ path: freshPath() });
  return { store, cleanup: () => store.close() };
});

describe('SQLite event store', { timeout: 30_000 }, () => {
  const toClose: EventStore[] = [];
  const toStop: Subscription[] = [];
  afterEach(async () => {
    for (const subscription of toStop.splice(0)) await subscription.stop();
    for (const store of toClose.splice(0)) await store.close();
  });
  function open(path: string): EventStore {
    const store = openSqliteEventStore({ path });
    toClose.push(store);
    return store;
  }

  it('starts empty: head position 0n, nothing to read', async () => {
    const store = open(freshPath());
    expect(await store.headPosition()).toBe(0n);
    expect(await store.readAll()).toEqual([]);
  });

  it('assigns gapless positions 1, 2, 3, … in commit order, refused appends leaving no hole', async () => {
    const store = open(freshPath());
    const p = prefix();
    await store.appendToStream(`${p}-a`, [newEvent(), newEvent()], { expectedRevision: 'no_stream' });
    // Refused appends, alone and alongside accepted ones in the same group commit.
    await expect(store.appendToStream(`${p}-a`, [newEvent(), newEvent()], { expectedRevision: 'no_stream' })).rejects.toThrow();
    const concurrent = await Promise.allSettled([
      store.appendToStream(`${p}-b`, [newEvent()], { expectedRevision: 'no_stream' }),
      store.appendToStream(`${p}-a`, [newEvent(), newEvent(), newEvent()], { expectedRevision: 7 }),
      store.appendToStream(`${p}-c`, [newEvent(), newEvent()]),
      store.appendToStream(`${p}-b`, [newEvent()], { expectedRevision: 'no_stream' }),
      store.appendToStream(`${p}-a`, [newEvent()], { expectedRevision: 1 }),
    ]);
    expect(concurrent.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'rejected', 'fulfilled']);
    const all = await store.readAll();
    expect(all.map((e) => e.position)).toEqual([1n, 2n, 3n, 4n, 5n, 6n]);
    expect(await store.headPosition()).toBe(6n);
  });

  it('keeps positions gapless under many concurrent writers', async () => {
    const store = open(freshPath());
    const p = prefix();
    const writers = Array.from({ length: 64 }, (_, w) =>
      (async () => {
        for (let i = 0; i < 10; i++) {
          await store.appendToStream(`${p}-${w % 8}`, [newEvent(), newEvent()]).catch(() => undefined);
          // Every fifth attempt is stale on purpose.
          if (i % 5 === 4) {
            await store.appendToStream(`${p}-${w % 8}`, [newEvent()], { expectedRevision: 'no_stream' }).catch(() => undefined);
          }
        }
      })(),
    );
    await Promise.all(writers);
    // Paged, so that this checks gaplessness whatever readAll's default page size.
    const all: RecordedEvent[] = [];
    for (let page = await store.readAll({ maxCount: 500 }); page.length > 0; ) {
      all.push(...page);
      page = await store.readAll({ after: page.at(-1)!.position, maxCount: 500 });
    }
    expect(all).toHaveLength(64 * 10 * 2);
    expect(all.every((e, i) => e.position === BigInt(i + 1))).toBe(true);
    expect(await store.headPosition()).toBe(BigInt(all.length));
  });

  it('survives reopening: events, revisions and positions persist', async () => {
    const path = freshPath();
    const p = prefix();
    const first = openSqliteEventStore({ path });
    const result = await first.appendToStream(`${p}-a`, [newEvent(), newEvent()]);
    await first.close();
    const second = open(path);
    expect(await second.headPosition()).toBe(result.position);
    const next = await second.appendToStream(`${p}-a`, [newEvent()], { expectedRevision: 1 });
    expect(next).toEqual({ nextExpectedRevision: 2, position: 3n });
  });

  it("sees appends made by another store on the same file (another process) in its subscription", async () => {
    const path = freshPath();
    const p = prefix();
    const mine = open(path);
    const other = open(path);
    await other.appendToStream(`${p}-a`, [newEvent()]);

    const delivered: RecordedEvent[] = [];
    const subscription = mine.subscribeToAll({ streamPrefixes: [p] }, (events) => {
      delivered.push(...events);
    });
    toStop.push(subscription);
    await withTimeout(subscription.caughtUp, 'caughtUp');
    expect(delivered).toHaveLength(1);

    const fromOther = newEvent();
    await other.appendToStream(`${p}-b`, [fromOther]);
    await eventually(() => expect(delivered.map((e) => e.id)).toContain(fromOther.id), 5_000);
    const fromMine = newEvent();
    await mine.appendToStream(`${p}-a`, [fromMine]);
    await eventually(() => expect(delivered).toHaveLength(3), 5_000);
    expect(delivered.map((e) => e.position)).toEqual([1n, 2n, 3n]);
  });

  it('checks expected revisions against appends of another store on the same file', async () => {
    const path = freshPath();
    const stream = `${prefix()}-a`;
    const mine = open(path);
    const other = open(path);
    await mine.appendToStream(stream, [newEvent()], { expectedRevision: 'no_stream' });
    await other.appendToStream(stream, [newEvent()], { expectedRevision: 0 });
    await expect(mine.appendToStream(stream, [newEvent()], { expectedRevision: 0 })).rejects.toMatchObject({
      code: 'CONCURRENCY_CONFLICT',
      actual: 1,
    });
    // Concurrent writers in two stores: exactly one wins.
    const settled = await Promise.allSettled([
      mine.appendToStream(stream, [newEvent()], { expectedRevision: 1 }),
      other.appendToStream(stream, [newEvent()], { expectedRevision: 1 }),
    ]);
    expect(settled.filter((s) => s.status === 'fulfilled')).toHaveLength(1);
    expect((await other.readAll()).map((e) => e.position)).toEqual([1n, 2n, 3n]);
  });

  it('refuses appends after close', async () => {
    const store = openSqliteEventStore({ path: freshPath() });
    await store.close();
    await expect(store.appendToStream(`${prefix()}-a`, [newEvent()])).rejects.toThrow();
  });
});
