/**
 * Performance and closure (DOMAIN.md 2.7): the debtor records performance of an obligation, the
 * creditor confirms it; a passed due date marks it overdue; the creditor of an overdue obligation
 * under a confirmed agreement or an award applies for enforcement. Input schemas (zod) first.
 */
import { z } from 'zod';
import { PARTY_RELATIONS, sideOf } from '../dispute/access.ts';
import { command } from '../dispute/decider.ts';
import type { DisputeEvent } from '../dispute/events.ts';
import { OUTCOMES, type Instant, type Outcome, type PartySide, type Status } from '../dispute/model.ts';
import type { DisputeState, Obligation } from '../dispute/state.ts';
import { endOfLocalDay } from '../rules/calendar.ts';
import { dueFor } from '../rules/deadlines.ts';
import { badInput, deadlinePassed, DomainError, forbidden } from '../shared/errors.ts';
import { id, optionalText } from '../shared/validation.ts';

const note = optionalText(5000);
const obligationId = id;

export const performanceInputs = {
  recordPerformance: z.object({ obligationId, note }),
  confirmPerformance: z.object({ obligationId }),
  closeDispute: z.object({ outcome: z.enum(OUTCOMES), note }),
};

/**
 * Obligations are in force from the agreement taking effect or the award (DOMAIN.md 2.1), and fall due
 * while a court reviews the agreement too. (A refusal voids them: nothing is left to perform then.)
 */
export const OBLIGATIONS_IN_FORCE: readonly Status[] = ['SETTLED', 'CONFIRMATION_REQUESTED', 'CONFIRMED', 'AWARDED'];
/** Where fulfilling every obligation closes the dispute (DOMAIN.md 2.1); under review, the court's ruling comes first. */
const CLOSES_WHEN_FULFILLED: readonly Status[] = ['SETTLED', 'CONFIRMED', 'AWARDED'];

/** Every obligation fulfilled (counting the one being confirmed): the dispute is done. */
export const allFulfilled = (state: DisputeState, confirming?: string) =>
  state.obligations.length > 0 && state.obligations.every((o) => o.id === confirming || o.status === 'FULFILLED');
/** Only a confirmed agreement or an award is enforceable (CPL Art. 206, 248; AL Art. 62). */
const ENFORCEABLE: readonly Status[] = ['CONFIRMED', 'AWARDED'];

const otherSide = (side: PartySide): PartySide => (side === 'CLAIMANT' ? 'RESPONDENT' : 'CLAIMANT');

/** 24:00 Shanghai of the due date: a contractual date, not a statutory period, so never moved off a holiday. */
const obligationDueAt = (obligation: Obligation): Instant => endOfLocalDay(obligation.dueDate).toISOString();

function obligationOf(state: DisputeState, id: string): Obligation {
  const obligation = state.obligations.find((o) => o.id === id);
  if (!obligation) throw badInput([{ path: 'obligationId', message: '没有这项义务 / no such obligation' }]);
  return obligation;
}

function obligationIs(state: DisputeState, obligation: Obligation, allowed: readonly Obligation['status'][], command: string) {
  if (!allowed.includes(obligation.status)) {
    throw new DomainError('INVALID_TRANSITION', `${command} is not possible while the obligation is ${obligation.status}`, {
      status: state.status,
      obligationStatus: obligation.status,
    });
  }
}

export const performanceCommands = {
  recordPerformance: command<{ obligationId: string; note?: string }>({
    by: PARTY_RELATIONS,
    from: OBLIGATIONS_IN_FORCE,
    decide(state, { obligationId, note }, { relation }) {
      const obligation = obligationOf(state, obligationId);
      if (sideOf(relation) !== obligation.debtor) throw forbidden('only the debtor records performance');
      obligationIs(state, obligation, ['PENDING', 'OVERDUE'], 'recordPerformance');
      return [{ type: 'PerformanceRecorded', data: { obligationId, ...(note ? { note } : {}) } }];
    },
  }),

  confirmPerformance: command<{ obligationId: string }>({
    by: PARTY_RELATIONS,
    from: OBLIGATIONS_IN_FORCE,
    decide(state, { obligationId }, { relation }) {
      const obligation = obligationOf(state, obligationId);
      if (sideOf(relation) !== otherSide(obligation.debtor)) throw forbidden('only the creditor confirms performance');
      obligationIs(state, obligation, ['PERFORMED'], 'confirmPerformance');
      const events: DisputeEvent[] = [{ type: 'PerformanceConfirmed', data: { obligationId } }];
      if (CLOSES_WHEN_FULFILLED.includes(state.status) && allFulfilled(state, obligationId)) {
        events.push({ type: 'DisputeClosed', data: { outcome: 'FULFILLED' } });
      }
      return events;
    },
  }),

  /** By the deadline reactor only (no relation but SYSTEM may issue it). */
  markObligationOverdue: command<{ obligationId: string; dueAt: Instant }>({
    by: [],
    from: OBLIGATIONS_IN_FORCE,
    decide(state, data, { ctx }) {
      const obligation = obligationOf(state, data.obligationId);
      const dueAt = obligationDueAt(obligation);
      // Performed meanwhile, already marked, or a deadline that no longer stands: nothing to do.
      if (obligation.status !== 'PENDING' || data.dueAt !== dueAt) return [];
      if (ctx.now.getTime() < Date.parse(dueAt)) {
        throw new DomainError('INVALID_TRANSITION', `the obligation is due at ${dueAt}`, { status: state.status });
      }
      return [{ type: 'ObligationOverdue', data: { obligationId: obligation.id, dueAt } }];
    },
  }),

  applyForEnforcement: command<Record<string, never>>({
    by: PARTY_RELATIONS,
    from: ENFORCEABLE,
    decide(state, _, { ctx, relation }) {
      const overdue = state.obligations.filter((o) => o.status === 'OVERDUE');
      if (overdue.length === 0) {
        throw new DomainError('INVALID_TRANSITION', 'no obligation is overdue', { status: state.status });
      }
      const side = sideOf(relation)!;
      const owedToCaller = overdue.filter((o) => o.debtor === otherSide(side));
      if (owedToCaller.length === 0) throw forbidden('only the creditor of an overdue obligation applies for enforcement');
      // CPL Art. 250: two years from the last day of performance; with instalments, from the last one.
      const lastWindow = Math.max(...owedToCaller.map((o) => dueFor('ENFORCEMENT_APPLY', o.dueDate, ctx.rules).dueAt.getTime()));
      if (ctx.now.getTime() >= lastWindow) throw deadlinePassed('ENFORCEMENT_APPLY', new Date(lastWindow).toISOString());
      return [
        { type: 'EnforcementApplied', data: { side } },
        { type: 'DisputeClosed', data: { outcome: 'REFERRED_FOR_ENFORCEMENT' } },
      ];
    },
  }),

  closeDispute: command<{ outcome: Outcome; note?: string }>({
    by: ['INTAKE', ...PARTY_RELATIONS],
    from: ['MEDIATION_FAILED', 'CONFIRMATION_REFUSED'],
    decide(_, { outcome, note }) {
      // FULFILLED and REFERRED_FOR_ENFORCEMENT follow from performance and enforcement; they are never just declared.
      if (outcome !== 'REFERRED_TO_LITIGATION' && outcome !== 'ABANDONED') {
        throw badInput([{ path: 'outcome', message: '只能是诉讼或放弃 / must be REFERRED_TO_LITIGATION or ABANDONED' }]);
      }
      return [{ type: 'DisputeClosed', data: { outcome, ...(note ? { note } : {}) } }];
    },
  }),
};
