/**
 * Deadlines table: every open deadline of every dispute, for reminders, the automatic transitions
 * and the dockets. Derived from the dispute summary, which the runner applies first in the same
 * transaction; so this projection reads the current state instead of folding the events again.
 */
import { openDeadlines } from '../src/dispute/deadlines.ts';
import { DISPUTE_STREAM_PREFIX } from '../src/dispute/events.ts';
import type { RuleParameters } from '../src/rules/parameters.ts';
import { loadDisputeState, touchedDisputes } from './disputes.ts';
import type { Projection } from './projection.ts';

export function deadlinesProjection(rules: RuleParameters): Projection {
  return {
    name: 'deadlines',
    version: 1,
    streamPrefixes: [DISPUTE_STREAM_PREFIX],
    tables: ['deadlines'],
    schema: `
      CREATE TABLE IF NOT EXISTS deadlines (
        dispute_id  TEXT NOT NULL,
        kind        TEXT NOT NULL,
        ref         TEXT NOT NULL,
        due_at      TEXT NOT NULL,
        last_day    TEXT NOT NULL,
        provisional INTEGER NOT NULL,
        source      TEXT NOT NULL,
        PRIMARY KEY (dispute_id, kind, ref)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX IF NOT EXISTS deadlines_due ON deadlines (due_at);`,

    attach(db, mode = {}) {
      const clear = db.prepare('DELETE FROM deadlines WHERE dispute_id = ?');
      const insert = db.prepare(
        'INSERT INTO deadlines (dispute_id, kind, ref, due_at, last_day, provisional, source) VALUES (?, ?, ?, ?, ?, ?, ?)',
      );
      const load = loadDisputeState(db, mode);
      const written = mode.rebuilding ? new Set<string>() : undefined;
      return (events) => {
        for (const id of touchedDisputes(events)) {
          if (!written || written.has(id)) clear.run(id);
          written?.add(id);
          const state = load(id);
          if (!state) continue;
          for (const d of openDeadlines(state, rules)) {
            insert.run(id, d.kind, d.ref ?? '', d.dueAt, d.lastDay, d.provisional ? 1 : 0, d.source);
          }
        }
      };
    },
  };
}
