/**
 * Erasure records (PIPL Art. 47). Each names what was erased (record kinds and field paths), never
 * the data itself. The erasure's own stream holds the request; every dispute that held the person's
 * data gets an entry in its chained stream, so that its audit trail shows the erasure.
 */
import type { Instant } from '../dispute/model.ts';

export type ErasureRecord = {
  type: 'PersonalDataErased';
  data: {
    personId: string;
    /** Why (the ADMIN's note, e.g. the request under PIPL Art. 47); on the erasure stream only. */
    reason?: string;
    erasedAt: Instant;
    /** `EventType.field.path` of each kind of value erased, and `EvidenceFile` when files were deleted. */
    what: string[];
    /** On the erasure stream: the disputes whose records held the person's data. */
    disputeIds?: string[];
    evidenceFilesDeleted?: number;
  };
};

/**
 * A stream written before personal data was sealed, rewritten so that one person's values are sealed
 * (src/privacy/migration.ts): the hashes from the first event on were computed again, and this entry,
 * chained after them, names the chain head and length before the rewrite, so the rewrite is auditable.
 */
export type ResealRecord = {
  type: 'PersonalDataResealed';
  data: {
    personId: string;
    resealedAt: Instant;
    /** The last hash and the number of events of the stream before it was rewritten. */
    previousHeadHash: string;
    previousEventCount: number;
    /** `EventType.field.path` of each kind of value sealed. */
    what: string[];
  };
};

export type PrivacyRecord = ErasureRecord | ResealRecord;

export { ERASURE_STREAM_PREFIX, erasureStream } from './erasure.ts';
