import type { AuthorityKind, Category, Procedure, RejectionReason } from '../dispute/model.ts';
import type { Complaint } from '../dispute/state.ts';

export type IntakeEvent =
  | {
      type: 'DisputeFiled';
      data: { disputeId: string; caseNumber: string } & Complaint;
    }
  | { type: 'InformationRequested'; data: { message: string } }
  | { type: 'InformationSupplemented'; data: { text: string } }
  | { type: 'DisputeAccepted'; data: { procedure: Procedure } }
  | { type: 'DisputeRejected'; data: { reason: RejectionReason; note: string } }
  | { type: 'DisputeWithdrawn'; data: { reason?: string } }
  | {
      type: 'ReferredToAuthority';
      data: { referralId: string; authority: AuthorityKind; categories: Category[]; note: string };
    }
  | {
      type: 'AuthorityOutcomeRecorded';
      /** authority: whose referral it answers (so that only that regulator sees the entry). */
      data: { referralId: string; authority?: AuthorityKind; outcome: string; violationConfirmed: boolean };
    };
