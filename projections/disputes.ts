/**
 * Dispute summary: the folded state of each dispute (the same fold as the decider's), with the
 * columns the list queries filter on and the keys of everyone who may see it (src/dispute/access.ts).
 */
import { grants, UNIVERSAL_KEYS } from '../src/dispute/access.ts';
import { evolve } from '../src/dispute/dispute.ts';
import { DISPUTE_STREAM_PREFIX, type StoredDisputeEvent } from '../src/dispute/events.ts';
import { initialState, type DisputeState } from '../src/dispute/state.ts';
import type { AttachMode, Projection } from './projection.ts';
import type { ReadModelDb } from './readModel.ts';

export const disputesProjection: Projection = {
  name: 'disputes',
  version: 3,
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
      version        INTEGER NOT NULL,
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

  attach(db, mode = {}) {
    const upsert = db.prepare(`
      INSERT INTO disputes (id, case_number, status, institution_id, filed_at, updated_at, version, doc)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (id) DO UPDATE SET status = excluded.status, institution_id = excluded.institution_id,
        updated_at = excluded.updated_at, version = excluded.version, doc = excluded.doc`);
    const deleteKeys = db.prepare('DELETE FROM dispute_keys WHERE dispute_id = ?');
    const insertKey = db.prepare('INSERT OR IGNORE INTO dispute_keys (key, dispute_id) VALUES (?, ?)');
    const insertCategory = db.prepare('INSERT OR IGNORE INTO dispute_categories (category, dispute_id) VALUES (?, ?)');
    const load = loadDisputeState(db, mode);
    const cache = stateCache(db);
    const written = mode.rebuilding ? new Set<string>() : undefined;
    if (written) cache.rebuilt = written;

    return (events) => {
      // Fold the whole batch in memory; write each touched dispute once.
      const touched = new Map<string, { before: DisputeState; after: DisputeState }>();
      for (const event of events) {
        const id = event.streamName.slice(DISPUTE_STREAM_PREFIX.length);
        let entry = touched.get(id);
        if (!entry) {
          const before = (written && !written.has(id) ? undefined : load(id)) ?? initialState(id);
          touched.set(id, (entry = { before, after: before }));
          written?.add(id);
        }
        entry.after = evolve(entry.after, event as unknown as StoredDisputeEvent);
      }
      for (const [id, { before, after: state }] of touched) {
        upsert.run(id, state.caseNumber, state.status, state.respondent.institutionId ?? null, state.filedAt, state.updatedAt, state.version, JSON.stringify(state));
        cache.remember(id, state);
        const isNew = before.version < 0;
        const keys = storedKeys(state);
        if (isNew || keys.join() !== storedKeys(before).join()) {
          if (!isNew) deleteKeys.run(id);
          for (const key of keys) insertKey.run(key, id);
        }
        // Categories are given at filing and never change.
        if (isNew) for (const category of state.categories) insertCategory.run(category, id);
      }
    };
  },
};

/** The ids of the disputes a batch touches, in order of first appearance. */
export function touchedDisputes(events: readonly { streamName: string }[]): Set<string> {
  const ids = new Set<string>();
  for (const e of events) ids.add(e.streamName.slice(DISPUTE_STREAM_PREFIX.length));
  return ids;
}

/** Keys granted by every dispute (see UNIVERSAL_KEYS) are not stored: the list query knows them. */
const storedKeys = (state: DisputeState) => grants(state).map(([key]) => key).filter((key) => !UNIVERSAL_KEYS.has(key));

/**
 * Folded states by id, as last written, so that the projections derived from this one and the
 * queries need not parse the stored document again. An entry counts only while its version is the
 * stored one (a rebuild by another process changes nothing then: a rebuild gives the same states).
 * States are never mutated, only replaced, so sharing them is safe.
 */
const CACHE_SIZE = 20_000;
const caches = new WeakMap<ReadModelDb, ReturnType<typeof newStateCache>>();

function newStateCache() {
  const entries = new Map<string, DisputeState>();
  return {
    /** The disputes the running rebuild has stored (see beginRebuild). */
    rebuilt: undefined as Set<string> | undefined,
    get: (id: string) => entries.get(id),
    remember(id: string, state: DisputeState) {
      entries.delete(id);
      entries.set(id, state);
      if (entries.size > CACHE_SIZE) entries.delete(entries.keys().next().value!);
    },
  };
}

function stateCache(db: ReadModelDb) {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = newStateCache()));
  return cache;
}

/** A rebuild starts: states stored by an earlier one are no longer known to be current. */
export function beginRebuild(db: ReadModelDb): void {
  stateCache(db).rebuilt = undefined;
}

/**
 * The stored state of a dispute, from the cache when it is current. While rebuilding, the rebuild
 * holds the write lock, and a state this rebuild stored is in the cache as stored: no version to check.
 */
export function loadDisputeState(db: ReadModelDb, mode: AttachMode = {}): (id: string) => DisputeState | undefined {
  const version = db.prepare('SELECT version FROM disputes WHERE id = ?');
  const doc = db.prepare('SELECT doc FROM disputes WHERE id = ?');
  const cache = stateCache(db);
  return (id) => {
    const rebuilt = mode.rebuilding && cache.rebuilt?.has(id) ? cache.get(id) : undefined;
    if (rebuilt) return rebuilt;
    const row = version.get(id) as { version: number } | undefined;
    if (!row) return undefined;
    const cached = cache.get(id);
    if (cached?.version === row.version) return cached;
    const state = JSON.parse((doc.get(id) as { doc: string }).doc) as DisputeState;
    cache.remember(id, state);
    return state;
  };
}
