/**
 * Embedded event store: one SQLite file (WAL, synchronous=FULL) in DATA_DIR.
 *
 * Appends are group-committed: every append requested while a commit is pending joins the next
 * transaction, is checked on its own (one caller's wrong expected revision does not fail the others)
 * and is written by a single statement, which SQLite applies whole or not at all. Callers are
 * acknowledged only after COMMIT, i.e. after the fsync.
 * Positions are the table's rowid: assigned in commit order, gapless (a failed statement frees its
 * rowids), and SQLite's single writer serialises other processes (the CLI) too.
 */
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import {
  WrongExpectedRevision,
  type AppendResult,
  type BatchHandler,
  type EventStore,
  type ExpectedRevision,
  type NewEvent,
  type ReadAllOptions,
  type RecordedEvent,
  type StreamRewriter,
  type SubscribeOptions,
  type Subscription,
} from './port.ts';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS events (
  position INTEGER PRIMARY KEY,
  stream   TEXT    NOT NULL,
  revision INTEGER NOT NULL,
  id       TEXT    NOT NULL UNIQUE,
  type     TEXT    NOT NULL,
  data     TEXT    NOT NULL,
  metadata TEXT    NOT NULL,
  UNIQUE (stream, revision)
) STRICT;`;

/** How often a follower checks whether another process has committed. */
const POLL_MS = 25;
const PAGE = 1000;
const RETRY_BASE_MS = 50;
const RETRY_MAX_MS = 5000;
const SQLITE_CONSTRAINT_UNIQUE = 2067;
/** Events of recently read streams kept parsed (about a kilobyte each). */
const STREAM_CACHE_EVENTS = 50_000;

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

interface PendingAppend {
  streamName: string;
  events: NewEvent[];
  expected: ExpectedRevision;
  resolve(result: AppendResult): void;
  reject(error: unknown): void;
}

/**
 * Data and metadata read as one JSON array, parsed in one call: the parse is most of a read's cost
 * (a projection rebuild reads every event), and one call for both is a tenth cheaper than two.
 */
const COLUMNS = `position, stream, revision, id, type, '[' || data || ',' || metadata || ']' AS body`;

interface Row {
  position: number;
  stream: string;
  revision: number;
  id: string;
  type: string;
  /** [data, metadata] */
  body: string;
}

/** An event id already in the store: either an idempotent retry or a misuse of ids. */
class DuplicateEventId extends Error {
  override message = 'an event with this id is already stored';
}

export interface SqliteEventStoreOptions {
  path: string;
  /** Disable group commit (one transaction per append): the benchmark's baseline. */
  groupCommit?: boolean;
}

export function openSqliteEventStore(options: SqliteEventStoreOptions): EventStore & StreamRewriter {
  const db = new DatabaseSync(options.path, { timeout: 10_000 });
  // secure_delete: a row rewritten by a migration (rewriteStream) leaves no copy of its old content in the page.
  db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA secure_delete = ON;');
  db.exec(SCHEMA);
  const groupCommit = options.groupCommit ?? true;

  const q = {
    streamRevision: db.prepare('SELECT max(revision) AS revision FROM events WHERE stream = ?'),
    byId: db.prepare('SELECT stream, revision, position FROM events WHERE id = ?'),
    readStream: db.prepare(`SELECT ${COLUMNS} FROM events WHERE stream = ? AND revision >= ? ORDER BY revision`),
    head: db.prepare('SELECT coalesce(max(position), 0) AS position FROM events'),
    dataVersion: db.prepare('PRAGMA data_version'),
    begin: db.prepare('BEGIN IMMEDIATE'),
    commit: db.prepare('COMMIT'),
  };
  const readAllStatements = new Map<string, StatementSync>();

  let pending: PendingAppend[] = [];
  let flushScheduled = false;
  let closed = false;
  const wakers = new Set<() => void>();

  /**
   * Stream revisions as this connection last wrote or read them: valid as long as no other process
   * has committed (data_version unchanged), which flush checks while holding the write lock.
   */
  const revisions = new Map<string, number>();
  let revisionsAtDataVersion = -1;

  function currentRevision(streamName: string): number | undefined {
    const known = revisions.get(streamName);
    if (known !== undefined) return known;
    const row = q.streamRevision.get(streamName) as { revision: number | null };
    if (row.revision !== null) remember(streamName, row.revision);
    return row.revision ?? undefined;
  }

  function remember(streamName: string, revision: number): void {
    if (revisions.size >= 100_000) revisions.clear();
    revisions.set(streamName, revision);
  }

  /** An append whose event ids are all stored already is a retry: answer as the first time. */
  function alreadyAppended(streamName: string, events: NewEvent[]): AppendResult | undefined {
    const first = q.byId.get(events[0]!.id) as { stream: string; revision: number; position: number } | undefined;
    if (!first) return undefined;
    let last = first;
    for (const [i, event] of events.entries()) {
      const found = q.byId.get(event.id) as typeof first | undefined;
      if (!found || found.stream !== streamName || found.revision !== first.revision + i) {
        throw new Error(`event ${event.id} was already appended as part of a different append`);
      }
      last = found;
    }
    return { nextExpectedRevision: last.revision, position: BigInt(last.position) };
  }

  function appendOne({ streamName, events, expected }: PendingAppend): AppendResult {
    const actual = currentRevision(streamName);
    const matches =
      expected === 'any' ||
      (expected === 'no_stream' && actual === undefined) ||
      (expected === 'stream_exists' && actual !== undefined) ||
      expected === actual;
    if (!matches) {
      // A retry of an append that went through finds the stream moved on by its own events.
      const retry = events.length > 0 ? alreadyAppended(streamName, events) : undefined;
      if (retry) return retry;
      throw new WrongExpectedRevision(streamName, expected, actual ?? 'no_stream');
    }
    const revision = actual ?? -1;
    if (events.length === 0) return { nextExpectedRevision: revision, position: BigInt((q.head.get() as { position: number }).position) };
    // One statement for the whole append: SQLite undoes a failed statement by itself, so no savepoint is needed.
    const values = events.flatMap((event, i) => [streamName, revision + 1 + i, event.id, event.type, JSON.stringify(event.data), JSON.stringify(event.metadata)]);
    try {
      const { lastInsertRowid } = insertStatement(events.length).run(...values);
      remember(streamName, revision + events.length);
      return { nextExpectedRevision: revision + events.length, position: BigInt(lastInsertRowid) };
    } catch (error) {
      if ((error as { errcode?: number }).errcode === SQLITE_CONSTRAINT_UNIQUE) throw new DuplicateEventId();
      throw error;
    }
  }

  const insertStatements = new Map<number, StatementSync>();
  function insertStatement(rows: number): StatementSync {
    let statement = insertStatements.get(rows);
    if (!statement) {
      const placeholders = Array.from({ length: rows }, () => '(?, ?, ?, ?, ?, ?)').join(', ');
      statement = db.prepare(`INSERT INTO events (stream, revision, id, type, data, metadata) VALUES ${placeholders}`);
      insertStatements.set(rows, statement);
    }
    return statement;
  }

  /** One transaction for every append queued since the last one. */
  function flush(): void {
    flushScheduled = false;
    const batch = pending;
    pending = [];
    if (batch.length === 0) return;
    const outcomes: Array<{ ok: true; result: AppendResult } | { ok: false; error: unknown }> = [];
    try {
      q.begin.run();
      const dataVersion = (q.dataVersion.get() as { data_version: number }).data_version;
      if (dataVersion !== revisionsAtDataVersion) {
        revisions.clear();
        revisionsAtDataVersion = dataVersion;
      }
      for (const request of batch) {
        try {
          outcomes.push({ ok: true, result: appendOne(request) });
        } catch (error) {
          // Event ids already stored (an idempotent retry with expected revision 'any'): answer as the first time.
          const retry = error instanceof DuplicateEventId ? alreadyAppended(request.streamName, request.events) : undefined;
          outcomes.push(retry ? { ok: true, result: retry } : { ok: false, error });
        }
      }
      q.commit.run();
    } catch (error) {
      if (db.isTransaction) db.exec('ROLLBACK');
      // What this batch wrote is undone: forget the revisions it remembered.
      revisions.clear();
      for (const request of batch) request.reject(error);
      return;
    }
    batch.forEach((request, i) => {
      const outcome = outcomes[i]!;
      if (outcome.ok) request.resolve(outcome.result);
      else request.reject(outcome.error);
    });
    wakeFollowers();
  }

  function wakeFollowers(): void {
    for (const wake of [...wakers]) wake();
  }

  // Commits by other processes on the same file (the CLI) are seen through data_version.
  let lastDataVersion = (q.dataVersion.get() as { data_version: number }).data_version;
  const poller = setInterval(() => {
    if (wakers.size === 0 || closed) return;
    const version = (q.dataVersion.get() as { data_version: number }).data_version;
    if (version !== lastDataVersion) {
      lastDataVersion = version;
      wakeFollowers();
    }
  }, POLL_MS);
  poller.unref();

  function toRecorded(row: Row): RecordedEvent {
    const [data, metadata] = JSON.parse(row.body) as [unknown, RecordedEvent['metadata']];
    return {
      id: row.id,
      type: row.type,
      data,
      metadata,
      streamName: row.stream,
      revision: row.revision,
      position: BigInt(row.position),
    };
  }

  /**
   * Streams read lately, as recorded. This process never changes a stored event (but for a migration's
   * rewriteStream, which drops the stream it rewrote), so while no other
   * connection has committed, a stream read again needs only the rows after those known: a command reads its dispute's whole stream, and parsing it all
   * again grew with every event. Shared events are frozen: whoever changed one would fail loudly
   * rather than change what the next reader gets. Bounded by the events held, least recent first out.
   */
  const streams = new Map<string, RecordedEvent[]>();
  let streamEventsHeld = 0;
  let streamsAtDataVersion = -1;
  function readStreamCached(streamName: string): RecordedEvent[] {
    // Another connection committed (the CLI, or someone altering the file: the audit must see that):
    // what is held may no longer be what is stored. This connection itself never changes an event.
    const dataVersion = (q.dataVersion.get() as { data_version: number }).data_version;
    if (dataVersion !== streamsAtDataVersion) {
      streams.clear();
      streamEventsHeld = 0;
      streamsAtDataVersion = dataVersion;
    }
    const known = streams.get(streamName) ?? [];
    const rows = q.readStream.all(streamName, known.length) as unknown as Row[];
    const events = rows.length > 0 ? [...known, ...rows.map((row) => deepFreeze(toRecorded(row)))] : known;
    streams.delete(streamName);
    streamEventsHeld += events.length - known.length;
    if (events.length > 0 && events.length <= STREAM_CACHE_EVENTS) streams.set(streamName, events);
    else streamEventsHeld -= events.length;
    for (const [name, evicted] of streams) {
      if (streamEventsHeld <= STREAM_CACHE_EVENTS) break;
      streams.delete(name);
      streamEventsHeld -= evicted.length;
    }
    return events;
  }

  function readAllSync({ after = 0n, maxCount = -1, streamPrefixes = [] }: ReadAllOptions = {}): RecordedEvent[] {
    const key = String(streamPrefixes.length);
    let statement = readAllStatements.get(key);
    if (!statement) {
      const filter = streamPrefixes.map(() => 'substr(stream, 1, ?) = ?').join(' OR ');
      statement = db.prepare(
        `SELECT ${COLUMNS} FROM events WHERE position > ? ${filter ? `AND (${filter})` : ''} ORDER BY position LIMIT ?`,
      );
      readAllStatements.set(key, statement);
    }
    // substr counts characters (code points), as the spread does; String.length counts UTF-16 units.
    const prefixParams = streamPrefixes.flatMap((prefix) => [[...prefix].length, prefix]);
    return (statement.all(after, ...prefixParams, maxCount) as unknown as Row[]).map(toRecorded);
  }

  return {
    appendToStream(streamName, events, { expectedRevision = 'any' } = {}) {
      if (closed) return Promise.reject(new Error('event store is closed'));
      return new Promise<AppendResult>((resolve, reject) => {
        pending.push({ streamName, events, expected: expectedRevision, resolve, reject });
        if (!groupCommit) return flush();
        if (!flushScheduled) {
          flushScheduled = true;
          // setImmediate lets every caller resumed by the previous commit join this batch.
          setImmediate(flush);
        }
      });
    },

    /**
     * Synchronous, so no group commit interleaves; the WAL is checkpointed and truncated after, so
     * no frame keeps the old content either.
     */
    async rewriteStream(streamName, events, expectedRevision) {
      if (closed) throw new Error('event store is closed');
      const update = db.prepare('UPDATE events SET data = ?, metadata = ? WHERE stream = ? AND id = ?');
      q.begin.run();
      try {
        const actual = (q.streamRevision.get(streamName) as { revision: number | null }).revision;
        if (actual !== expectedRevision) throw new WrongExpectedRevision(streamName, expectedRevision, actual ?? 'no_stream');
        for (const event of events) {
          const changed = update.run(JSON.stringify(event.data), JSON.stringify(event.metadata), streamName, event.id).changes;
          if (Number(changed) !== 1) throw new Error(`rewriteStream: no event ${event.id} in ${streamName}`);
        }
        q.commit.run();
      } catch (error) {
        if (db.isTransaction) db.exec('ROLLBACK');
        throw error;
      }
      // The one change to stored events: the stream held parsed is dropped, so the next read sees it.
      const held = streams.get(streamName);
      if (held) {
        streams.delete(streamName);
        streamEventsHeld -= held.length;
      }
      db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
    },

    async readStream(streamName, { fromRevision = 0 } = {}) {
      return readStreamCached(streamName).slice(fromRevision);
    },

    async readAll(options) {
      return readAllSync(options);
    },

    async headPosition() {
      return BigInt((q.head.get() as { position: number }).position);
    },

    subscribeToAll(options: SubscribeOptions, handler: BatchHandler): Subscription {
      let cursor = options.after ?? 0n;
      let stopped = false;
      let wake: (() => void) | undefined;
      let markCaughtUp!: () => void;
      let failCaughtUp!: (error: unknown) => void;
      const caughtUp = new Promise<void>((resolve, reject) => {
        markCaughtUp = resolve;
        failCaughtUp = reject;
      });
      caughtUp.catch(() => {});

      const idle = () =>
        new Promise<void>((resolve) => {
          wake = () => {
            wakers.delete(wake!);
            resolve();
          };
          wakers.add(wake);
        });

      let failures = 0;
      const delay = (ms: number) =>
        new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, ms);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      const run = async () => {
        let isCaughtUp = false;
        while (!stopped && !closed) {
          const head = BigInt((q.head.get() as { position: number }).position);
          const batch = readAllSync({ after: cursor, maxCount: PAGE, streamPrefixes: options.streamPrefixes });
          if (batch.length > 0) {
            try {
              await handler(batch);
              failures = 0;
            } catch {
              // The subscriber did not take the batch: offer it again, later (see BatchHandler).
              await delay(Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** failures++));
              continue;
            }
            cursor = batch.at(-1)!.position;
            continue;
          }
          // Nothing matched past the cursor: nothing up to the head read before the query is of interest.
          if (cursor < head) cursor = head;
          if (!isCaughtUp) {
            isCaughtUp = true;
            markCaughtUp();
          }
          await idle();
        }
      };
      const done = run().catch((error: unknown) => failCaughtUp(error));

      return {
        caughtUp,
        async stop() {
          stopped = true;
          wake?.();
          await done;
        },
      };
    },

    async close() {
      if (closed) return;
      if (pending.length > 0) flush();
      closed = true;
      clearInterval(poller);
      wakeFollowers();
      db.close();
    },
  };
}
