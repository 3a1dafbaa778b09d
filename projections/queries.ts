/** Reads of the read model, used by the GraphQL resolvers and the reactors. */
import type { Category, Status } from '../src/dispute/model.ts';
import type { DisputeState } from '../src/dispute/state.ts';
import type { Section } from '../src/dispute/view.ts';
import { UNIVERSAL_KEYS } from '../src/dispute/access.ts';
import { loadDisputeState } from './disputes.ts';
import type { ReadModelDb } from './readModel.ts';
import { publicQueries } from './statistics.ts';
import { typicalCaseQueries } from './typicalCases.ts';

export interface DisputeListFilter {
  status?: Status;
  category?: Category;
  institutionId?: string;
}

export interface DisputePage {
  items: Array<{ cursor: string; state: DisputeState }>;
  hasNextPage: boolean;
  totalCount: number;
}

export interface AuditRow {
  position: number;
  type: string;
  occurredAt: string;
  actor: { userId: string; role: string; onBehalfOf?: string };
  summary: string;
  hash: string;
  previousHash: string;
  visibility: Section;
}

export interface DeadlineRow {
  disputeId: string;
  kind: string;
  ref: string;
  dueAt: string;
  lastDay: string;
  provisional: boolean;
  source: string;
}

export const encodeCursor = (seq: number) => Buffer.from(`d:${seq}`).toString('base64url');
export function decodeCursor(cursor: string): number | undefined {
  const match = /^d:(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString());
  return match ? Number(match[1]) : undefined;
}

export function readQueries(db: ReadModelDb) {
  const load = loadDisputeState(db);
  const byCaseNumber = db.prepare('SELECT id FROM disputes WHERE case_number = ?');
  const audit = db.prepare('SELECT * FROM audit_trail WHERE dispute_id = ? ORDER BY position');
  const dueBefore = db.prepare('SELECT * FROM deadlines WHERE due_at <= ? ORDER BY due_at');
  const deadlinesOf = db.prepare('SELECT * FROM deadlines WHERE dispute_id = ? ORDER BY due_at');
  const toDeadline = (r: Record<string, unknown>): DeadlineRow => ({
    disputeId: r.dispute_id as string,
    kind: r.kind as string,
    ref: r.ref as string,
    dueAt: r.due_at as string,
    lastDay: r.last_day as string,
    provisional: r.provisional === 1,
    source: r.source as string,
  });

  /** Disputes any of `keys` may see (src/dispute/access.ts); a universal key sees them all. */
  const visibleTo = (keys: string[]) =>
    keys.some((key) => UNIVERSAL_KEYS.has(key))
      ? { sql: '1', params: [] }
      : { sql: `d.id IN (SELECT dispute_id FROM dispute_keys WHERE key IN (${keys.map(() => '?').join(',')}))`, params: keys };

  return {
    dispute: load,
    disputeByCaseNumber: (caseNumber: string) => {
      const row = byCaseNumber.get(caseNumber) as { id: string } | undefined;
      return row && load(row.id);
    },

    /** Disputes any of `keys` may see (src/dispute/access.ts), newest first. */
    disputes(keys: string[], filter: DisputeListFilter, first: number, afterSeq?: number): DisputePage {
      if (keys.length === 0) return { items: [], hasNextPage: false, totalCount: 0 };
      const visible = visibleTo(keys);
      const where = [visible.sql];
      const params: Array<string | number> = [...visible.params];
      if (filter.status) (where.push('d.status = ?'), params.push(filter.status));
      if (filter.institutionId) (where.push('d.institution_id = ?'), params.push(filter.institutionId));
      if (filter.category) {
        where.push('d.id IN (SELECT dispute_id FROM dispute_categories WHERE category = ?)');
        params.push(filter.category);
      }
      const condition = where.join(' AND ');
      const totalCount = (db.prepare(`SELECT count(*) AS n FROM disputes d WHERE ${condition}`).get(...params) as { n: number }).n;
      const page = db
        .prepare(`SELECT d.seq, d.id FROM disputes d WHERE ${condition} ${afterSeq !== undefined ? 'AND d.seq < ?' : ''} ORDER BY d.seq DESC LIMIT ?`)
        .all(...params, ...(afterSeq !== undefined ? [afterSeq] : []), first + 1) as Array<{ seq: number; id: string }>;
      return {
        items: page.slice(0, first).map((r) => ({ cursor: encodeCursor(r.seq), state: load(r.id)! })),
        hasNextPage: page.length > first,
        totalCount,
      };
    },

    auditTrail(disputeId: string): AuditRow[] {
      return (audit.all(disputeId) as Array<Record<string, unknown>>).map((r) => ({
        position: r.position as number,
        type: r.type as string,
        occurredAt: r.occurred_at as string,
        actor: JSON.parse(r.actor as string),
        summary: r.summary as string,
        hash: r.hash as string,
        previousHash: r.previous_hash as string,
        visibility: r.visibility as Section,
      }));
    },

    deadlinesDueBy: (instant: string) => (dueBefore.all(instant) as Array<Record<string, unknown>>).map(toDeadline),
    deadlinesOf: (disputeId: string) => (deadlinesOf.all(disputeId) as Array<Record<string, unknown>>).map(toDeadline),

    /** Disputes any of `keys` may see that are not yet terminal, for the dockets. */
    openDisputes(keys: string[]): DisputeState[] {
      if (keys.length === 0) return [];
      const visible = visibleTo(keys);
      const rows = db
        .prepare(`SELECT d.id FROM disputes d WHERE d.status NOT IN ('REJECTED', 'CLOSED', 'WITHDRAWN') AND ${visible.sql} ORDER BY d.seq`)
        .all(...visible.params) as Array<{ id: string }>;
      return rows.map((r) => load(r.id)!);
    },

    ...publicQueries(db),
    ...typicalCaseQueries(db),
  };
}

export type ReadQueries = ReturnType<typeof readQueries>;
