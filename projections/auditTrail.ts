/** Audit trail: every event of every dispute in order, with actor, time, a summary and its hash link. */
import { DISPUTE_STREAM_PREFIX } from '../src/dispute/events.ts';
import { auditSection, summarize } from '../src/audit/summary.ts';
import type { SQLInputValue, StatementSync } from 'node:sqlite';
import type { Projection } from './projection.ts';

export const auditTrailProjection: Projection = {
  name: 'audit',
  version: 2,
  streamPrefixes: [DISPUTE_STREAM_PREFIX],
  tables: ['audit_trail'],
  schema: `
    CREATE TABLE IF NOT EXISTS audit_trail (
      dispute_id    TEXT NOT NULL,
      position      INTEGER NOT NULL,
      type          TEXT NOT NULL,
      occurred_at   TEXT NOT NULL,
      actor         TEXT NOT NULL,
      summary       TEXT NOT NULL,
      hash          TEXT NOT NULL,
      previous_hash TEXT NOT NULL,
      visibility    TEXT NOT NULL,
      PRIMARY KEY (dispute_id, position)
    ) STRICT, WITHOUT ROWID;`,

  attach(db) {
    // Rows go in by the chunk, one statement each: a rebuild writes a row per event, and a statement
    // per row cost more in calls than in SQLite's work.
    const statements = new Map<number, StatementSync>();
    const insert = (rows: number) => {
      let statement = statements.get(rows);
      if (!statement) {
        const values = Array.from({ length: rows }, () => '(?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ');
        statement = db.prepare(`
          INSERT OR REPLACE INTO audit_trail (dispute_id, position, type, occurred_at, actor, summary, hash, previous_hash, visibility)
          VALUES ${values}`);
        statements.set(rows, statement);
      }
      return statement;
    };
    return (events) => {
      for (let start = 0; start < events.length; start += CHUNK) {
        const chunk = events.slice(start, start + CHUNK);
        const values: SQLInputValue[] = [];
        for (const e of chunk) {
          const m = e.metadata;
          values.push(
            e.streamName.slice(DISPUTE_STREAM_PREFIX.length),
            e.revision,
            e.type,
            String(m.occurredAt),
            JSON.stringify(m.actor),
            summarize(e.type, e.data),
            String(m.hash ?? ''),
            String(m.previousHash ?? ''),
            auditSection(e.type, e.data),
          );
        }
        insert(chunk.length).run(...values);
      }
    };
  },
};

/** Rows per statement (9 parameters each, well under SQLite's limit of 32,766). */
const CHUNK = 64;
