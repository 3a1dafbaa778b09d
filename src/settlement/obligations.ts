/**
 * Obligations, as a settlement agreement or an award states them: the input (ObligationInput of
 * API.md) and the rules each must meet before it can be signed or rendered.
 */
import { z } from 'zod';
import type { DecisionContext } from '../dispute/decider.ts';
import { PARTY_SIDES, REMEDY_KINDS, type RemedyKind } from '../dispute/model.ts';
import type { Obligation } from '../dispute/state.ts';
import { list, localDate, optionalFen, optionalText } from '../shared/validation.ts';
import type { InputIssue } from '../shared/errors.ts';
import type { ObligationTerms } from './text.ts';

export const obligationInput = z.object({
  debtor: z.enum(PARTY_SIDES),
  kind: z.enum(REMEDY_KINDS),
  amountFen: optionalFen,
  description: optionalText(2000),
  dueDate: localDate,
});

/** The most obligations one agreement or award states (a product bound). */
export const MAX_OBLIGATIONS = 50;
export const obligationsInput = list(obligationInput, MAX_OBLIGATIONS);

const MONEY_KINDS: ReadonlySet<RemedyKind> = new Set(['REFUND', 'COMPENSATION']);

/**
 * What makes obligations performable and enforceable: a sum for money, a described act otherwise,
 * and a due date that has not already passed (today in Asia/Shanghai).
 */
export function obligationIssues(obligations: readonly ObligationTerms[], today: string, root = 'obligations'): InputIssue[] {
  return obligations.flatMap((o, i) => {
    const issues: InputIssue[] = [];
    if (MONEY_KINDS.has(o.kind) && !o.amountFen) {
      issues.push({ path: `${root}.${i}.amountFen`, message: '退款、赔偿须写明金额 / REFUND and COMPENSATION need an amount' });
    }
    if (!MONEY_KINDS.has(o.kind) && !o.description) {
      issues.push({ path: `${root}.${i}.description`, message: '须写明履行的行为 / describe what is to be done' });
    }
    if (o.dueDate < today) {
      issues.push({ path: `${root}.${i}.dueDate`, message: '履行期限不能早于今天 / must not be before today' });
    }
    return issues;
  });
}

/** Obligations as they come into force: each with its id, pending. */
export function toObligations(terms: readonly ObligationTerms[], ctx: DecisionContext): Obligation[] {
  return terms.map(({ debtor, kind, amountFen, description, dueDate }) => ({
    id: ctx.newId(),
    debtor,
    kind,
    ...(amountFen !== undefined ? { amountFen } : {}),
    ...(description ? { description } : {}),
    dueDate,
    status: 'PENDING' as const,
  }));
}
