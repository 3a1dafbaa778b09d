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

export const erasureStream = (personId: string) => `erasure-${personId}`;
export const ERASURE_STREAM_PREFIX = 'erasure-';
