/**
 * The read model: one SQLite file in DATA_DIR, rebuildable from the events at any time.
 * synchronous=NORMAL is enough here: a lost last transaction is simply projected again from the
 * checkpoint, which is committed together with the writes it covers.
 */
import { DatabaseSync } from 'node:sqlite';

export type ReadModelDb = DatabaseSync;

export function openReadModel(path: string): ReadModelDb {
  const db = new DatabaseSync(path, { timeout: 10_000 });
  db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA cache_size = -65536; PRAGMA temp_store = MEMORY;');
  db.exec(`CREATE TABLE IF NOT EXISTS checkpoints (
    projection TEXT PRIMARY KEY,
    position   TEXT NOT NULL,
    version    INTEGER NOT NULL
  ) STRICT`);
  return db;
}

/** Runs fn in one write transaction (IMMEDIATE: take the write lock first, so a concurrent rebuild waits). */
export function inTransaction<T>(db: ReadModelDb, fn: () => T): T {
  db.exec('BEGIN IMMEDIATE');
  try {
    const result = fn();
    db.exec('COMMIT');
    return result;
  } catch (error) {
    if (db.isTransaction) db.exec('ROLLBACK');
    throw error;
  }
}
