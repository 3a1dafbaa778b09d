import type { Instant, Outcome, PartySide } from '../dispute/model.ts';

export type PerformanceEvent =
  | { type: 'PerformanceRecorded'; data: { obligationId: string; note?: string } }
  | { type: 'PerformanceConfirmed'; data: { obligationId: string } }
  | { type: 'ObligationOverdue'; data: { obligationId: string; dueAt: Instant } }
  | { type: 'EnforcementApplied'; data: { side: PartySide } }
  | { type: 'DisputeClosed'; data: { outcome: Outcome; note?: string } };
