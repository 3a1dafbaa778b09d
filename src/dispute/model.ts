/**
 * The vocabulary of a dispute: roles, statuses, parties and the enumerations of DOMAIN.md and API.md.
 * Plain string unions (not TS enums) so that the same values flow through GraphQL, zod and JSON.
 */

export const ROLES = [
  'CONSUMER',
  'RESPONDENT',
  'INTAKE_OFFICER',
  'MEDIATOR',
  'ARBITRATOR',
  'LEGAL_AID_LAWYER',
  'COURT',
  'REGULATOR',
  'ADMIN',
] as const;
export type Role = (typeof ROLES)[number];

/** The platform itself, acting on deadlines (reactors). */
export type ActorRole = Role | 'SYSTEM';

export interface Actor {
  userId: string;
  role: ActorRole;
  /** Set when a legal-aid lawyer acts for the consumer. */
  onBehalfOf?: string;
}

export const STATUSES = [
  'SUBMITTED',
  'AWAITING_INFORMATION',
  'REJECTED',
  'ACCEPTED',
  'IN_MEDIATION',
  'AGREEMENT_DRAFTED',
  'SETTLED',
  'CONFIRMATION_REQUESTED',
  'CONFIRMED',
  'CONFIRMATION_REFUSED',
  'MEDIATION_FAILED',
  'IN_ARBITRATION',
  'AWARDED',
  'CLOSED',
  'WITHDRAWN',
] as const;
export type Status = (typeof STATUSES)[number];

export const TERMINAL_STATUSES: ReadonlySet<Status> = new Set(['REJECTED', 'CLOSED', 'WITHDRAWN']);

export const CATEGORIES = [
  'UNLICENSED_INSTITUTION',
  'UNQUALIFIED_PRACTITIONER',
  'UNAPPROVED_PRODUCT',
  'FALSE_ADVERTISING',
  'INDUCED_CONSUMPTION',
  'NO_INFORMED_CONSENT',
  'MEDICAL_INJURY',
  'UNSATISFACTORY_RESULT',
  'PRICE_FRAUD',
  'POOR_AFTERCARE',
  'OTHER',
] as const;
export type Category = (typeof CATEGORIES)[number];

export const REMEDY_KINDS = ['REFUND', 'COMPENSATION', 'CORRECTIVE_TREATMENT', 'APOLOGY', 'OTHER'] as const;
export type RemedyKind = (typeof REMEDY_KINDS)[number];

export const PROCEDURES = ['MEDICAL_DISPUTE_MEDIATION', 'CONSUMER_COMPLAINT_MEDIATION'] as const;
export type Procedure = (typeof PROCEDURES)[number];

export const REJECTION_REASONS = [
  'OUT_OF_SCOPE',
  'ALREADY_BEFORE_COURT_OR_ARBITRATION',
  'TIME_BARRED',
  'INSUFFICIENT_MATERIALS',
  'NO_DISPUTE',
  'OTHER',
] as const;
export type RejectionReason = (typeof REJECTION_REASONS)[number];

export const AUTHORITY_KINDS = ['HEALTH', 'MARKET_REGULATION', 'PUBLIC_SECURITY', 'PROCURATORATE'] as const;
export type AuthorityKind = (typeof AUTHORITY_KINDS)[number];

export const SESSION_MODES = ['ONLINE', 'IN_PERSON'] as const;
export type SessionMode = (typeof SESSION_MODES)[number];

export const MEDIATION_END_REASONS = [
  'NO_AGREEMENT',
  'PARTY_REFUSED',
  'PARTY_ABSENT',
  'PARTY_DECLARED_IMPOSSIBLE',
  'DEADLINE_PASSED',
  'OTHER',
] as const;
export type MediationEndReason = (typeof MEDIATION_END_REASONS)[number];

export const REFUSAL_GROUNDS = [
  'VIOLATES_MANDATORY_LAW',
  'HARMS_THIRD_PARTIES_OR_PUBLIC',
  'AGAINST_PUBLIC_ORDER',
  'NOT_VOLUNTARY',
  'CONTENT_UNCLEAR',
  'OTHER',
] as const;
export type RefusalGround = (typeof REFUSAL_GROUNDS)[number];

export const OUTCOMES = ['FULFILLED', 'REFERRED_FOR_ENFORCEMENT', 'REFERRED_TO_LITIGATION', 'ABANDONED'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export const PARTY_SIDES = ['CLAIMANT', 'RESPONDENT'] as const;
export type PartySide = (typeof PARTY_SIDES)[number];

export const EVIDENCE_KINDS = [
  'PHOTO',
  'CHAT_RECORD',
  'CONTRACT',
  'INVOICE',
  'MEDICAL_RECORD',
  'ADVERTISEMENT',
  'VIDEO',
  'AUDIO',
  'OTHER',
] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

/** 'YYYY-MM-DD', a calendar date in Asia/Shanghai. */
export type LocalDate = string;
/** ISO-8601 instant, UTC ('2026-03-02T01:00:00.000Z'). */
export type Instant = string;
