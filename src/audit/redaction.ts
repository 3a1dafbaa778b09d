/**
 * The audit trail as one person may see it (DOMAIN.md 6): every position of the stream is listed,
 * so the chain has no gaps, but an entry of a part they may not see (a caucus, a referral to
 * another authority, legal-aid circumstances) is shown as its hashes only: no type, actor or
 * summary. Each listed previousHash is then the hash of the entry before it, and the links of the
 * whole trail can be checked by anyone from what they are shown (verifyListedTrail), while the
 * content behind a redacted hash is checked by the server against the event store (verifyChain).
 */
import { GENESIS_HASH, type ChainVerification } from './hashChain.ts';

export interface TrailEntry {
  position: number;
  type: string;
  occurredAt: string;
  actor: { userId: string; role: string; onBehalfOf?: string | null };
  summary: string;
  hash: string;
  previousHash: string;
  redacted: boolean;
}

export const REDACTED = 'REDACTED';

/** An entry the person may not see: its place and hashes, nothing of what happened or who did it. */
export function redacted(entry: Pick<TrailEntry, 'position' | 'occurredAt' | 'hash' | 'previousHash'>): TrailEntry {
  return {
    position: entry.position,
    type: REDACTED,
    occurredAt: entry.occurredAt,
    actor: { userId: REDACTED, role: REDACTED, onBehalfOf: null },
    summary: '内容不公开 / not shown to you',
    hash: entry.hash,
    previousHash: entry.previousHash,
    redacted: true,
  };
}

/** The links of a listed trail: positions 0, 1, 2... and each previousHash the hash listed before it. */
export function verifyListedTrail(entries: ReadonlyArray<Pick<TrailEntry, 'position' | 'hash' | 'previousHash'>>): ChainVerification {
  let previous = GENESIS_HASH;
  for (const [i, entry] of entries.entries()) {
    if (entry.position !== i || entry.previousHash !== previous) return { valid: false, checkedEvents: i + 1, firstBrokenPosition: entry.position };
    previous = entry.hash;
  }
  return { valid: true, checkedEvents: entries.length };
}
