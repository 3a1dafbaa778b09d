import type { PartySide } from '../dispute/model.ts';
import type { EvidenceFile } from '../dispute/state.ts';

export type EvidenceEvent =
  | {
      type: 'EvidenceSubmitted';
      data: { evidenceId: string } & EvidenceFile;
    }
  // caucusSide is repeated so that the audit entry of a caucus item stays in that caucus.
  | { type: 'EvidenceWithdrawn'; data: { evidenceId: string; caucusSide?: PartySide } }
  | { type: 'EvidenceDownloaded'; data: { evidenceId: string; caucusSide?: PartySide } };
