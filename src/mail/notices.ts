/**
 * What the platform tells whom, and when: each dispute event (and each approaching deadline) as the
 * notices it gives rise to and their audiences. Pure; recipients.ts turns audiences into accounts,
 * templates.ts notices into messages.
 *
 * DOMAIN.md 5 shapes the audiences: the respondent hears of a complaint only once it is accepted,
 * and courts and arbitrators are never told of offers or caucus messages (nobody is sent those).
 */
import type { DeadlineKind } from '../dispute/deadlines.ts';
import type { DisputeEvent } from '../dispute/events.ts';
import type { Instant, LocalDate, MediationEndReason, PartySide, RejectionReason, RemedyKind, SessionMode } from '../dispute/model.ts';
import type { DisputeState, Obligation } from '../dispute/state.ts';
import { toLocalDate } from '../rules/calendar.ts';
import { dueFor } from '../rules/deadlines.ts';
import type { RuleParameters } from '../rules/parameters.ts';

export interface ObligationSummary {
  kind: RemedyKind;
  amountFen?: number;
  dueDate: LocalDate;
}

interface Appointment {
  startsAt: Instant;
  mode: SessionMode;
  link?: string;
  place?: string;
}

export type Notice =
  | { kind: 'FILING_RECEIVED' }
  | { kind: 'INFORMATION_REQUESTED' }
  | { kind: 'DISPUTE_ACCEPTED' }
  | { kind: 'DISPUTE_REJECTED'; reason: RejectionReason }
  | { kind: 'MEDIATION_INVITATION'; institution: string; answerBy: LocalDate }
  | { kind: 'RESPONDENT_AGREED' }
  | { kind: 'MEDIATION_ENDED'; reason: MediationEndReason | 'RESPONDENT_DECLINED' | 'NO_ANSWER' }
  | { kind: 'MEDIATOR_ASSIGNED'; mediatorName: string }
  | ({ kind: 'SESSION_SCHEDULED' } & Appointment)
  | ({ kind: 'HEARING_SCHEDULED' } & Appointment)
  | { kind: 'OFFER_RECEIVED'; expiresAt?: Instant }
  | { kind: 'AGREEMENT_READY' }
  | { kind: 'SETTLEMENT_IN_EFFECT'; effectiveOn: LocalDate; applyBy: LocalDate }
  | { kind: 'CONFIRMATION_REQUESTED' }
  | { kind: 'COURT_RULING'; confirmed: boolean; rulingNumber?: string }
  | { kind: 'ARBITRATOR_APPOINTED' }
  | { kind: 'AWARD_RENDERED' }
  | { kind: 'OBLIGATION_OVERDUE'; debtor: PartySide; obligation: ObligationSummary }
  | { kind: 'LEGAL_AID_APPLIED'; urgent: boolean }
  | { kind: 'LEGAL_AID_DECIDED'; granted: boolean }
  | { kind: 'LEGAL_AID_LAWYER_ASSIGNED'; lawyerName: string }
  | { kind: 'TYPICAL_CASE_PROPOSED' }
  | { kind: 'TYPICAL_CASE_PUBLISHED' }
  | { kind: 'CONFIRMATION_WINDOW_CLOSING'; lastDay: LocalDate }
  | { kind: 'OBLIGATION_DUE'; obligation: ObligationSummary }
  | { kind: 'DEADLINE_REMINDER'; deadline: DeadlineKind; lastDay: LocalDate };

export type NoticeKind = Notice['kind'];

/** Who a notice is for, in terms of the dispute; resolved to accounts by recipients.ts. */
export type Audience =
  /** The claimant and their legal-aid lawyer. */
  | { to: 'CLAIMANT_SIDE' }
  /** The staff of the respondent institution (never before acceptance). */
  | { to: 'RESPONDENT_SIDE' }
  | { to: 'MEDIATOR'; id?: string }
  /** One arbitrator, or all of the dispute's. */
  | { to: 'ARBITRATORS'; id?: string }
  | { to: 'COURT'; court?: string }
  | { to: 'LEGAL_AID_LAWYER'; id: string }
  | { to: 'LEGAL_AID_COORDINATORS' }
  | { to: 'INTAKE_OFFICERS' };

export interface Notification {
  notice: Notice;
  audience: Audience[];
}

/** The stored event as the reactor sees it. */
export type NotifiableEvent = DisputeEvent & { metadata: { occurredAt: string } };

const CLAIMANT_SIDE: Audience = { to: 'CLAIMANT_SIDE' };
const RESPONDENT_SIDE: Audience = { to: 'RESPONDENT_SIDE' };
const PARTIES: Audience[] = [CLAIMANT_SIDE, RESPONDENT_SIDE];
const sideAudience = (side: PartySide): Audience => (side === 'CLAIMANT' ? CLAIMANT_SIDE : RESPONDENT_SIDE);
const otherSide = (side: PartySide): PartySide => (side === 'CLAIMANT' ? 'RESPONDENT' : 'CLAIMANT');

const summary = (o: Obligation): ObligationSummary => ({ kind: o.kind, dueDate: o.dueDate, ...(o.amountFen !== undefined ? { amountFen: o.amountFen } : {}) });
const appointment = ({ startsAt, mode, link, place }: Appointment): Appointment => ({
  startsAt,
  mode,
  ...(link ? { link } : {}),
  ...(place ? { place } : {}),
});

/** The notices of one event. `state` is the dispute at least as recent as the event. */
export function notificationsFor(event: NotifiableEvent, state: DisputeState, rules: RuleParameters): Notification[] {
  const one = (notice: Notice, ...audience: Audience[]): Notification[] => [{ notice, audience }];
  switch (event.type) {
    case 'DisputeFiled':
      return one({ kind: 'FILING_RECEIVED' }, CLAIMANT_SIDE);
    case 'InformationRequested':
      return one({ kind: 'INFORMATION_REQUESTED' }, CLAIMANT_SIDE);
    case 'DisputeAccepted': {
      const answerBy = dueFor('RESPONDENT_ANSWER', new Date(event.metadata.occurredAt), rules).lastDay;
      return [
        { notice: { kind: 'DISPUTE_ACCEPTED' }, audience: [CLAIMANT_SIDE] },
        { notice: { kind: 'MEDIATION_INVITATION', institution: state.respondent.name, answerBy }, audience: [RESPONDENT_SIDE] },
      ];
    }
    case 'DisputeRejected':
      return one({ kind: 'DISPUTE_REJECTED', reason: event.data.reason }, CLAIMANT_SIDE);
    case 'MediationInvitationAnswered':
      return event.data.consent
        ? one({ kind: 'RESPONDENT_AGREED' }, CLAIMANT_SIDE)
        : one({ kind: 'MEDIATION_ENDED', reason: 'RESPONDENT_DECLINED' }, ...PARTIES);
    // RULES.md TERMINATION_NOTICE: both parties are told that mediation ended and what routes remain.
    case 'RespondentAnswerLapsed':
      return one({ kind: 'MEDIATION_ENDED', reason: 'NO_ANSWER' }, ...PARTIES);
    case 'MediationEnded':
      return one({ kind: 'MEDIATION_ENDED', reason: event.data.reason }, ...PARTIES, { to: 'MEDIATOR' });
    case 'MediationDeemedFailed':
      return one({ kind: 'MEDIATION_ENDED', reason: 'DEADLINE_PASSED' }, ...PARTIES, { to: 'MEDIATOR' });
    case 'MediatorAssigned':
      return one({ kind: 'MEDIATOR_ASSIGNED', mediatorName: event.data.name }, { to: 'MEDIATOR', id: event.data.mediatorId }, ...PARTIES);
    case 'SessionScheduled':
      return one({ kind: 'SESSION_SCHEDULED', ...appointment(event.data) }, ...PARTIES, { to: 'MEDIATOR' });
    case 'HearingScheduled':
      return one({ kind: 'HEARING_SCHEDULED', ...appointment(event.data) }, ...PARTIES, { to: 'ARBITRATORS' });
    case 'SettlementProposed': {
      const { by, expiresAt } = event.data;
      const notice: Notice = { kind: 'OFFER_RECEIVED', ...(expiresAt ? { expiresAt } : {}) };
      return one(notice, ...(by === 'MEDIATOR' ? PARTIES : [sideAudience(otherSide(by))]));
    }
    case 'AgreementDrafted':
      return one({ kind: 'AGREEMENT_READY' }, ...PARTIES);
    case 'SettlementReached': {
      const effectiveAt = new Date(event.data.effectiveAt);
      const applyBy = dueFor('JC_APPLY_WINDOW', effectiveAt, rules).lastDay;
      return one({ kind: 'SETTLEMENT_IN_EFFECT', effectiveOn: toLocalDate(effectiveAt), applyBy }, ...PARTIES, { to: 'MEDIATOR' });
    }
    case 'ConfirmationRequested':
      return one({ kind: 'CONFIRMATION_REQUESTED' }, { to: 'COURT', court: event.data.court });
    case 'ConfirmationRuled': {
      const { confirmed, rulingNumber } = event.data;
      return one({ kind: 'COURT_RULING', confirmed, ...(rulingNumber ? { rulingNumber } : {}) }, ...PARTIES, { to: 'MEDIATOR' });
    }
    case 'ArbitratorAppointed':
      return one({ kind: 'ARBITRATOR_APPOINTED' }, { to: 'ARBITRATORS', id: event.data.arbitratorId });
    case 'AwardRendered':
      return one({ kind: 'AWARD_RENDERED' }, ...PARTIES);
    case 'ObligationOverdue': {
      const obligation = state.obligations.find((o) => o.id === event.data.obligationId);
      if (!obligation) return [];
      return one({ kind: 'OBLIGATION_OVERDUE', debtor: obligation.debtor, obligation: summary(obligation) }, ...PARTIES);
    }
    case 'LegalAidApplied':
      return one({ kind: 'LEGAL_AID_APPLIED', urgent: event.data.urgent }, { to: 'LEGAL_AID_COORDINATORS' });
    case 'LegalAidDecided':
      return one({ kind: 'LEGAL_AID_DECIDED', granted: event.data.granted }, { to: 'CLAIMANT_SIDE' });
    case 'LegalAidLawyerAssigned':
      return one({ kind: 'LEGAL_AID_LAWYER_ASSIGNED', lawyerName: event.data.name }, { to: 'LEGAL_AID_LAWYER', id: event.data.lawyerId }, CLAIMANT_SIDE);
    // MDR Art. 42: both parties are asked; nothing is published without their consent.
    case 'TypicalCaseProposed':
      return one({ kind: 'TYPICAL_CASE_PROPOSED' }, ...PARTIES);
    case 'TypicalCasePublished':
      return one({ kind: 'TYPICAL_CASE_PUBLISHED' }, ...PARTIES, { to: 'MEDIATOR' });
    default:
      return [];
  }
}

export interface UpcomingDeadline {
  kind: string;
  ref: string;
  dueAt: string;
  lastDay: LocalDate;
}

/** Whom to remind of an approaching deadline; undefined for deadlines nobody is reminded of. */
export function reminderFor(deadline: UpcomingDeadline, state: DisputeState): Notification | undefined {
  const { lastDay } = deadline;
  const kind = deadline.kind as DeadlineKind;
  const remind = (...audience: Audience[]): Notification => ({ notice: { kind: 'DEADLINE_REMINDER', deadline: kind, lastDay }, audience });
  switch (kind) {
    case 'JC_APPLY_WINDOW':
      return { notice: { kind: 'CONFIRMATION_WINDOW_CLOSING', lastDay }, audience: PARTIES };
    case 'OBLIGATION_DUE': {
      const obligation = state.obligations.find((o) => o.id === deadline.ref);
      if (!obligation) return undefined;
      return { notice: { kind: 'OBLIGATION_DUE', obligation: summary(obligation) }, audience: [sideAudience(obligation.debtor)] };
    }
    case 'INTAKE_ACCEPTANCE':
      return remind({ to: 'INTAKE_OFFICERS' });
    case 'RESPONDENT_ANSWER':
      return remind(RESPONDENT_SIDE);
    case 'MEDIATION_LIMIT_MEDICAL':
    case 'MEDIATION_LIMIT_CONSUMER':
    case 'ONLINE_MEDIATOR_ACCEPT':
      return remind({ to: 'MEDIATOR' });
    case 'JC_ACCEPT_DECISION':
    case 'JC_DECISION':
      return remind({ to: 'COURT' });
    case 'AWARD_SET_ASIDE':
      return remind(...PARTIES);
    case 'LEGAL_AID_DECISION':
    case 'LEGAL_AID_ASSIGN':
      return remind({ to: 'LEGAL_AID_COORDINATORS' });
    case 'ENFORCEMENT_APPLY': {
      const creditors = new Set(state.obligations.filter((o) => o.status === 'OVERDUE').map((o) => otherSide(o.debtor)));
      return creditors.size > 0 ? remind(...[...creditors].map(sideAudience)) : undefined;
    }
    default:
      return undefined;
  }
}
