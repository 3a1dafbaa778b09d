/**
 * Published typical cases, for the public query `typicalCases`: a row per case while it is published,
 * holding exactly what its TypicalCasePublished event fixed (the de-identified text and facts).
 */
import { DISPUTE_STREAM_PREFIX } from '../src/dispute/events.ts';
import type { Category } from '../src/dispute/model.ts';
import type { PublishedTypicalCase, TypicalCaseEvent } from '../src/typicalcases/events.ts';
import type { Projection } from './projection.ts';
import type { ReadModelDb } from './readModel.ts';

export const typicalCasesProjection: Projection = {
  name: 'typicalCases',
  version: 1,
  streamPrefixes: [DISPUTE_STREAM_PREFIX],
  tables: ['typical_cases', 'typical_case_categories'],
  schema: `
    CREATE TABLE IF NOT EXISTS typical_cases (
      seq          INTEGER PRIMARY KEY,
      id           TEXT NOT NULL UNIQUE,
      dispute_id   TEXT NOT NULL,
      published_at TEXT NOT NULL,
      search       TEXT NOT NULL,
      doc          TEXT NOT NULL
    ) STRICT;
    CREATE INDEX IF NOT EXISTS typical_cases_dispute ON typical_cases (dispute_id);
    CREATE TABLE IF NOT EXISTS typical_case_categories (
      category TEXT NOT NULL,
      id       TEXT NOT NULL,
      PRIMARY KEY (category, id)
    ) STRICT, WITHOUT ROWID;`,

  attach(db) {
    const insert = db.prepare('INSERT INTO typical_cases (id, dispute_id, published_at, search, doc) VALUES (?, ?, ?, ?, ?)');
    const insertCategory = db.prepare('INSERT OR IGNORE INTO typical_case_categories (category, id) VALUES (?, ?)');
    const remove = db.prepare('DELETE FROM typical_cases WHERE id = ?');
    const removeCategories = db.prepare('DELETE FROM typical_case_categories WHERE id = ?');
    return (events) => {
      for (const event of events) {
        const e = event as unknown as TypicalCaseEvent;
        if (e.type === 'TypicalCasePublished') {
          const { typicalCaseId: id, published } = e.data;
          remove.run(id);
          removeCategories.run(id);
          const search = [published.title, published.summary, published.procedure].join('\n');
          insert.run(id, event.streamName.slice(DISPUTE_STREAM_PREFIX.length), String(event.metadata.occurredAt), search, JSON.stringify(published));
          for (const category of published.categories) insertCategory.run(category, id);
        } else if (e.type === 'TypicalCaseWithdrawn') {
          remove.run(e.data.typicalCaseId);
          removeCategories.run(e.data.typicalCaseId);
        }
      }
    };
  },
};

export interface TypicalCaseRow {
  seq: number;
  id: string;
  publishedAt: string;
  published: PublishedTypicalCase;
}

export function typicalCaseQueries(db: ReadModelDb) {
  return {
    /** Published cases, newest first; `search` is matched literally in the title, summary and treatment. */
    typicalCases(filter: { category?: Category; search?: string }, first: number, afterSeq?: number) {
      const where = ['1'];
      const params: Array<string | number> = [];
      if (filter.category) (where.push('t.id IN (SELECT id FROM typical_case_categories WHERE category = ?)'), params.push(filter.category));
      if (filter.search) (where.push('instr(t.search, ?) > 0'), params.push(filter.search));
      const condition = where.join(' AND ');
      const totalCount = (db.prepare(`SELECT count(*) AS n FROM typical_cases t WHERE ${condition}`).get(...params) as { n: number }).n;
      const rows = db
        .prepare(`SELECT seq, id, published_at, doc FROM typical_cases t WHERE ${condition} ${afterSeq !== undefined ? 'AND t.seq < ?' : ''} ORDER BY t.seq DESC LIMIT ?`)
        .all(...params, ...(afterSeq !== undefined ? [afterSeq] : []), first + 1) as Array<{ seq: number; id: string; published_at: string; doc: string }>;
      const items: TypicalCaseRow[] = rows.slice(0, first).map((r) => ({ seq: r.seq, id: r.id, publishedAt: r.published_at, published: JSON.parse(r.doc) }));
      return { items, hasNextPage: rows.length > first, totalCount };
    },
  };
}
