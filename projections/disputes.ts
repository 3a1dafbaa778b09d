/**
 * Dispute summary: the folded state of each dispute (the same fold as the decider's), with the
 * columns the list queries filter on and the keys of everyone who may see it (src/dispute/access.ts).
 */
import { grants } from '../src/dispute/access.ts';
import { evolve } from '../src/dispute/dispute.ts';
import { DISPUTE_STREAM_PREFIX, type StoredDisputeEvent } from '../src/dispute/events.ts';
import { initialState, type DisputeState } from '../src/dispute/state.ts';
import type { Projection } from './projection.ts';
import type { ReadModelDb } from './readModel.ts';

export const disputesProjection: Projection = {
  name: 'disputes',
  version: 2,
  streamPrefixes: [DISPUTE_STREAM_PREFIX],
  tables: ['disputes', 'dispute_keys', 'dispute_categories'],
  schema: `
    CREATE TABLE IF NOT EXISTS disputes (
      seq            INTEGER PRIMARY KEY,
      id             TEXT NOT NULL UNIQUE,
      case_number    TEXT NOT NULL,
      status         TEXT NOT NULL,
      institution_id TEXT,
      filed_at       TEXT NOT NULL,
      updated_at     TEXT NOT NULL,
      doc            TEXT NOT NULL
    ) STRICT;
    CREATE INDEX IF NOT EXISTS disputes_case_number ON disputes (case_number);
    CREATE TABLE IF NOT EXISTS dispute_keys (
      key        TEXT NOT NULL,
      dispute_id TEXT NOT NULL,
      PRIMARY KEY (key, dispute_id)
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX IF NOT EXISTS dispute_keys_dispute ON dispute_keys (dispute_id);
    CREATE TABLE IF NOT EXISTS dispute_categories (
      category   TEXT NOT NULL,
      dispute_id TEXT NOT NULL,
      PRIMARY KEY (category, dispute_id)
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX IF NOT EXISTS dispute_categories_dispute ON dispute_categories (dispute_id);`,

  attach(db) {
    const upsert = db.prepare(`
      INSERT INTO disputes (id, case_number, status, institution_id, filed_at, updated_at, doc)
      VALUES (?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (id) DO UPDATE SET status = excluded.status, institution_id = excluded.institution_id,
        updated_at = excluded.updated_at, doc = excluded.doc`);
    const deleteKeys = db.prepare('DELETE FROM dispute_keys WHERE dispute_id = ?');
    const insertKey = db.prepare('INSERT OR IGNORE INTO dispute_keys (key, dispute_id) VALUES (?, ?)');
    const insertCategory = db.prepare('INSERT OR IGNORE INTO dispute_categories (category, dispute_id) VALUES (?, ?)');
    const load = loadDisputeState(db);

    return (events) => {
      // Fold the whole batch in memory; write each touched dispute once.
      const touched = new Map<string, { before: DisputeState; after: DisputeState }>();
      for (const event of events) {
        const id = event.streamName.slice(DISPUTE_STREAM_PREFIX.length);
        const entry = touched.get(id) ?? (() => {
          const before = load(id) ?? initialState(id);
          return { before, after: before };
        })();
        entry.after = evolve(entry.after, event as unknown as StoredDisputeEvent);
        touched.set(id, entry);
      }
      for (const [id, { before, after: state }] of touched) {
        upsert.run(id, state.caseNumber, state.status, state.respondent.institutionId ?? null, state.filedAt, state.updatedAt, JSON.stringify(state));
        const isNew = before.version < 0;
        const keys = grants(state).map(([key]) => key);
        if (isNew || keys.join() !== grants(before).map(([key]) => key).join()) {
          if (!isNew) deleteKeys.run(id);
          for (const key of keys) insertKey.run(key, id);
        }
        // Categories are given at filing and never change.
        if (isNew) for (const category of state.categories) insertCategory.run(category, id);
      }
    };
  },
};

export function loadDisputeState(db: ReadModelDb): (id: string) => DisputeState | undefined {
  const select = db.prepare('SELECT doc FROM disputes WHERE id = ?');
  return (id) => {
    const row = select.get(id) as { doc: string } | undefined;
    return row ? (JSON.parse(row.doc) as DisputeState) : undefined;
  };
}
