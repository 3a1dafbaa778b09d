import type { EvidenceKind, PartySide } from '../dispute/model.ts';

export type EvidenceEvent =
  | {
      type: 'EvidenceSubmitted';
      data: {
        evidenceId: string;
        kind: EvidenceKind;
        description: string;
        fileName: string;
        mediaType: string;
        size: number;
        sha256: string;
        caucusSide?: PartySide;
      };
    }
  // caucusSide is repeated so that the audit entry of a caucus item stays in that caucus.
  | { type: 'EvidenceWithdrawn'; data: { evidenceId: string; caucusSide?: PartySide } }
  | { type: 'EvidenceDownloaded'; data: { evidenceId: string; caucusSide?: PartySide } };
