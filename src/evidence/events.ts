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
  | { type: 'EvidenceWithdrawn'; data: { evidenceId: string } }
  | { type: 'EvidenceDownloaded'; data: { evidenceId: string } };
