import type { AuthorityKind, Category, LocalDate, Procedure, RejectionReason } from '../dispute/model.ts';
import type { Claimant, Remedy, Respondent } from '../dispute/state.ts';

export type IntakeEvent =
  | {
      type: 'DisputeFiled';
      data: {
        disputeId: string;
        caseNumber: string;
        claimant: Claimant;
        respondent: Respondent;
        categories: Category[];
        procedure: string;
        occurredOn: LocalDate;
        place?: string;
        description: string;
        amountPaidFen: number;
        remedies: Remedy[];
        /** The event date is older than the limitation period (CC Art. 188): warned, not refused. */
        limitationWarning: boolean;
      };
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
