/**
 * The event-store port. Every adapter (embedded SQLite, EventStoreDB) passes the same
 * contract suite (tests/contract/eventstore.contract.ts).
 *
 * Revisions are per stream and 0-based; positions are global, increase with commit order
 * and are opaque outside the store (bigint because EventStoreDB commit positions are 64-bit).
 */

/** What the caller expects the stream to look like before appending. */
export type ExpectedRevision = 'no_stream' | 'stream_exists' | 'any' | number;

export type EventMetadata = Record<string, unknown>;

export interface NewEvent<Type extends string = string, Data = unknown> {
  /** UUID chosen by the caller; appending the same ids again is a no-op (idempotency). */
  id: string;
  type: Type;
  data: Data;
  metadata: EventMetadata;
}

export interface RecordedEvent<Type extends string = string, Data = unknown> extends NewEvent<Type, Data> {
  streamName: string;
  revision: number;
  position: bigint;
}

export interface AppendResult {
  /** Revision of the last event now in the stream. */
  nextExpectedRevision: number;
  /** Global position of the last event appended (or of the existing one, for an idempotent retry). */
  position: bigint;
}

export interface ReadAllOptions {
  /** Exclusive: events strictly after this position. Omit to start at the beginning. */
  after?: bigint;
  /** At most this many events; omitted: all of them. */
  maxCount?: number;
  /** Only streams whose name starts with one of these prefixes; omitted or empty: every stream. */
  streamPrefixes?: string[];
}

export interface SubscribeOptions {
  /** Exclusive start position; omit for the beginning of $all. */
  after?: bigint;
  /** As for readAll: omitted or empty means every stream. */
  streamPrefixes?: string[];
}

/**
 * Called with each batch, in order; the next batch waits until the promise settles.
 * A handler that throws gets the same batch again after a backoff: a subscriber never skips an event.
 */
export type BatchHandler = (events: RecordedEvent[]) => Promise<void> | void;

export interface Subscription {
  /** Resolves once the subscription has delivered every event that existed when it started (pending if stopped before). */
  readonly caughtUp: Promise<void>;
  stop(): Promise<void>;
}

export interface EventStore {
  /** Appending no events checks the expected revision and changes nothing. */
  appendToStream(
    streamName: string,
    events: NewEvent[],
    options?: { expectedRevision?: ExpectedRevision },
  ): Promise<AppendResult>;
  /** All events of a stream in revision order; an empty array when the stream does not exist. */
  readStream(streamName: string, options?: { fromRevision?: number }): Promise<RecordedEvent[]>;
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;
  /** Catches up from `after`, then follows new appends, including those of other processes. */
  subscribeToAll(options: SubscribeOptions, handler: BatchHandler): Subscription;
  /** Position of the last event in the store (0n when empty). */
  headPosition(): Promise<bigint>;
  close(): Promise<void>;
}

/**
 * What a migration needs and the domain never does: the stored content of a stream's events replaced
 * in place (same ids, revisions and positions), in one transaction, while the stream is still at
 * `expectedRevision`. The embedded SQLite store has it; EventStoreDB (append-only) does not.
 */
export interface StreamRewriter {
  rewriteStream(streamName: string, events: Array<Pick<NewEvent, 'id' | 'data' | 'metadata'>>, expectedRevision: number): Promise<void>;
}

export const canRewrite = (store: EventStore): store is EventStore & StreamRewriter =>
  typeof (store as Partial<StreamRewriter>).rewriteStream === 'function';

/** The expected revision did not match: the caller decided on a stale state. */
export class WrongExpectedRevision extends Error {
  readonly code = 'CONCURRENCY_CONFLICT';
  readonly streamName: string;
  readonly expected: ExpectedRevision;
  readonly actual: number | 'no_stream';
  constructor(streamName: string, expected: ExpectedRevision, actual: number | 'no_stream') {
    super(`stream ${streamName}: expected revision ${String(expected)}, actual ${String(actual)}`);
    this.name = 'WrongExpectedRevision';
    this.streamName = streamName;
    this.expected = expected;
    this.actual = actual;
  }
}
