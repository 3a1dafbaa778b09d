/**
 * Subject keys (AES-256, one per data subject), apart from the events: deleting a subject's keys is
 * what erases the person (crypto-shredding). The default is its own SQLite file, DATA_DIR/keys.sqlite;
 * anything with these four operations (a KMS, an HSM) can take its place.
 *
 * A key has an id of its own, named in every envelope it sealed: a person erased and then heard of
 * again (a reactor's event, a new filing) gets a new key, and what the old key sealed stays erased.
 */
import { randomBytes } from 'node:crypto';
import { DatabaseSync } from 'node:sqlite';
import { newSubjectKey } from './envelope.ts';

export interface SubjectKey {
  kid: string;
  key: Buffer;
}

export interface KeyStore {
  /** The keys of these ids that exist (a deleted key is absent). */
  keysOf(kids: readonly string[]): Promise<Map<string, Buffer>>;
  /** The subject's current key, created on first use. */
  keyFor(subject: string): Promise<SubjectKey>;
  /** Deletes every key of the subject for good; false when there was none. */
  delete(subject: string): Promise<boolean>;
  close(): Promise<void>;
}

/**
 * secure_delete zeroes the freed rows on delete, and the WAL is checkpointed and truncated right
 * after, so neither the database file nor its -wal keeps a copy of a deleted key.
 * Keys are cached in memory once read; a deleted key leaves this process's cache at once (another
 * process that read it, such as a CLI run at the same moment, forgets it when it exits).
 */
export function openSqliteKeyStore(path: string): KeyStore {
  const db = new DatabaseSync(path, { timeout: 10_000 });
  db.exec('PRAGMA secure_delete = ON; PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;');
  db.exec(`CREATE TABLE IF NOT EXISTS subject_keys (
    kid     TEXT PRIMARY KEY,
    subject TEXT NOT NULL,
    key     BLOB NOT NULL
  ) STRICT;
  CREATE INDEX IF NOT EXISTS subject_keys_subject ON subject_keys (subject);`);
  const byKid = db.prepare('SELECT key FROM subject_keys WHERE kid = ?');
  const current = db.prepare('SELECT kid, key FROM subject_keys WHERE subject = ? ORDER BY rowid DESC LIMIT 1');
  const insert = db.prepare('INSERT INTO subject_keys (kid, subject, key) VALUES (?, ?, ?)');
  const remove = db.prepare('DELETE FROM subject_keys WHERE subject = ?');
  const keys = new Map<string, Buffer>();
  const currentOf = new Map<string, SubjectKey>();

  const read = (kid: string): Buffer | undefined => {
    const cached = keys.get(kid);
    if (cached) return cached;
    const row = byKid.get(kid) as { key: Uint8Array } | undefined;
    if (!row) return undefined;
    const key = Buffer.from(row.key);
    keys.set(kid, key);
    return key;
  };

  return {
    async keysOf(kids) {
      const found = new Map<string, Buffer>();
      for (const kid of new Set(kids)) {
        const key = read(kid);
        if (key) found.set(kid, key);
      }
      return found;
    },
    async keyFor(subject) {
      const cached = currentOf.get(subject);
      if (cached) return cached;
      let row = current.get(subject) as { kid: string; key: Uint8Array } | undefined;
      if (!row) {
        // Two processes creating a subject's first key at once each get one: both open what they sealed.
        const kid = `${subject}/${randomBytes(8).toString('hex')}`;
        insert.run(kid, subject, newSubjectKey());
        row = current.get(subject) as { kid: string; key: Uint8Array };
      }
      const found = { kid: row.kid, key: Buffer.from(row.key) };
      currentOf.set(subject, found);
      keys.set(found.kid, found.key);
      return found;
    },
    async delete(subject) {
      currentOf.delete(subject);
      for (const kid of keys.keys()) if (kid.startsWith(`${subject}/`)) keys.delete(kid);
      const deleted = Number(remove.run(subject).changes) > 0;
      db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
      return deleted;
    },
    async close() {
      keys.clear();
      currentOf.clear();
      db.close();
    },
  };
}
