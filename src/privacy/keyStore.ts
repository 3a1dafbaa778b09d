/**
 * Subject keys (one AES-256 key per data subject), apart from the events: deleting a key is what
 * erases a person (crypto-shredding). The default is its own SQLite file, DATA_DIR/keys.sqlite;
 * anything with these four operations (a KMS, an HSM) can take its place.
 */
import { DatabaseSync } from 'node:sqlite';
import { newSubjectKey } from './envelope.ts';

export interface KeyStore {
  /** The keys of these subjects that exist (a deleted or never created key is absent). */
  keysOf(subjects: readonly string[]): Promise<Map<string, Buffer>>;
  /** The subject's key, created on first use. */
  keyFor(subject: string): Promise<Buffer>;
  /** Deletes the key for good; false when there was none. */
  delete(subject: string): Promise<boolean>;
  close(): Promise<void>;
}

/**
 * secure_delete zeroes the freed row on delete, and the WAL is checkpointed and truncated right
 * after, so neither the database file nor its -wal keeps a copy of a deleted key.
 * Keys are cached in memory once read; a deleted key leaves the cache at once.
 */
export function openSqliteKeyStore(path: string): KeyStore {
  const db = new DatabaseSync(path, { timeout: 10_000 });
  db.exec('PRAGMA secure_delete = ON; PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;');
  db.exec('CREATE TABLE IF NOT EXISTS subject_keys (subject TEXT PRIMARY KEY, key BLOB NOT NULL) STRICT');
  const get = db.prepare('SELECT key FROM subject_keys WHERE subject = ?');
  const insert = db.prepare('INSERT INTO subject_keys (subject, key) VALUES (?, ?) ON CONFLICT (subject) DO NOTHING');
  const remove = db.prepare('DELETE FROM subject_keys WHERE subject = ?');
  const cache = new Map<string, Buffer>();

  const read = (subject: string): Buffer | undefined => {
    const cached = cache.get(subject);
    if (cached) return cached;
    const row = get.get(subject) as { key: Uint8Array } | undefined;
    if (!row) return undefined;
    const key = Buffer.from(row.key);
    cache.set(subject, key);
    return key;
  };

  return {
    async keysOf(subjects) {
      const found = new Map<string, Buffer>();
      for (const subject of new Set(subjects)) {
        const key = read(subject);
        if (key) found.set(subject, key);
      }
      return found;
    },
    async keyFor(subject) {
      const existing = read(subject);
      if (existing) return existing;
      // Another process (the CLI) may create the same subject's key at once: the first insert wins.
      insert.run(subject, newSubjectKey());
      return read(subject)!;
    },
    async delete(subject) {
      cache.delete(subject);
      const deleted = Number(remove.run(subject).changes) > 0;
      db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
      return deleted;
    },
    async close() {
      cache.clear();
      db.close();
    },
  };
}
