import type { Instant, MediationEndReason, PartySide, SessionMode } from '../dispute/model.ts';
import type { SettlementItem } from '../dispute/state.ts';

export type MediationEvent =
  | { type: 'MediationInvitationAnswered'; data: { consent: boolean } }
  /** Silence past RESPONDENT_ANSWER counts as declining (PML Art. 17). */
  | { type: 'RespondentAnswerLapsed'; data: { dueAt: Instant } }
  | { type: 'MediatorAssigned'; data: { mediatorId: string; name: string } }
  | { type: 'ConflictsDisclosed'; data: { mediatorId: string; statement: string; hasConflict: boolean } }
  | { type: 'MediatorReplacementRequested'; data: { side: PartySide; mediatorId: string; reason?: string } }
  | {
      type: 'SessionScheduled';
      data: { sessionId: string; startsAt: Instant; mode: SessionMode; link?: string; place?: string };
    }
  | { type: 'SessionRecorded'; data: { sessionId: string; attendees: string[]; minutes: string } }
  | {
      type: 'MessagePosted';
      data: { messageId: string; body: string; caucusWith?: string; caucusSide?: PartySide };
    }
  | {
      type: 'SettlementProposed';
      data: { offerId: string; by: PartySide | 'MEDIATOR'; items: SettlementItem[]; expiresAt?: Instant };
    }
  | { type: 'OfferAnswered'; data: { offerId: string; side: PartySide; accept: boolean } }
  | { type: 'AppraisalRequested'; data: { appraisalId: string; subject: string } }
  | { type: 'AppraisalCompleted'; data: { appraisalId: string; result?: string } }
  | { type: 'MediationExtensionProposed'; data: { side: PartySide; workingDays: number } }
  | { type: 'MediationExtended'; data: { workingDays: number } }
  | { type: 'MediationEnded'; data: { reason: MediationEndReason; note?: string } }
  /** The mediation limit passed without agreement (MDR Art. 38; SAMR Art. 20). */
  | { type: 'MediationDeemedFailed'; data: { dueAt: Instant } }
  /** Re-mediation after the court refused confirmation. */
  | { type: 'MediationResumed'; data: Record<string, never> };
