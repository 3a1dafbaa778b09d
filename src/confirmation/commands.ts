/**
 * Judicial confirmation (DOMAIN.md 2.5): both parties apply to the same court within JC_APPLY_WINDOW
 * (CPL Art. 205), the court accepts and confirms, or refuses on the grounds of CPL Interpretation Art. 358.
 */
import { z } from 'zod';
import { sideOf } from '../dispute/access.ts';
import { command } from '../dispute/decider.ts';
import type { DisputeEvent } from '../dispute/events.ts';
import { REFUSAL_GROUNDS, type RefusalGround } from '../dispute/model.ts';
import { allFulfilled } from '../performance/commands.ts';
import type { DisputeState } from '../dispute/state.ts';
import { dueFor, type Deadline } from '../rules/deadlines.ts';
import type { RuleParameters } from '../rules/parameters.ts';
import { badInput, deadlinePassed, DomainError, invalidTransition } from '../shared/errors.ts';
import { line, list, optionalLine, optionalText } from '../shared/validation.ts';

export const confirmationInputs = {
  applyForConfirmation: z.object({ court: line(200) }),
  ruleOnConfirmation: z.object({
    confirmed: z.boolean(),
    rulingNumber: optionalLine(100),
    grounds: list(z.enum(REFUSAL_GROUNDS), REFUSAL_GROUNDS.length)
      .nullish()
      .transform((v) => (v && v.length > 0 ? [...new Set(v)] : undefined)),
    note: optionalText(5000),
  }),
};

export interface RuleOnConfirmation {
  confirmed: boolean;
  rulingNumber?: string;
  grounds?: RefusalGround[];
  note?: string;
}

/** JC_APPLY_WINDOW: 30 days from the agreement taking effect, rolled past rest days. */
export function applyWindow(state: DisputeState, rules: RuleParameters): Deadline {
  return dueFor('JC_APPLY_WINDOW', new Date(state.agreement!.effectiveAt!), rules);
}

/** The court of the other side's latest application, if any. */
const otherSideCourt = (state: DisputeState, side: string) =>
  state.confirmation?.applications.filter((a) => a.side !== side).at(-1)?.court;

export const confirmationCommands = {
  applyForConfirmation: command<{ court: string }>({
    by: ['CLAIMANT', 'CLAIMANT_LAWYER', 'RESPONDENT'],
    from: ['SETTLED'],
    decide(state, { court }, { ctx, relation }) {
      const window = applyWindow(state, ctx.rules);
      if (state.confirmationWindowLapsed || ctx.now >= window.dueAt) throw deadlinePassed(window.kind, window.dueAt.toISOString());
      const side = sideOf(relation)!;
      const events: DisputeEvent[] = [{ type: 'ConfirmationApplied', data: { side, court } }];
      // Each side's latest application counts; the request is joint once both name the same court.
      if (otherSideCourt(state, side) === court) events.push({ type: 'ConfirmationRequested', data: { court } });
      return events;
    },
  }),

  acceptConfirmationApplication: command<Record<string, never>>({
    by: ['COURT'],
    from: ['CONFIRMATION_REQUESTED'],
    decide(state) {
      if (state.confirmation?.acceptedAt) throw new DomainError('INVALID_TRANSITION', 'the application is already accepted', { status: state.status });
      return [{ type: 'ConfirmationApplicationAccepted', data: { court: state.confirmation!.court! } }];
    },
  }),

  ruleOnConfirmation: command<RuleOnConfirmation>({
    by: ['COURT'],
    from: ['CONFIRMATION_REQUESTED'],
    decide(state, { confirmed, rulingNumber, grounds, note }) {
      if (confirmed) {
        // A confirmation ruling follows acceptance (SPC 2011 provisions Art. 4, 5) and carries its case number.
        if (!state.confirmation?.acceptedAt) throw invalidTransition(state.status, 'ruleOnConfirmation(confirmed) before acceptance');
        const issues = [
          ...(rulingNumber ? [] : [{ path: 'rulingNumber', message: '确认裁定须有案号 / a confirmation needs its ruling number' }]),
          ...(grounds ? [{ path: 'grounds', message: '确认时不应有驳回理由 / grounds are for a refusal' }] : []),
        ];
        if (issues.length > 0) throw badInput(issues);
      } else if (!grounds) {
        throw badInput([{ path: 'grounds', message: '驳回须说明理由 / a refusal needs at least one ground (CPL Interpretation Art. 358)' }]);
      }
      // Refusing before acceptance is the court declining to accept the application (SPC 2011 provisions Art. 4).
      const ruled: DisputeEvent = {
        type: 'ConfirmationRuled',
        data: { confirmed, ...(rulingNumber ? { rulingNumber } : {}), ...(grounds ? { grounds } : {}), ...(note ? { note } : {}) },
      };
      // Performed in full while the court reviewed: confirmed, the dispute is done.
      return confirmed && allFulfilled(state) ? [ruled, { type: 'DisputeClosed', data: { outcome: 'FULFILLED' } }] : [ruled];
    },
  }),

  /** The platform closes the window once it has passed (a reactor; not in GraphQL). */
  lapseConfirmationWindow: command<Record<string, never>>({
    by: [],
    from: ['SETTLED'],
    decide(state, _, { ctx }) {
      if (state.confirmationWindowLapsed) return [];
      const window = applyWindow(state, ctx.rules);
      if (ctx.now < window.dueAt) {
        throw new DomainError('INVALID_TRANSITION', `the ${window.kind} window is open until ${window.dueAt.toISOString()}`, { status: state.status });
      }
      return [{ type: 'ConfirmationWindowLapsed', data: { dueAt: window.dueAt.toISOString() } }];
    },
  }),
};
