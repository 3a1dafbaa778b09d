/**
 * EventStoreDB / KurrentDB adapter (@eventstore/db-client v6, gRPC).
 *
 * Positions are commit positions: since server 20.x every event is its own committed record, so
 * commit === prepare and the commit position alone identifies an event and orders $all.
 * System streams and events (`$…`) are never returned: they are the server's, not ours.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import {
  ANY,
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  NO_STREAM,
  START,
  STREAM_EXISTS,
  StreamNotFoundError,
  WrongExpectedVersionError,
  streamNameFilter,
} from '@eventstore/db-client';
import type {
  AllStreamResolvedEvent,
  AllStreamSubscription,
  AppendExpectedRevision,
  EventData,
  Position,
  ResolvedEvent,
} from '@eventstore/db-client';
import {
  WrongExpectedRevision,
  type AppendResult,
  type BatchHandler,
  type EventMetadata,
  type EventStore,
  type ExpectedRevision,
  type NewEvent,
  type ReadAllOptions,
  type RecordedEvent,
  type SubscribeOptions,
  type Subscription,
} from './port.ts';

/** Events per $all page when reading (the v6 client cannot filter reads server-side). */
const READ_PAGE = 1_000;
/** Most events handed to a subscription handler at once. */
const BATCH_MAX = 500;
const RETRY_MIN_MS = 100;
const RETRY_MAX_MS = 5_000;
/** Longer ceiling while the handler itself keeps failing, so a poison event does not spin. */
const HANDLER_RETRY_MAX_MS = 30_000;
const NO_POSITION = 2n ** 64n - 1n;

export interface EsdbEventStoreOptions {
  /** Told about every subscription drop or handler failure before it is retried. */
  onSubscriptionError?: (error: unknown) => void;
}

export function openEsdbEventStore(connectionString: string, options: EsdbEventStoreOptions = {}): EventStore {
  const client = EventStoreDBClient.connectionString(toEsdbScheme(connectionString));
  const onSubscriptionError = options.onSubscriptionError ?? (() => {});
  const running = new Set<Subscription>();
  let closed = false;

  async function positionOfRevision(streamName: string, revision: bigint): Promise<bigint> {
    if (revision < 0n) return 0n;
    for await (const resolved of client.readStream(streamName, { fromRevision: revision, maxCount: 1 })) {
      return toRecorded(resolved)?.position ?? 0n;
    }
    return 0n;
  }

  async function headPosition(): Promise<bigint> {
    // The last event overall is usually the server's own ($stats…); skip back to ours.
    let before: Position | undefined;
    for (;;) {
      const page = await collect(
        client.readAll({ fromPosition: before ?? END, direction: BACKWARDS, maxCount: 100 }),
      );
      for (const resolved of page) {
        const event = resolved.event;
        if (!event || (before && !isBefore(event.position, before))) continue;
        if (!isSystem(event.streamId, event.type)) return event.position.commit;
      }
      const last = page.at(-1)?.event?.position;
      if (page.length < 100 || !last || (before && !isBefore(last, before))) return 0n;
      before = last;
    }
  }

  async function readAll({ after, maxCount, streamPrefixes: given }: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const limit = maxCount ?? Number.POSITIVE_INFINITY;
    const found: RecordedEvent[] = [];
    const streamPrefixes = given?.length ? given : undefined;
    if (limit <= 0) return found;
    // A read from a position includes the event there; `after` is exclusive.
    let from: Position | undefined = after === undefined ? undefined : { commit: after, prepare: after };
    // One more than asked for, as the page may begin with the event at `from`.
    const pageSize = Math.min(READ_PAGE, Math.max(32, limit + 1));
    for (;;) {
      const page = await collect(client.readAll({ fromPosition: from ?? START, direction: FORWARDS, maxCount: pageSize }));
      for (const resolved of page) {
        const event = resolved.event;
        if (!event || (from && !isAfter(event.position, from))) continue;
        const recorded = toRecorded(resolved);
        if (recorded && wanted(recorded, streamPrefixes)) {
          found.push(recorded);
          if (found.length >= limit) return found;
        }
      }
      const last = page.at(-1)?.event?.position;
      if (page.length < pageSize || !last) return found;
      from = last;
    }
  }

  function subscribeToAll(options: SubscribeOptions, handler: BatchHandler): Subscription {
    const prefixes = options.streamPrefixes?.length ? options.streamPrefixes : undefined;
    const insideHandler = new AsyncLocalStorage<true>();
    let stopped = false;
    /** Last position handed to (and accepted by) the handler, or skipped past: where a reconnect resumes. */
    let resumeAfter: Position | undefined =
      options.after === undefined ? undefined : { commit: options.after, prepare: options.after };
    let live: AllStreamSubscription | undefined;
    /** Wakes whatever the loop is waiting on (new data, a retry delay) so that stop() is prompt. */
    let interrupt: (() => void) | undefined;
    let isCaughtUp = false;
    let resolveCaughtUp!: () => void;
    const caughtUp = new Promise<void>((resolve) => (resolveCaughtUp = resolve));
    const markCaughtUp = () => {
      if (isCaughtUp) return;
      isCaughtUp = true;
      resolveCaughtUp();
    };
    let attempt = 0;
    let handlerFailing = false;

    /** One server subscription, from resumeAfter until it drops (throws) or the caller stops it. */
    async function connectOnce(): Promise<void> {
      // Fallback catch-up detection for servers that do not send caught-up messages.
      const head = isCaughtUp ? undefined : await headPosition();
      if (head !== undefined && (head === 0n || (resumeAfter && resumeAfter.commit >= head))) markCaughtUp();
      if (stopped) return;

      let readCount = 0;
      let deliveredCount = 0;
      /** readCount the handler must get through before caughtUp resolves, once the server said so. */
      let caughtUpAt: number | undefined;
      let failure: unknown;
      let ended = false;
      let signalled = false;
      let wake: (() => void) | undefined;
      const signal = () => {
        signalled = true;
        const resume = wake;
        wake = undefined;
        resume?.();
      };
      const noteCaughtUp = (subscription: AllStreamSubscription) => {
        // Emitted in stream order: everything before it is read already or still buffered.
        caughtUpAt ??= readCount + subscription.readableLength;
        signal();
      };
      const checkpointReached = (subscription: AllStreamSubscription, position: Position) => {
        if (head !== undefined && position.commit >= head) noteCaughtUp(subscription);
      };

      const subscription = client.subscribeToAll(
        {
          fromPosition: resumeAfter ?? START,
          filter: prefixes
            ? streamNameFilter({ prefixes, checkpointReached })
            : streamNameFilter({ regex: '^[^$]', checkpointReached }),
        },
        { highWaterMark: BATCH_MAX },
      );
      live = subscription;
      interrupt = signal;
      subscription.on('caughtUp', () => noteCaughtUp(subscription));
      subscription.on('confirmation', () => {
        if (!handlerFailing) attempt = 0;
      });
      subscription.on('error', (error) => {
        failure ??= error;
        signal();
      });
      subscription.on('end', () => {
        ended = true;
        signal();
      });
      subscription.on('close', () => {
        ended = true;
        signal();
      });
      subscription.on('readable', signal);

      try {
        while (!stopped) {
          if (caughtUpAt !== undefined && deliveredCount >= caughtUpAt) markCaughtUp();
          signalled = false;
          const raw: AllStreamResolvedEvent[] = [];
          for (let item: AllStreamResolvedEvent | null; raw.length < BATCH_MAX && (item = subscription.read()) !== null; ) {
            raw.push(item);
          }
          if (raw.length === 0) {
            if (failure !== undefined) throw failure;
            if (ended) throw new Error('the server ended the subscription');
            if (!signalled) await new Promise<void>((resolve) => (wake = resolve));
            continue;
          }
          readCount += raw.length;

          const batch: RecordedEvent[] = [];
          let lastSeen = resumeAfter;
          for (const resolved of raw) {
            const position = resolved.event?.position;
            if (!position || (lastSeen && !isAfter(position, lastSeen))) continue;
            lastSeen = position;
            const recorded = toRecorded(resolved);
            if (recorded && wanted(recorded, prefixes)) batch.push(recorded);
          }
          if (batch.length > 0) {
            if (stopped) return;
            try {
              await insideHandler.run(true, () => handler(batch));
            } catch (error) {
              handlerFailing = true;
              throw error;
            }
            handlerFailing = false;
            attempt = 0;
          }
          resumeAfter = lastSeen;
          deliveredCount = readCount;
          if (head !== undefined && resumeAfter && resumeAfter.commit >= head) markCaughtUp();
        }
      } finally {
        live = undefined;
        interrupt = undefined;
        // Late errors from the cancelled call must not become uncaught exceptions.
        subscription.on('error', () => {});
        await subscription.unsubscribe().catch(() => {});
      }
    }

    async function run(): Promise<void> {
      while (!stopped && !closed) {
        try {
          await connectOnce();
        } catch (error) {
          if (stopped || closed) break;
          onSubscriptionError(error);
        }
        if (stopped || closed) break;
        attempt += 1;
        const ceiling = handlerFailing ? HANDLER_RETRY_MAX_MS : RETRY_MAX_MS;
        const delay = Math.min(ceiling, RETRY_MIN_MS * 2 ** (attempt - 1)) * (0.75 + Math.random() * 0.5);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, delay);
          interrupt = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        interrupt = undefined;
      }
    }

    const done = run();
    const subscription: Subscription = {
      caughtUp,
      async stop() {
        if (!stopped) {
          stopped = true;
          running.delete(subscription);
          interrupt?.();
          void live?.unsubscribe().catch(() => {});
        }
        // Called from inside the handler: waiting for the loop would wait for ourselves.
        if (!insideHandler.getStore()) await done;
      },
    };
    running.add(subscription);
    return subscription;
  }

  return {
    async appendToStream(streamName, events, { expectedRevision = 'any' } = {}): Promise<AppendResult> {
      if (closed) throw new Error('event store is closed');
      try {
        const result = await client.appendToStream(streamName, events.map(toEventData), {
          expectedRevision: toEsdbExpectedRevision(expectedRevision),
        });
        return {
          nextExpectedRevision: Number(result.nextExpectedRevision),
          // An idempotent retry comes back without a position: look up the stored event's.
          position: result.position?.commit ?? (await positionOfRevision(streamName, result.nextExpectedRevision)),
        };
      } catch (error) {
        if (error instanceof WrongExpectedVersionError) {
          const actual = error.actualVersion === NO_STREAM ? 'no_stream' : Number(error.actualVersion);
          throw new WrongExpectedRevision(streamName, expectedRevision, actual);
        }
        throw error;
      }
    },

    async readStream(streamName, { fromRevision = 0 } = {}) {
      try {
        const events = await collect(
          client.readStream(streamName, { fromRevision: fromRevision === 0 ? START : BigInt(fromRevision) }),
        );
        return events.flatMap((resolved) => toRecorded(resolved) ?? []);
      } catch (error) {
        if (error instanceof StreamNotFoundError) return [];
        throw error;
      }
    },

    readAll,
    subscribeToAll,
    headPosition,

    async close() {
      if (closed) return;
      closed = true;
      await Promise.all([...running].map((s) => s.stop()));
      await client.dispose();
    },
  };
}

/** The v6 client only knows esdb://; KurrentDB's schemes take the same parameters. */
function toEsdbScheme(connectionString: string): string {
  return connectionString.replace(/^(?:kurrentdb|kurrent|kdb)(\+discover)?:\/\//i, 'esdb$1://');
}

function toEsdbExpectedRevision(expected: ExpectedRevision): AppendExpectedRevision {
  switch (expected) {
    case 'any':
      return ANY;
    case 'no_stream':
      return NO_STREAM;
    case 'stream_exists':
      return STREAM_EXISTS;
    default:
      if (!Number.isSafeInteger(expected) || expected < 0) {
        throw new TypeError(`expected revision must be a non-negative integer, got ${String(expected)}`);
      }
      return BigInt(expected);
  }
}

function toEventData(event: NewEvent): EventData {
  // The client JSON-encodes inside a promise executor, where a throw would leave the append
  // hanging with an unhandled rejection: find unencodable data here, before calling it.
  if (JSON.stringify(event.data) === undefined || JSON.stringify(event.metadata) === undefined) {
    throw new TypeError(`event ${event.id} (${event.type}): data and metadata must be JSON values`);
  }
  return {
    id: event.id,
    contentType: 'application/json',
    type: event.type,
    data: event.data as never,
    metadata: event.metadata,
  };
}

function toRecorded(resolved: ResolvedEvent | AllStreamResolvedEvent): RecordedEvent | undefined {
  const event = resolved.event;
  if (!event) return undefined;
  // Servers before 22.6 report no position (or 2^64-1) for events read from a stream.
  const reported = event.position?.commit ?? resolved.commitPosition;
  const position = reported === NO_POSITION ? undefined : reported;
  if (position === undefined) {
    throw new Error('EventStoreDB did not report event positions (server older than 22.6?)');
  }
  return {
    id: event.id,
    type: event.type,
    data: event.data,
    metadata: toMetadata(event.metadata),
    streamName: event.streamId,
    revision: Number(event.revision),
    position,
  };
}

function toMetadata(metadata: unknown): EventMetadata {
  return metadata !== null && typeof metadata === 'object' && !Array.isArray(metadata) && !(metadata instanceof Uint8Array)
    ? (metadata as EventMetadata)
    : {};
}

function isSystem(streamName: string, type: string): boolean {
  return streamName.startsWith('$') || type.startsWith('$');
}

function wanted(event: RecordedEvent, prefixes: string[] | undefined): boolean {
  if (isSystem(event.streamName, event.type)) return false;
  return prefixes === undefined || prefixes.some((prefix) => event.streamName.startsWith(prefix));
}

function isAfter(a: Position, b: Position): boolean {
  return a.commit > b.commit || (a.commit === b.commit && a.prepare > b.prepare);
}

function isBefore(a: Position, b: Position): boolean {
  return isAfter(b, a);
}

async function collect<T>(stream: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of stream) items.push(item);
  return items;
}
