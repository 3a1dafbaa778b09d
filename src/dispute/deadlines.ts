/**
 * The deadlines open on a dispute, derived from its state and the rules (RULES.md). Derived, not
 * stored in events: when the calendar data is updated, a rebuild recomputes provisional deadlines.
 */
import { endOfLocalDay, toLocalDate } from '../rules/calendar.ts';
import { dueFor } from '../rules/deadlines.ts';
import type { RuleName, RuleParameters } from '../rules/parameters.ts';
import { workingDaysBetween } from '../rules/periods.ts';
import type { DisputeState } from './state.ts';

export type DeadlineKind = RuleName | 'OBLIGATION_DUE';

export interface OpenDeadline {
  kind: DeadlineKind;
  dueAt: string;
  lastDay: string;
  provisional: boolean;
  source: string;
  /** The obligation (or other item) it belongs to. */
  ref?: string;
}

const from = (rule: RuleName, start: string, rules: RuleParameters, extra = 0): OpenDeadline => {
  const due = dueFor(rule, new Date(start), rules, extra);
  return { kind: rule, dueAt: due.dueAt.toISOString(), lastDay: due.lastDay, provisional: due.provisional, source: due.source };
};

/** Working days during which the mediation clock stood still for appraisal (MDR Art. 38; SAMR Art. 21(5)). */
export function appraisalWorkingDays(state: DisputeState): number {
  // Only the current round's clock stood still: re-mediation starts a fresh one.
  const clockFrom = state.mediationClockFrom ?? '';
  return state.appraisals
    .filter((a) => a.completedAt)
    .reduce((sum, a) => {
      const stoppedAt = a.requestedAt > clockFrom ? a.requestedAt : clockFrom;
      return sum + workingDaysBetween(toLocalDate(new Date(stoppedAt)), toLocalDate(new Date(a.completedAt!)));
    }, 0);
}

/** The mediation limit, or undefined while an appraisal stops the clock. */
export function mediationDeadline(state: DisputeState, rules: RuleParameters): OpenDeadline | undefined {
  if (!state.mediationClockFrom || state.appraisals.some((a) => !a.completedAt)) return undefined;
  const rule = state.mediationProcedure === 'MEDICAL_DISPUTE_MEDIATION' ? 'MEDIATION_LIMIT_MEDICAL' : 'MEDIATION_LIMIT_CONSUMER';
  return from(rule, state.mediationClockFrom, rules, state.extensionWorkingDays + appraisalWorkingDays(state));
}

export function openDeadlines(state: DisputeState, rules: RuleParameters): OpenDeadline[] {
  if (!state.exists) return [];
  const out: OpenDeadline[] = [];
  switch (state.status) {
    case 'SUBMITTED':
      out.push(from('INTAKE_ACCEPTANCE', state.intakeClockFrom, rules));
      break;
    case 'ACCEPTED':
      if (!state.respondentAnswer && state.acceptedAt) out.push(from('RESPONDENT_ANSWER', state.acceptedAt, rules));
      break;
    case 'IN_MEDIATION':
    case 'AGREEMENT_DRAFTED': {
      const limit = mediationDeadline(state, rules);
      if (limit) out.push(limit);
      break;
    }
    case 'SETTLED':
      if (state.agreement?.effectiveAt && !state.confirmationWindowLapsed) {
        out.push(from('JC_APPLY_WINDOW', state.agreement.effectiveAt, rules));
      }
      break;
    case 'CONFIRMATION_REQUESTED': {
      const c = state.confirmation;
      if (c?.acceptedAt) out.push(from('JC_DECISION', c.acceptedAt, rules));
      else if (c?.requestedAt) out.push(from('JC_ACCEPT_DECISION', c.requestedAt, rules));
      break;
    }
    case 'AWARDED': {
      const receivedOn = state.arbitration?.award?.receivedOn;
      if (receivedOn) {
        const due = dueFor('AWARD_SET_ASIDE', receivedOn, rules);
        out.push({ kind: 'AWARD_SET_ASIDE', dueAt: due.dueAt.toISOString(), lastDay: due.lastDay, provisional: due.provisional, source: due.source });
      }
      break;
    }
  }

  if (state.mediator && !state.mediator.disclosure && ['ACCEPTED', 'IN_MEDIATION', 'AGREEMENT_DRAFTED'].includes(state.status)) {
    out.push(from('ONLINE_MEDIATOR_ACCEPT', state.mediator.assignedAt, rules));
  }

  const aid = state.legalAid;
  if (aid && !['CLOSED', 'WITHDRAWN', 'REJECTED'].includes(state.status)) {
    if (aid.status === 'APPLIED') out.push(from('LEGAL_AID_DECISION', aid.appliedAt, rules));
    if (aid.status === 'GRANTED' && !aid.lawyer && aid.decidedAt) out.push(from('LEGAL_AID_ASSIGN', aid.decidedAt, rules));
  }

  if (state.status !== 'CLOSED') {
    for (const obligation of state.obligations) {
      if (obligation.status !== 'PENDING') continue;
      out.push({
        kind: 'OBLIGATION_DUE',
        dueAt: endOfLocalDay(obligation.dueDate).toISOString(),
        lastDay: obligation.dueDate,
        provisional: false,
        source: state.arbitration?.award ? 'arbitral award' : 'settlement agreement (PML Art. 31)',
        ref: obligation.id,
      });
    }
    const overdue = state.obligations.filter((o) => o.status === 'OVERDUE');
    if (overdue.length > 0 && (state.status === 'CONFIRMED' || state.status === 'AWARDED')) {
      const lastDue = overdue.map((o) => o.dueDate).sort().at(-1)!;
      const due = dueFor('ENFORCEMENT_APPLY', lastDue, rules);
      out.push({ kind: 'ENFORCEMENT_APPLY', dueAt: due.dueAt.toISOString(), lastDay: due.lastDay, provisional: due.provisional, source: due.source });
    }
  }
  return out.sort((a, b) => a.dueAt.localeCompare(b.dueAt));
}
