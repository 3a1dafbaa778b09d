/**
 * Open erasure proposals (`erasureProposals`, ADMIN): one row per proposal of the retention reactor,
 * closed by an erasure of the person (`PersonalDataErased`) or withdrawn when the person became
 * active again. Rebuilt from the erasure streams like any read model.
 */
import { ERASURE_STREAM_PREFIX, proposalKey, type ErasureEvent } from '../src/privacy/erasure.ts';
import type { Projection } from './projection.ts';
import type { ReadModelDb } from './readModel.ts';

export const erasureProposalsProjection: Projection = {
  name: 'erasureProposals',
  version: 1,
  streamPrefixes: [ERASURE_STREAM_PREFIX],
  tables: ['erasure_proposals'],
  schema: `
    CREATE TABLE IF NOT EXISTS erasure_proposals (
      seq         INTEGER PRIMARY KEY,
      person_id   TEXT NOT NULL,
      key         TEXT NOT NULL,
      record_type TEXT NOT NULL,
      rule        TEXT NOT NULL,
      due_at      TEXT NOT NULL,
      proposed_at TEXT NOT NULL,
      status      TEXT NOT NULL,
      closed_at   TEXT,
      UNIQUE (person_id, key)
    ) STRICT;
    CREATE INDEX IF NOT EXISTS erasure_proposals_open ON erasure_proposals (due_at) WHERE status = 'OPEN';`,
  attach(db) {
    const insert = db.prepare(`INSERT OR IGNORE INTO erasure_proposals (person_id, key, record_type, rule, due_at, proposed_at, status) VALUES (?, ?, ?, ?, ?, ?, 'OPEN')`);
    const withdraw = db.prepare(`UPDATE erasure_proposals SET status = 'WITHDRAWN', closed_at = ? WHERE person_id = ? AND key = ? AND status = 'OPEN'`);
    const settle = db.prepare(`UPDATE erasure_proposals SET status = 'SETTLED', closed_at = ? WHERE person_id = ? AND status = 'OPEN'`);
    return (events) => {
      for (const event of events as unknown as Array<ErasureEvent & { metadata: Record<string, unknown> }>) {
        const at = String(event.metadata.occurredAt ?? '');
        switch (event.type) {
          case 'ErasureProposed': {
            const { personId, recordType, rule, dueAt } = event.data;
            insert.run(personId, proposalKey(event.data), recordType, rule, dueAt, at);
            break;
          }
          case 'ErasureProposalWithdrawn':
            withdraw.run(at, event.data.personId, proposalKey(event.data));
            break;
          case 'PersonalDataErased':
            settle.run(event.data.erasedAt, event.data.personId);
            break;
        }
      }
    };
  },
};

export interface ErasureProposalRow {
  personId: string;
  recordType: string;
  rule: string;
  dueAt: string;
  proposedAt: string;
}

export function erasureProposalQueries(db: ReadModelDb) {
  const open = db.prepare(`SELECT * FROM erasure_proposals WHERE status = 'OPEN' ORDER BY due_at, seq`);
  return {
    open: (): ErasureProposalRow[] =>
      (open.all() as Array<Record<string, unknown>>).map((r) => ({
        personId: r.person_id as string,
        recordType: r.record_type as string,
        rule: r.rule as string,
        dueAt: r.due_at as string,
        proposedAt: r.proposed_at as string,
      })),
  };
}
