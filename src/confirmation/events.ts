import type { Instant, PartySide, RefusalGround } from '../dispute/model.ts';

export type ConfirmationEvent =
  | { type: 'ConfirmationApplied'; data: { side: PartySide; court: string } }
  /** Both parties applied to the same court (CPL Art. 205). */
  | { type: 'ConfirmationRequested'; data: { court: string } }
  | { type: 'ConfirmationApplicationAccepted'; data: { court: string } }
  | {
      type: 'ConfirmationRuled';
      data: { confirmed: boolean; rulingNumber?: string; grounds?: RefusalGround[]; note?: string };
    }
  /** JC_APPLY_WINDOW passed without a joint application. */
  | { type: 'ConfirmationWindowLapsed'; data: { dueAt: Instant } };
