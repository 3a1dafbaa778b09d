import type { Evolvers } from '../dispute/decider.ts';
import type { EvidenceEvent } from './events.ts';

export const evidenceEvolvers: Evolvers<EvidenceEvent> = {
  EvidenceSubmitted: (state, { evidenceId, ...item }, { actor, occurredAt }) => ({
    ...state,
    evidence: [...state.evidence, { id: evidenceId, ...item, submittedBy: actor, submittedAt: occurredAt, withdrawn: false }],
  }),

  // Marked, never removed: the record keeps what was once submitted (DOMAIN.md 2.9).
  EvidenceWithdrawn: (state, { evidenceId }) => ({
    ...state,
    evidence: state.evidence.map((e) => (e.id === evidenceId ? { ...e, withdrawn: true } : e)),
  }),

  // A download changes nothing in the dispute; the event is there for the audit trail.
  EvidenceDownloaded: (state) => state,
};
