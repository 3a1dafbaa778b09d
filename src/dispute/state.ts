/**
 * A dispute as folded from its events. The same fold serves the deciders (to check rules) and the
 * dispute-summary projection (which stores it and shows each caller the part they may see).
 */
import type {
  Actor,
  AuthorityKind,
  Category,
  EvidenceKind,
  Instant,
  LocalDate,
  MediationEndReason,
  Outcome,
  PartySide,
  Procedure,
  RefusalGround,
  RejectionReason,
  RemedyKind,
  SessionMode,
  Status,
} from './model.ts';
import type { PublishedTypicalCase } from '../typicalcases/events.ts';

export interface Claimant {
  userId: string;
  name: string;
  phone: string;
  idNumber?: string;
  address?: string;
}

export interface Respondent {
  /** The registered institution, when the filing could be linked to one. */
  institutionId?: string;
  name: string;
  /** Unified social credit code. */
  code?: string;
  licence?: string;
}

export interface Remedy {
  kind: RemedyKind;
  amountFen?: number;
}

export interface InformationRequest {
  message: string;
  requestedAt: Instant;
  requestedBy: string;
  supplement?: { text: string; at: Instant };
}

export interface Referral {
  id: string;
  authority: AuthorityKind;
  categories: Category[];
  note: string;
  referredAt: Instant;
  referredBy: Actor;
  outcome?: { text: string; violationConfirmed: boolean; recordedAt: Instant; recordedBy: string };
}

export interface PersonRef {
  id: string;
  name: string;
}

export interface MediatorAssignment extends PersonRef {
  assignedAt: Instant;
  disclosure?: { statement: string; hasConflict: boolean; at: Instant };
}

export interface Session {
  id: string;
  startsAt: Instant;
  mode: SessionMode;
  link?: string;
  place?: string;
  scheduledAt: Instant;
  record?: { attendees: string[]; minutes: string; recordedAt: Instant };
}

export interface Message {
  id: string;
  author: Actor;
  body: string;
  /** The one party (user id) a mediator talks to privately, or the mediator when a party writes. */
  caucusWith?: string;
  /** The party side of a caucus: who, besides the mediator, may read it. */
  caucusSide?: PartySide;
  postedAt: Instant;
}

export interface SettlementItem {
  kind: RemedyKind;
  amountFen?: number;
  description?: string;
}

export type OfferStatus = 'OPEN' | 'ACCEPTED' | 'REJECTED' | 'WITHDRAWN';

export interface Offer {
  id: string;
  /** The side that made it; MEDIATOR for a mediator's proposal, which both parties answer. */
  by: PartySide | 'MEDIATOR';
  proposedBy: Actor;
  items: SettlementItem[];
  expiresAt?: Instant;
  proposedAt: Instant;
  status: OfferStatus;
  responses: Array<{ side: PartySide; accept: boolean; at: Instant; by: string }>;
}

export interface Appraisal {
  id: string;
  subject: string;
  requestedAt: Instant;
  requestedBy: Actor;
  completedAt?: Instant;
  result?: string;
}

export interface Obligation {
  id: string;
  debtor: PartySide;
  kind: RemedyKind;
  amountFen?: number;
  description?: string;
  dueDate: LocalDate;
  status: 'PENDING' | 'OVERDUE' | 'PERFORMED' | 'FULFILLED';
  performance?: { note?: string; recordedAt: Instant; recordedBy: string };
  confirmedAt?: Instant;
}

export type SignerRole = PartySide | 'MEDIATOR';

export interface Agreement {
  id: string;
  terms: string;
  /** The exact text signers see: terms and obligations. */
  text: string;
  /** SHA-256 (hex) of `text`. */
  hash: string;
  obligations: Obligation[];
  draftedAt: Instant;
  signatures: Array<{ userId: string; role: SignerRole; signedAt: Instant; hash: string }>;
  effectiveAt?: Instant;
}

export interface Confirmation {
  applications: Array<{ side: PartySide; userId: string; court: string; appliedAt: Instant }>;
  /** Set when both parties have applied to the same court. */
  court?: string;
  requestedAt?: Instant;
  acceptedAt?: Instant;
  status: 'APPLYING' | 'REQUESTED' | 'ACCEPTED' | 'CONFIRMED' | 'REFUSED';
  rulingNumber?: string;
  grounds?: RefusalGround[];
  note?: string;
  decidedAt?: Instant;
}

export interface Arbitration {
  signatures: Array<{ side: PartySide; userId: string; commission: string; signedAt: Instant; textHash: string }>;
  commission?: string;
  agreementText?: string;
  agreementHash?: string;
  commencedAt?: Instant;
  arbitrators: Array<PersonRef & { appointedAt: Instant }>;
  hearings: Array<{ id: string; startsAt: Instant; mode: SessionMode; link?: string; place?: string }>;
  award?: { text: string; decidedAt: Instant; receivedOn?: LocalDate; obligations: Obligation[] };
}

export interface LegalAid {
  status: 'APPLIED' | 'GRANTED' | 'DENIED';
  circumstances: string;
  appliedAt: Instant;
  appliedBy: Actor;
  urgent: boolean;
  decidedAt?: Instant;
  decidedBy?: string;
  reason?: string;
  lawyer?: PersonRef & { assignedAt: Instant };
  /** The consumer authorised the lawyer to sign for them. */
  powerOfAttorney?: { recordedAt: Instant };
}

/** A file as submitted (the EvidenceSubmitted event carries exactly this). */
export interface EvidenceFile {
  kind: EvidenceKind;
  description: string;
  fileName: string;
  mediaType: string;
  size: number;
  sha256: string;
  /** Evidence shown only within one caucus (the submitting party's and the mediator's). */
  caucusSide?: PartySide;
}

export interface EvidenceItem extends EvidenceFile {
  id: string;
  submittedBy: Actor;
  submittedAt: Instant;
  withdrawn: boolean;
}

/** A closed case proposed as a typical case (典型案例): the mediator's text and each party's answer. */
export interface TypicalCaseProposal {
  id: string;
  title: string;
  summary: string;
  proposedAt: Instant;
  proposedBy: string;
  consents: Partial<Record<PartySide, { consent: boolean; at: Instant; by: string }>>;
  published?: PublishedTypicalCase & { at: Instant; by: string };
  withdrawn?: { at: Instant; by: string; reason?: string };
}

/** The complaint as filed (the DisputeFiled event carries exactly this). */
export interface Complaint {
  claimant: Claimant;
  respondent: Respondent;
  categories: Category[];
  /** The treatment or procedure complained about (free text). */
  procedure: string;
  occurredOn: LocalDate;
  place?: string;
  description: string;
  amountPaidFen: number;
  remedies: Remedy[];
  /** The event date is older than the limitation period (CC Art. 188): warned, not refused. */
  limitationWarning: boolean;
}

export interface DisputeState extends Complaint {
  /** False until DisputeFiled: every command but fileDispute is NOT_FOUND on a missing dispute. */
  exists: boolean;
  id: string;
  caseNumber: string;
  status: Status;
  outcome?: Outcome;
  /** Stream revision of the last event (-1 before the first): the expected revision of the next append. */
  version: number;
  filedAt: Instant;
  updatedAt: Instant;

  informationRequests: InformationRequest[];
  /** When the acceptance clock last started: filing or the latest supplement. */
  intakeClockFrom: Instant;
  acceptedAt?: Instant;
  acceptedBy?: string;
  mediationProcedure?: Procedure;
  rejection?: { reason: RejectionReason; note: string; at: Instant };
  withdrawal?: { reason?: string; at: Instant };
  referrals: Referral[];

  respondentAnswer?: { consent: boolean; answeredAt: Instant; lapsed: boolean };
  mediator?: MediatorAssignment;
  formerMediators: PersonRef[];
  replacementRequests: PartySide[];
  /** When the current round of mediation started (acceptance, or re-mediation after a refusal). */
  mediationClockFrom?: Instant;
  extensionWorkingDays: number;
  pendingExtension?: { side: PartySide; workingDays: number; at: Instant };
  sessions: Session[];
  messages: Message[];
  offers: Offer[];
  appraisals: Appraisal[];
  mediationEnd?: { reason: MediationEndReason; note?: string; at: Instant; automatic: boolean };

  agreement?: Agreement;
  confirmation?: Confirmation;
  confirmationWindowLapsed?: Instant;
  arbitration?: Arbitration;
  /** Obligations in force: from the agreement once SETTLED, or from the award. */
  obligations: Obligation[];
  enforcement?: { appliedAt: Instant; by: string };
  closedAt?: Instant;

  legalAid?: LegalAid;
  evidence: EvidenceItem[];
  /** The latest typical-case proposal, once the closed case was proposed. */
  typicalCase?: TypicalCaseProposal;
}

export function initialState(id = ''): DisputeState {
  return {
    exists: false,
    id,
    caseNumber: '',
    status: 'SUBMITTED',
    version: -1,
    filedAt: '',
    updatedAt: '',
    claimant: { userId: '', name: '', phone: '' },
    respondent: { name: '' },
    categories: [],
    procedure: '',
    occurredOn: '',
    description: '',
    amountPaidFen: 0,
    remedies: [],
    limitationWarning: false,
    informationRequests: [],
    intakeClockFrom: '',
    referrals: [],
    formerMediators: [],
    replacementRequests: [],
    extensionWorkingDays: 0,
    sessions: [],
    messages: [],
    offers: [],
    appraisals: [],
    obligations: [],
    evidence: [],
  };
}
