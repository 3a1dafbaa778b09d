import type { Category, Outcome, PartySide, Procedure } from '../dispute/model.ts';

/**
 * What the public is shown of a typical case, fixed when it is published (in the event): the
 * de-identified text and the facts of the case, never evidence, never a name, number or exact day.
 */
export interface PublishedTypicalCase {
  title: string;
  summary: string;
  /** The treatment complained about, de-identified. */
  procedure: string;
  categories: Category[];
  mediationProcedure?: Procedure;
  outcome?: Outcome;
  /** YYYY-MM (Asia/Shanghai) the complaint was filed and the case closed. */
  filedMonth: string;
  closedMonth?: string;
  amountPaidFen: number;
  amountClaimedFen: number;
  /** What the agreement or award obliged, in money; absent without one. */
  amountAgreedFen?: number;
}

/** Typical cases (典型案例, DOMAIN.md 1 "public"): proposed by the mediator, consented to by both parties (MDR Art. 42), published by staff. */
export type TypicalCaseEvent =
  | { type: 'TypicalCaseProposed'; data: { typicalCaseId: string; title: string; summary: string } }
  | { type: 'TypicalCaseConsentAnswered'; data: { typicalCaseId: string; side: PartySide; consent: boolean } }
  | { type: 'TypicalCasePublished'; data: { typicalCaseId: string; published: PublishedTypicalCase } }
  | { type: 'TypicalCaseWithdrawn'; data: { typicalCaseId: string; reason?: string; consentRevoked?: PartySide } };
