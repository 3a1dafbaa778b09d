import type { RecordedEvent } from '../src/eventstore/port.ts';
import type { ReadModelDb } from './readModel.ts';

/**
 * A read model: its tables and how a batch of events changes them. `apply` runs inside the
 * runner's transaction, together with the checkpoint update, and must be a pure function of the
 * events and the tables' current content (no clock, no I/O).
 */
export interface Projection {
  name: string;
  /** Bump when the tables or their meaning change: the projection is then rebuilt at start. */
  version: number;
  /** Only events of streams with these prefixes reach apply. */
  streamPrefixes: string[];
  /** CREATE TABLE IF NOT EXISTS ... */
  schema: string;
  /** Tables dropped before a rebuild. */
  tables: string[];
  /** Binds prepared statements to the database; returns the batch handler. */
  attach(db: ReadModelDb, mode?: AttachMode): (events: RecordedEvent[]) => void;
}

export interface AttachMode {
  /**
   * The tables were emptied for this handler (a rebuild holding the write lock): the only rows are
   * those it wrote itself, so there is nothing to read or delete for an id it has not written yet.
   */
  rebuilding?: boolean;
}
