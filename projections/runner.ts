/**
 * Runs the projections: one subscription to all events from the lowest checkpoint; each batch is
 * applied to every projection and their checkpoints advanced in one transaction. Checkpoints are
 * re-read inside that transaction, so a rebuild by the CLI on the same file is never undone.
 */
import { EventEmitter } from 'node:events';
import type { EventStore, RecordedEvent, Subscription } from '../src/eventstore/port.ts';
import { beginRebuild } from './disputes.ts';
import type { Projection } from './projection.ts';
import { inTransaction, type ReadModelDb } from './readModel.ts';

export interface ProjectionLogger {
  error(obj: object, msg: string): void;
  info(obj: object, msg: string): void;
}

interface Attached {
  projection: Projection;
  apply: (events: RecordedEvent[]) => void;
}

export class ProjectionRunner {
  readonly #db: ReadModelDb;
  readonly #store: EventStore;
  readonly #attached: Attached[];
  readonly #log: ProjectionLogger | undefined;
  readonly #events = new EventEmitter();
  #subscription: Subscription | undefined;
  #position = 0n;
  #caughtUp = false;
  #failure: unknown;

  constructor(db: ReadModelDb, store: EventStore, projections: Projection[], log?: ProjectionLogger) {
    this.#db = db;
    this.#store = store;
    this.#log = log;
    this.#events.setMaxListeners(0);
    for (const projection of projections) db.exec(projection.schema);
    this.#resetOutdated(projections);
    this.#attached = projections.map((projection) => ({ projection, apply: projection.attach(db) }));
  }

  /** The position up to which every projection has been applied. */
  get position(): bigint {
    return this.#position;
  }

  get caughtUp(): boolean {
    return this.#caughtUp;
  }

  /** Subscribes and resolves once the read model has caught up with the store. */
  async start(): Promise<void> {
    this.#position = this.#lowestCheckpoint();
    this.#subscription = this.#store.subscribeToAll({ after: this.#position }, (events) => this.#handle(events));
    await this.#subscription.caughtUp;
    // Everything that existed at start is in: also covers a store whose tail is not ours to project.
    const head = await this.#store.headPosition();
    if (head > this.#position) this.#position = head;
    this.#caughtUp = true;
    this.#events.emit('position');
  }

  async stop(): Promise<void> {
    await this.#subscription?.stop();
    this.#subscription = undefined;
  }

  /** Resolves when the read model reflects everything up to `position` (read-your-writes). */
  waitFor(position: bigint, timeoutMs = 10_000): Promise<void> {
    if (this.#position >= position) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const finish = (error?: unknown) => {
        clearTimeout(timer);
        this.#events.off('position', check);
        if (error) reject(error);
        else resolve();
      };
      const check = () => {
        if (this.#failure) finish(this.#failure);
        else if (this.#position >= position) finish();
      };
      const timer = setTimeout(() => finish(new Error(`read model did not reach ${position} in ${timeoutMs} ms`)), timeoutMs);
      this.#events.on('position', check);
    });
  }

  /** Called after each committed batch with the events it contained. */
  onCommitted(listener: (events: RecordedEvent[]) => void): () => void {
    this.#events.on('committed', listener);
    return () => this.#events.off('committed', listener);
  }

  #handle(events: RecordedEvent[]): void {
    try {
      this.#applyBatch(events);
    } catch (error) {
      // Never skip an event: the store offers the batch again. Meanwhile waiters learn of the failure.
      this.#failure = error;
      this.#log?.error({ err: error, position: String(events[0]?.position) }, 'projection failed; retrying');
      this.#events.emit('position');
      throw error;
    }
    this.#failure = undefined;
    this.#position = events.at(-1)!.position;
    this.#events.emit('committed', events);
    this.#events.emit('position');
  }

  #applyBatch(events: RecordedEvent[]): void {
    const last = events.at(-1)!.position;
    const read = this.#db.prepare('SELECT position FROM checkpoints WHERE projection = ?');
    const write = this.#db.prepare('UPDATE checkpoints SET position = ? WHERE projection = ?');
    inTransaction(this.#db, () => {
      for (const { projection, apply } of this.#attached) {
        const checkpoint = BigInt((read.get(projection.name) as { position: string }).position);
        if (checkpoint >= last) continue;
        const relevant = events.filter(
          (e) => e.position > checkpoint && projection.streamPrefixes.some((p) => e.streamName.startsWith(p)),
        );
        if (relevant.length > 0) apply(relevant);
        write.run(String(last), projection.name);
      }
    });
  }

  #lowestCheckpoint(): bigint {
    const rows = this.#db.prepare('SELECT projection, position FROM checkpoints').all() as Array<{ projection: string; position: string }>;
    const ours = rows.filter((r) => this.#attached.some((a) => a.projection.name === r.projection));
    return ours.reduce((min, r) => (BigInt(r.position) < min ? BigInt(r.position) : min), ours.length ? BigInt(ours[0]!.position) : 0n);
  }

  /** New projections start at 0; a projection whose version changed is emptied and starts again. */
  #resetOutdated(projections: Projection[]): void {
    const get = this.#db.prepare('SELECT version FROM checkpoints WHERE projection = ?');
    for (const projection of projections) {
      const row = get.get(projection.name) as { version: number } | undefined;
      if (row?.version === projection.version) continue;
      if (row) this.#log?.info({ projection: projection.name }, 'projection version changed: rebuilding');
      resetProjection(this.#db, projection);
    }
  }
}

/** Empties a projection's tables and sets its checkpoint back to the beginning. */
export function resetProjection(db: ReadModelDb, projection: Projection): void {
  for (const table of projection.tables) db.exec(`DROP TABLE IF EXISTS ${table}`);
  db.exec(projection.schema);
  db.prepare(
    `INSERT INTO checkpoints (projection, position, version) VALUES (?, '0', ?)
     ON CONFLICT (projection) DO UPDATE SET position = '0', version = excluded.version`,
  ).run(projection.name, projection.version);
}

/** What a rebuild took: the events read and where the time went (milliseconds). */
export interface RebuildReport {
  events: number;
  ms: { total: number; read: number; commit: number } & Record<string, number>;
}

/**
 * Rebuilds projections from the events, in one transaction that holds the write lock from the start:
 * a running server's runner waits, then continues from the rebuilt checkpoint.
 */
export async function rebuildProjections(db: ReadModelDb, store: EventStore, projections: Projection[]): Promise<RebuildReport> {
  const started = performance.now();
  const ms: RebuildReport['ms'] = { total: 0, read: 0, commit: 0, ...Object.fromEntries(projections.map((p) => [p.name, 0])) };
  const timed = <T>(key: string, work: () => T): T => {
    const t = performance.now();
    try {
      return work();
    } finally {
      ms[key] = (ms[key] ?? 0) + performance.now() - t;
    }
  };
  let events = 0;
  db.exec('BEGIN IMMEDIATE');
  try {
    const head = await store.headPosition();
    for (const projection of projections) resetProjection(db, projection);
    beginRebuild(db);
    const attached = projections.map((projection) => ({ projection, apply: projection.attach(db, { rebuilding: true }) }));
    let after = 0n;
    for (;;) {
      const t = performance.now();
      const batch = (await store.readAll({ after, maxCount: 5000 })).filter((e) => e.position <= head);
      // Most projections follow the same streams: each selection of a batch is made once.
      const selections = new Map<string, RecordedEvent[]>();
      const relevantTo = (prefixes: string[]) => {
        const key = prefixes.join('\n');
        let relevant = selections.get(key);
        if (!relevant) selections.set(key, (relevant = batch.filter((e) => prefixes.some((p) => e.streamName.startsWith(p)))));
        return relevant;
      };
      ms.read += performance.now() - t;
      if (batch.length === 0) break;
      for (const { projection, apply } of attached) {
        const relevant = relevantTo(projection.streamPrefixes);
        if (relevant.length > 0) timed(projection.name, () => apply(relevant));
      }
      events += batch.length;
      after = batch.at(-1)!.position;
      if (after >= head) break;
    }
    const write = db.prepare('UPDATE checkpoints SET position = ? WHERE projection = ?');
    for (const projection of projections) write.run(String(head), projection.name);
    timed('commit', () => db.exec('COMMIT'));
  } catch (error) {
    if (db.isTransaction) db.exec('ROLLBACK');
    throw error;
  }
  ms.total = performance.now() - started;
  for (const key of Object.keys(ms)) ms[key] = Math.round(ms[key]!);
  return { events, ms };
}
