/** Cursor pagination shared by the list queries (`disputes`, `institutions`). */
import { decodeCursor } from '../../projections/queries.ts';
import type { InputIssue } from '../shared/errors.ts';

export interface Page {
  first: number;
  afterSeq?: number;
  issues: InputIssue[];
}

/** Reads `first` (default 20, at most 100) and `after`; bad values become issues naming them. */
export function pageOf(first: number | null | undefined, after: string | null | undefined): Page {
  const issues: InputIssue[] = [];
  const size = first ?? 20;
  if (!Number.isInteger(size) || size < 0 || size > 100) issues.push({ path: 'first', message: '应为 0 到 100 / must be between 0 and 100' });
  const afterSeq = after ? decodeCursor(after) : undefined;
  if (after && afterSeq === undefined) issues.push({ path: 'after', message: '无效的游标 / not a cursor of this list' });
  return { first: size, afterSeq, issues };
}

export function connection<Node>(edges: Array<{ cursor: string; node: Node }>, hasNextPage: boolean, totalCount: number) {
  return { edges, pageInfo: { hasNextPage, endCursor: edges.at(-1)?.cursor ?? null }, totalCount };
}
