/**
 * The per-stream audit hash chain (DOMAIN.md 6):
 * hash = SHA-256(previous hash + canonical JSON of { type, data, metadata, position }),
 * where metadata is everything but the hash itself and canonical JSON is RFC 8785 (JCS).
 */
import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';

export const GENESIS_HASH = '0'.repeat(64);

export interface ChainedEvent {
  type: string;
  data: unknown;
  metadata: Record<string, unknown>;
  revision: number;
}

export function chainHash(previousHash: string, event: ChainedEvent): string {
  const { hash: _ignored, ...metadata } = event.metadata;
  const canonical = canonicalize({ type: event.type, data: event.data, metadata, position: event.revision });
  return createHash('sha256').update(previousHash).update(canonical ?? '').digest('hex');
}

export interface ChainVerification {
  valid: boolean;
  checkedEvents: number;
  /** Stream position of the first event whose link does not hold. */
  firstBrokenPosition?: number;
}

/** Walks a stream in order; stops at the first event whose stored hashes do not match its content. */
export function verifyChain(events: ChainedEvent[]): ChainVerification {
  let previous = GENESIS_HASH;
  for (const [i, event] of events.entries()) {
    const broken =
      event.revision !== i ||
      event.metadata.previousHash !== previous ||
      event.metadata.hash !== chainHash(previous, event);
    if (broken) return { valid: false, checkedEvents: i + 1, firstBrokenPosition: event.revision };
    previous = event.metadata.hash as string;
  }
  return { valid: true, checkedEvents: events.length };
}
