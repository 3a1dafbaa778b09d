/**
 * The contract every event-store adapter passes (embedded SQLite, EventStoreDB/KurrentDB).
 *
 * Every test writes to streams under its own random prefix and only asserts about those, so the
 * suite can run against a shared server that other tests (or people) write to at the same time.
 * Adapter-specific guarantees (e.g. SQLite's gapless positions) live in the adapter's test file.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  WrongExpectedRevision,
  type AppendResult,
  type BatchHandler,
  type EventStore,
  type ExpectedRevision,
  type NewEvent,
  type RecordedEvent,
  type SubscribeOptions,
  type Subscription,
} from '../../src/eventstore/port.ts';

export interface OpenedEventStore {
  store: EventStore;
  /** Closes the store and releases whatever `open` created (files, clients). */
  cleanup(): Promise<void>;
}

/** How long a test waits for a subscription to deliver something it should. */
const DELIVERY_TIMEOUT_MS = 10_000;
/** How long a test watches for something that must not be delivered. */
const QUIET_MS = 300;

export function eventStoreContract(name: string, open: () => Promise<OpenedEventStore>): void {
  describe(`event store contract: ${name}`, { timeout: 30_000 }, () => {
    let opened: OpenedEventStore | undefined;
    let store: EventStore;
    let subscriptions: Subscription[] = [];

    beforeEach(async () => {
      opened = await open();
      store = opened.store;
    });

    afterEach(async () => {
      const running = subscriptions;
      subscriptions = [];
      await Promise.all(running.map((s) => s.stop()));
      await opened?.cleanup();
      opened = undefined;
    });

    /** Subscribes and records every delivered event and batch, once each handler call has finished. */
    function follow(options: SubscribeOptions, onBatch?: BatchHandler) {
      const delivered: RecordedEvent[] = [];
      const batches: RecordedEvent[][] = [];
      const subscription = store.subscribeToAll(options, async (events) => {
        await onBatch?.(events);
        batches.push(events);
        delivered.push(...events);
      });
      subscriptions.push(subscription);
      return { subscription, delivered, batches };
    }

    describe('appendToStream', () => {
      it('no_stream creates a new stream', async () => {
        const stream = `${prefix()}-a`;
        const events = [newEvent('Opened'), newEvent('Filed')];
        const result = await store.appendToStream(stream, events, { expectedRevision: 'no_stream' });
        expect(result.nextExpectedRevision).toBe(1);
        expect(result.position).toBeGreaterThan(0n);
        const read = await store.readStream(stream);
        expect(read.map((e) => [e.id, e.revision])).toEqual([
          [events[0]!.id, 0],
          [events[1]!.id, 1],
        ]);
        expect(read[1]!.position).toBe(result.position);
      });

      it('no_stream on an existing stream is a conflict reporting the actual revision', async () => {
        const stream = `${prefix()}-a`;
        await store.appendToStream(stream, [newEvent(), newEvent()], { expectedRevision: 'no_stream' });
        await expectConflict(store.appendToStream(stream, [newEvent()], { expectedRevision: 'no_stream' }), {
          streamName: stream,
          expected: 'no_stream',
          actual: 1,
        });
        expect(await store.readStream(stream)).toHaveLength(2);
      });

      it('stream_exists refuses a missing stream and accepts an existing one', async () => {
        const stream = `${prefix()}-a`;
        await expectConflict(store.appendToStream(stream, [newEvent()], { expectedRevision: 'stream_exists' }), {
          streamName: stream,
          expected: 'stream_exists',
          actual: 'no_stream',
        });
        expect(await store.readStream(stream)).toEqual([]);
        await store.appendToStream(stream, [newEvent()], { expectedRevision: 'no_stream' });
        const result = await store.appendToStream(stream, [newEvent(), newEvent()], {
          expectedRevision: 'stream_exists',
        });
        expect(result.nextExpectedRevision).toBe(2);
      });

      it('any appends whether or not the stream exists', async () => {
        const stream = `${prefix()}-a`;
        const first = await store.appendToStream(stream, [newEvent()], { expectedRevision: 'any' });
        expect(first.nextExpectedRevision).toBe(0);
        const second = await store.appendToStream(stream, [newEvent()], { expectedRevision: 'any' });
        expect(second.nextExpectedRevision).toBe(1);
        expect(second.position).toBeGreaterThan(first.position);
      });

      it('an omitted expected revision behaves as any', async () => {
        const stream = `${prefix()}-a`;
        expect((await store.appendToStream(stream, [newEvent()])).nextExpectedRevision).toBe(0);
        expect((await store.appendToStream(stream, [newEvent()], {})).nextExpectedRevision).toBe(1);
      });

      it('an exact revision appends only when it is the revision of the last event', async () => {
        const stream = `${prefix()}-a`;
        await store.appendToStream(stream, [newEvent(), newEvent(), newEvent()], { expectedRevision: 'no_stream' });
        const result = await store.appendToStream(stream, [newEvent()], { expectedRevision: 2 });
        expect(result.nextExpectedRevision).toBe(3);
        // Stale (the caller decided on revision 2) and ahead of the stream.
        for (const expected of [2, 0, 5]) {
          await expectConflict(store.appendToStream(stream, [newEvent()], { expectedRevision: expected }), {
            streamName: stream,
            expected,
            actual: 3,
          });
        }
        expect(await store.readStream(stream)).toHaveLength(4);
      });

      it('an exact revision on a missing stream is a conflict with actual no_stream', async () => {
        const stream = `${prefix()}-a`;
        await expectConflict(store.appendToStream(stream, [newEvent()], { expectedRevision: 0 }), {
          streamName: stream,
          expected: 0,
          actual: 'no_stream',
        });
        expect(await store.readStream(stream)).toEqual([]);
      });

      it('AppendResult.position is the position of the last event appended', async () => {
        const stream = `${prefix()}-a`;
        const result = await store.appendToStream(stream, [newEvent(), newEvent(), newEvent()]);
        const read = await store.readStream(stream);
        expect(read.at(-1)!.position).toBe(result.position);
        expect(read[0]!.position).toBeLessThan(result.position);
      });
    });

    describe('atomicity', () => {
      it('a refused multi-event append stores none of its events', async () => {
        const p = prefix();
        const stream = `${p}-a`;
        await store.appendToStream(stream, [newEvent()], { expectedRevision: 'no_stream' });
        const refused = [newEvent('A'), newEvent('B'), newEvent('C')];
        await expectConflict(store.appendToStream(stream, refused, { expectedRevision: 5 }), {
          streamName: stream,
          expected: 5,
          actual: 0,
        });
        expect(await store.readStream(stream)).toHaveLength(1);
        expect(await store.readAll({ streamPrefixes: [p] })).toHaveLength(1);
        // None of the refused ids was recorded: appending them now is a fresh append, not a retry.
        const result = await store.appendToStream(stream, refused, { expectedRevision: 0 });
        expect(result.nextExpectedRevision).toBe(3);
        expect((await store.readStream(stream)).map((e) => e.id)).toEqual([
          expect.any(String),
          ...refused.map((e) => e.id),
        ]);
      });

      it('concurrent multi-event appends to one stream are never interleaved', async () => {
        const p = prefix();
        const stream = `${p}-a`;
        const appends = Array.from({ length: 8 }, (_, batch) =>
          Array.from({ length: 5 }, (_, n) => newEvent('Counted', { batch, n })),
        );
        const results = await Promise.all(appends.map((events) => store.appendToStream(stream, events)));
        const read = await store.readStream(stream);
        expect(read).toHaveLength(40);
        for (let start = 0; start < 40; start += 5) {
          const chunk = read.slice(start, start + 5).map((e) => e.data as { batch: number; n: number });
          expect(chunk.map((d) => d.n)).toEqual([0, 1, 2, 3, 4]);
          expect(new Set(chunk.map((d) => d.batch)).size).toBe(1);
        }
        for (const [i, result] of results.entries()) {
          const last = read[result.nextExpectedRevision]!;
          expect(last.id).toBe(appends[i]![4]!.id);
          expect(last.position).toBe(result.position);
        }
        // The same holds in the global order.
        const all = await store.readAll({ streamPrefixes: [p] });
        expect(all.map((e) => e.id)).toEqual(read.map((e) => e.id));
      });
    });

    describe('idempotency by event id', () => {
      it('appending the same events again returns the first result and stores nothing new', async () => {
        const p = prefix();
        const stream = `${p}-a`;
        const events = [newEvent('Opened'), newEvent('Filed')];
        const first = await store.appendToStream(stream, events, { expectedRevision: 'no_stream' });
        const retry = await store.appendToStream(stream, events, { expectedRevision: 'no_stream' });
        expect(retry).toEqual(first);
        const retryAny = await store.appendToStream(stream, events, { expectedRevision: 'any' });
        expect(retryAny.nextExpectedRevision).toBe(first.nextExpectedRevision);
        expect(retryAny.position).toBe(first.position);
        expect((await store.readStream(stream)).map((e) => e.id)).toEqual(events.map((e) => e.id));
        expect(await store.readAll({ streamPrefixes: [p] })).toHaveLength(2);
        // The stream carries on normally after a retry.
        const next = await store.appendToStream(stream, [newEvent()], { expectedRevision: 1 });
        expect(next.nextExpectedRevision).toBe(2);
      });

      it('a retried exact-revision append is recognised too', async () => {
        const stream = `${prefix()}-a`;
        await store.appendToStream(stream, [newEvent()], { expectedRevision: 'no_stream' });
        const events = [newEvent(), newEvent()];
        const first = await store.appendToStream(stream, events, { expectedRevision: 0 });
        const retry = await store.appendToStream(stream, events, { expectedRevision: 0 });
        expect(retry).toEqual(first);
        expect(await store.readStream(stream)).toHaveLength(3);
      });
    });

    describe('readStream', () => {
      it('returns every event of the stream in revision order, with all fields round-tripped', async () => {
        const stream = `${prefix()}-a`;
        const first = [
          newEvent('DisputeFiled', SAMPLE_DATA, { actor: 'user-1', correlationId: randomUUID() }),
          newEvent('EvidenceAdded', ['a', 1, null, true]),
        ];
        const second = [newEvent('MediationStarted', { note: '调解开始', empty: {} }, {})];
        await store.appendToStream(stream, first, { expectedRevision: 'no_stream' });
        await store.appendToStream(stream, second, { expectedRevision: 1 });
        const read = await store.readStream(stream);
        expect(read).toEqual(
          [...first, ...second].map((e, revision) => ({
            ...e,
            streamName: stream,
            revision,
            position: expect.any(BigInt),
          })),
        );
        expectStrictlyIncreasing(read.map((e) => e.position));
      });

      it('starts at fromRevision', async () => {
        const stream = `${prefix()}-a`;
        await store.appendToStream(stream, [newEvent(), newEvent(), newEvent()]);
        expect((await store.readStream(stream, { fromRevision: 1 })).map((e) => e.revision)).toEqual([1, 2]);
        expect((await store.readStream(stream, { fromRevision: 0 })).map((e) => e.revision)).toEqual([0, 1, 2]);
        expect(await store.readStream(stream, { fromRevision: 3 })).toEqual([]);
      });

      it('returns an empty array for a stream that does not exist', async () => {
        expect(await store.readStream(`${prefix()}-missing`)).toEqual([]);
      });

      it('does not mix in streams whose name merely starts with the same text', async () => {
        const p = prefix();
        await store.appendToStream(`${p}-a`, [newEvent()]);
        await store.appendToStream(`${p}-ab`, [newEvent(), newEvent()]);
        expect(await store.readStream(`${p}-a`)).toHaveLength(1);
      });
    });

    describe('readAll', () => {
      it('returns events in append order across streams', async () => {
        const p = prefix();
        const appended: string[] = [];
        for (let i = 0; i < 6; i++) {
          const events = [newEvent(), newEvent()];
          await store.appendToStream(`${p}-${i % 3}`, events);
          appended.push(...events.map((e) => e.id));
        }
        const all = await store.readAll({ streamPrefixes: [p] });
        expect(all.map((e) => e.id)).toEqual(appended);
        expectStrictlyIncreasing(all.map((e) => e.position));
        expect(all[0]).toMatchObject({ streamName: `${p}-0`, revision: 0, type: 'Tested', metadata: {} });
      });

      it('after is exclusive', async () => {
        const p = prefix();
        const first = await store.appendToStream(`${p}-a`, [newEvent(), newEvent()]);
        const later = [newEvent(), newEvent()];
        await store.appendToStream(`${p}-b`, later);
        const read = await store.readAll({ after: first.position, streamPrefixes: [p] });
        expect(read.map((e) => e.id)).toEqual(later.map((e) => e.id));
        expect(await store.readAll({ after: read[1]!.position, streamPrefixes: [p] })).toEqual([]);
      });

      it('maxCount bounds the matching events returned, so after + maxCount pages through', async () => {
        const p = prefix();
        const other = prefix();
        const ids: string[] = [];
        for (let i = 0; i < 5; i++) {
          const event = newEvent();
          ids.push(event.id);
          await store.appendToStream(`${p}-${i % 2}`, [event]);
          // Non-matching events in between must not use up maxCount.
          await store.appendToStream(`${other}-x`, [newEvent(), newEvent()]);
        }
        expect((await store.readAll({ streamPrefixes: [p], maxCount: 2 })).map((e) => e.id)).toEqual(ids.slice(0, 2));
        const paged: string[] = [];
        let after: bigint | undefined;
        for (let pages = 0; pages < 10; pages++) {
          const page = await store.readAll({ streamPrefixes: [p], maxCount: 2, ...(after === undefined ? {} : { after }) });
          if (page.length === 0) break;
          expect(page.length).toBeLessThanOrEqual(2);
          paged.push(...page.map((e) => e.id));
          after = page.at(-1)!.position;
        }
        expect(paged).toEqual(ids);
      });

      it('without maxCount returns every matching event', async () => {
        const p = prefix();
        const count = 1_200;
        for (let start = 0; start < count; start += 400) {
          await store.appendToStream(
            `${p}-a`,
            Array.from({ length: 400 }, (_, i) => newEvent('Counted', { i: start + i })),
          );
        }
        const all = await store.readAll({ streamPrefixes: [p] });
        expect(all).toHaveLength(count);
        expect(all.at(-1)!.data).toEqual({ i: count - 1 });
      });

      it('streamPrefixes selects the streams starting with any of the prefixes', async () => {
        const p = prefix();
        await store.appendToStream(`${p}-order-1`, [newEvent()]);
        await store.appendToStream(`${p}-user-1`, [newEvent()]);
        await store.appendToStream(`${p}-other-1`, [newEvent()]);
        await store.appendToStream(`${p}-order-2`, [newEvent()]);
        const read = await store.readAll({ streamPrefixes: [`${p}-order-`, `${p}-user-`] });
        expect(read.map((e) => e.streamName)).toEqual([`${p}-order-1`, `${p}-user-1`, `${p}-order-2`]);
      });

      it('streamPrefixes are literal text: no wildcards, case-sensitive, any Unicode', async () => {
        const p = prefix();
        const streams = [`${p}_x`, `${p}ax`, `${p}%y`, `${p}Ab`, `${p}ab`, `${p}调解😀-1`, `${p}调解😀`];
        for (const stream of streams) await store.appendToStream(stream, [newEvent()]);
        const names = async (prefixes: string[]) =>
          (await store.readAll({ streamPrefixes: prefixes })).map((e) => e.streamName);
        expect(await names([`${p}_`])).toEqual([`${p}_x`]);
        expect(await names([`${p}%`])).toEqual([`${p}%y`]);
        expect(await names([`${p}a`])).toEqual([`${p}ax`, `${p}ab`]);
        expect(await names([`${p}调解😀`])).toEqual([`${p}调解😀-1`, `${p}调解😀`]);
        expect(await names([`${p}调解😀-`])).toEqual([`${p}调解😀-1`]);
      });

      it('without streamPrefixes returns events of every stream but no system events', async () => {
        const p1 = prefix();
        const p2 = prefix();
        const before = await store.headPosition();
        const a = newEvent();
        const b = newEvent();
        await store.appendToStream(`${p1}-a`, [a]);
        await store.appendToStream(`${p2}-b`, [b]);
        const read = await store.readAll({ after: before });
        expect(read.filter((e) => e.id === a.id || e.id === b.id).map((e) => e.id)).toEqual([a.id, b.id]);
        expect(read.filter((e) => e.streamName.startsWith('$') || e.type.startsWith('$'))).toEqual([]);
        expectStrictlyIncreasing(read.map((e) => e.position));
      });
    });

    describe('global positions', () => {
      it('strictly increase in append order, across streams', async () => {
        const p = prefix();
        const results: AppendResult[] = [];
        for (let i = 0; i < 10; i++) {
          results.push(await store.appendToStream(`${p}-${i % 3}`, [newEvent(), newEvent()]));
        }
        expectStrictlyIncreasing(results.map((r) => r.position));
        const all = await store.readAll({ streamPrefixes: [p] });
        expectStrictlyIncreasing(all.map((e) => e.position));
        expect(all.filter((_, i) => i % 2 === 1).map((e) => e.position)).toEqual(results.map((r) => r.position));
      });

      it('headPosition is at or past the last append, and moves forward with appends', async () => {
        const before = await store.headPosition();
        expect(before).toBeGreaterThanOrEqual(0n);
        const first = await store.appendToStream(`${prefix()}-a`, [newEvent()]);
        const afterFirst = await store.headPosition();
        expect(afterFirst).toBeGreaterThan(before);
        expect(afterFirst).toBeGreaterThanOrEqual(first.position);
        const second = await store.appendToStream(`${prefix()}-a`, [newEvent()]);
        expect(await store.headPosition()).toBeGreaterThanOrEqual(second.position);
      });
    });

    describe('subscribeToAll', () => {
      it('catches up from after, resolves caughtUp, then follows new appends in order', async () => {
        const p = prefix();
        const stream = `${p}-a`;
        const skipped = await store.appendToStream(stream, [newEvent(), newEvent()]);
        const existing = [newEvent('E', { n: 1 }, { m: 1 }), newEvent('E', { n: 2 })];
        await store.appendToStream(stream, existing.slice(0, 1));
        await store.appendToStream(`${p}-b`, existing.slice(1));
        const { subscription, delivered } = follow({ after: skipped.position, streamPrefixes: [p] });
        await withTimeout(subscription.caughtUp, 'caughtUp');
        expect(delivered.map((e) => e.id)).toEqual(existing.map((e) => e.id));
        expect(delivered[0]).toEqual({
          ...existing[0],
          streamName: stream,
          revision: 2,
          position: expect.any(BigInt),
        });

        const live = [newEvent(), newEvent(), newEvent()];
        await store.appendToStream(stream, live.slice(0, 2));
        await store.appendToStream(`${p}-c`, live.slice(2));
        await eventually(() => expect(delivered).toHaveLength(5));
        expect(delivered.map((e) => e.id)).toEqual([...existing, ...live].map((e) => e.id));
        expectStrictlyIncreasing(delivered.map((e) => e.position));
        const all = await store.readAll({ after: skipped.position, streamPrefixes: [p] });
        expect(delivered).toEqual(all);
      });

      it('starts at the beginning when after is omitted', async () => {
        const p = prefix();
        const events = [newEvent(), newEvent(), newEvent()];
        await store.appendToStream(`${p}-a`, events.slice(0, 2));
        await store.appendToStream(`${p}-b`, events.slice(2));
        const { subscription, delivered } = follow({ streamPrefixes: [p] });
        await withTimeout(subscription.caughtUp, 'caughtUp');
        expect(delivered.map((e) => e.id)).toEqual(events.map((e) => e.id));
      });

      it('resolves caughtUp when there is nothing to catch up', async () => {
        const { subscription, delivered } = follow({ after: await store.headPosition(), streamPrefixes: [prefix()] });
        await withTimeout(subscription.caughtUp, 'caughtUp');
        expect(delivered).toEqual([]);
      });

      it('resolves caughtUp only after the handler has finished with every earlier event', async () => {
        const p = prefix();
        const ids: string[] = [];
        for (let i = 0; i < 5; i++) {
          const event = newEvent();
          ids.push(event.id);
          await store.appendToStream(`${p}-a`, [event]);
        }
        const { subscription, delivered } = follow({ streamPrefixes: [p] }, () => sleep(30));
        await withTimeout(subscription.caughtUp, 'caughtUp');
        expect(delivered.map((e) => e.id)).toEqual(ids);
      });

      it('honours streamPrefixes while catching up and when live', async () => {
        const p = prefix();
        const wanted = [`${p}-order-`, `${p}-user-`];
        await store.appendToStream(`${p}-order-1`, [newEvent()]);
        await store.appendToStream(`${p}-other-1`, [newEvent()]);
        await store.appendToStream(`${p}-user-1`, [newEvent()]);
        const { subscription, delivered } = follow({ streamPrefixes: wanted });
        await withTimeout(subscription.caughtUp, 'caughtUp');
        expect(delivered.map((e) => e.streamName)).toEqual([`${p}-order-1`, `${p}-user-1`]);

        await store.appendToStream(`${p}-other-2`, [newEvent()]);
        await store.appendToStream(`${p}-user-2`, [newEvent()]);
        await store.appendToStream(`${p}-orde`, [newEvent()]);
        await store.appendToStream(`${p}-order-2`, [newEvent()]);
        await eventually(() => expect(delivered).toHaveLength(4));
        await sleep(QUIET_MS);
        expect(delivered.map((e) => e.streamName)).toEqual([
          `${p}-order-1`,
          `${p}-user-1`,
          `${p}-user-2`,
          `${p}-order-2`,
        ]);
      });

      it('without streamPrefixes delivers every stream but no system events', async () => {
        const p1 = prefix();
        const p2 = prefix();
        const { subscription, delivered } = follow({ after: await store.headPosition() });
        await withTimeout(subscription.caughtUp, 'caughtUp');
        const a = newEvent();
        const b = newEvent();
        await store.appendToStream(`${p1}-a`, [a]);
        await store.appendToStream(`${p2}-b`, [b]);
        const ours = () => delivered.filter((e) => e.id === a.id || e.id === b.id).map((e) => e.id);
        await eventually(() => expect(ours()).toEqual([a.id, b.id]));
        expect(delivered.filter((e) => e.streamName.startsWith('$') || e.type.startsWith('$'))).toEqual([]);
        expectStrictlyIncreasing(delivered.map((e) => e.position));
      });

      it('hands batches over one at a time, in order, waiting for each handler call', async () => {
        const p = prefix();
        let running = 0;
        let overlapped = false;
        const { subscription, delivered } = follow({ streamPrefixes: [p] }, async () => {
          running += 1;
          if (running > 1) overlapped = true;
          await sleep(15);
          running -= 1;
        });
        const ids: string[] = [];
        const appendSome = async (n: number) => {
          for (let i = 0; i < n; i++) {
            const events = [newEvent(), newEvent(), newEvent()];
            ids.push(...events.map((e) => e.id));
            await store.appendToStream(`${p}-${i % 2}`, events);
          }
        };
        // Some before it starts, some while it catches up, some once it follows.
        await appendSome(5);
        const catchingUp = appendSome(5);
        await withTimeout(subscription.caughtUp, 'caughtUp');
        await catchingUp;
        await appendSome(5);
        await eventually(() => expect(delivered).toHaveLength(45));
        expect(overlapped).toBe(false);
        expect(delivered.map((e) => e.id)).toEqual(ids);
      });

      it('stop() ends delivery', async () => {
        const p = prefix();
        const { subscription, delivered } = follow({ streamPrefixes: [p] });
        await withTimeout(subscription.caughtUp, 'caughtUp');
        await store.appendToStream(`${p}-a`, [newEvent()]);
        await eventually(() => expect(delivered).toHaveLength(1));
        await withTimeout(subscription.stop(), 'stop');
        await store.appendToStream(`${p}-a`, [newEvent()]);
        await sleep(QUIET_MS);
        expect(delivered).toHaveLength(1);
        // Stopping twice is harmless.
        await withTimeout(subscription.stop(), 'second stop');
      });

      it('stop() waits for a handler call in progress and no call follows', async () => {
        const p = prefix();
        let finished = 0;
        let entered!: () => void;
        const inHandler = new Promise<void>((resolve) => (entered = resolve));
        const { subscription, delivered } = follow({ streamPrefixes: [p] }, async () => {
          entered();
          await sleep(100);
          finished += 1;
        });
        await store.appendToStream(`${p}-a`, [newEvent()]);
        await withTimeout(inHandler, 'handler call');
        await withTimeout(subscription.stop(), 'stop');
        expect(finished).toBe(1);
        await store.appendToStream(`${p}-a`, [newEvent()]);
        await sleep(QUIET_MS);
        expect(finished).toBe(1);
        expect(delivered).toHaveLength(1);
      });

      it('independent subscriptions each get every event', async () => {
        const p = prefix();
        const first = follow({ streamPrefixes: [p] });
        const second = follow({ streamPrefixes: [`${p}-b`] });
        await store.appendToStream(`${p}-a`, [newEvent()]);
        await store.appendToStream(`${p}-b`, [newEvent()]);
        await eventually(() => {
          expect(first.delivered).toHaveLength(2);
          expect(second.delivered).toHaveLength(1);
        });
      });
    });

    describe('optimistic concurrency', () => {
      const N = 10;

      async function race(stream: string, expectedRevision: ExpectedRevision, actualAfter: number) {
        const attempts = Array.from({ length: N }, (_, i) => [newEvent('Raced', { i }), newEvent('Raced', { i })]);
        const settled = await Promise.allSettled(
          attempts.map((events) => store.appendToStream(stream, events, { expectedRevision })),
        );
        const winners = settled.flatMap((s, i) => (s.status === 'fulfilled' ? [i] : []));
        expect(winners).toHaveLength(1);
        for (const outcome of settled) {
          if (outcome.status === 'fulfilled') continue;
          expect(outcome.reason).toBeInstanceOf(WrongExpectedRevision);
          expect(outcome.reason).toMatchObject({
            code: 'CONCURRENCY_CONFLICT',
            streamName: stream,
            expected: expectedRevision,
            actual: actualAfter,
          });
        }
        return attempts[winners[0]!]!.map((e) => e.id);
      }

      it(`of ${N} concurrent appends expecting the same revision, exactly one succeeds`, async () => {
        const stream = `${prefix()}-a`;
        const first = newEvent();
        await store.appendToStream(stream, [first], { expectedRevision: 'no_stream' });
        const winner = await race(stream, 0, 2);
        expect((await store.readStream(stream)).map((e) => e.id)).toEqual([first.id, ...winner]);
      });

      it(`of ${N} concurrent appends creating the same stream, exactly one succeeds`, async () => {
        const stream = `${prefix()}-a`;
        const winner = await race(stream, 'no_stream', 1);
        expect((await store.readStream(stream)).map((e) => e.id)).toEqual(winner);
      });
    });
  });
}

const SAMPLE_DATA = {
  disputeId: randomUUID(),
  title: '玻尿酸注射后出现结节',
  amount: { amountFen: 1_234_500, currency: 'CNY' },
  tags: ['医美', 'refund'],
  nested: { deep: { deeper: [1, 2.5, -3, { x: null }] } },
  flag: false,
  quote: 'line 1\nline "2"\t\\',
};

/** A random prefix for one test's streams; no other prefix in use starts with it. */
export function prefix(): string {
  return `ct${randomUUID().replaceAll('-', '').slice(0, 12)}`;
}

export function newEvent(
  type = 'Tested',
  data: unknown = { at: new Date().toISOString() },
  metadata: Record<string, unknown> = {},
): NewEvent {
  return { id: randomUUID(), type, data, metadata };
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Retries `check` (which throws while unmet) until it passes or the timeout is reached. */
export async function eventually(check: () => void, timeoutMs = DELIVERY_TIMEOUT_MS): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      check();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
    }
    await sleep(10);
  }
}

export async function withTimeout<T>(promise: Promise<T>, what: string, ms = DELIVERY_TIMEOUT_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${what} did not happen within ${ms} ms`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

export function expectStrictlyIncreasing(positions: bigint[]): void {
  for (let i = 1; i < positions.length; i++) {
    if (!(positions[i]! > positions[i - 1]!)) {
      throw new Error(`positions not strictly increasing at ${i}: ${positions[i - 1]} then ${positions[i]}`);
    }
  }
}

async function expectConflict(
  append: Promise<unknown>,
  expected: { streamName: string; expected: ExpectedRevision; actual: number | 'no_stream' },
): Promise<void> {
  const error = await append.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, 'the append should have been refused').toBeInstanceOf(WrongExpectedRevision);
  expect(error).toMatchObject({ code: 'CONCURRENCY_CONFLICT', ...expected });
}
