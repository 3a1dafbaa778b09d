/**
 * Typical cases (典型案例): the mediator of a closed case proposes it with a title and a summary of
 * what it teaches; each party consents or declines (MDR Art. 42: no publication without both
 * parties' consent, rules CONDITION_RULES.TYPICAL_CASE_CONSENT); an intake officer (staff of the
 * mediation organisation: ADMIN sees no case content, DOMAIN.md 1) publishes it once both consented,
 * de-identified (deidentify.ts), and may withdraw it. A party may revoke consent at any time; revoking
 * it after publication withdraws the case. Input schemas (zod) first.
 */
import { z } from 'zod';
import { sideOf } from '../dispute/access.ts';
import { command } from '../dispute/decider.ts';
import type { DisputeEvent } from '../dispute/events.ts';
import { PARTY_SIDES, type PartySide } from '../dispute/model.ts';
import type { DisputeState, TypicalCaseProposal } from '../dispute/state.ts';
import { toLocalDate } from '../rules/calendar.ts';
import { requireSignatory } from '../settlement/guards.ts';
import { DomainError } from '../shared/errors.ts';
import { line, optionalText, text } from '../shared/validation.ts';
import { deidentify, type KnownIdentifiers } from './deidentify.ts';
import type { PublishedTypicalCase } from './events.ts';

export const typicalCaseInputs = {
  proposeTypicalCase: z.object({ title: line(100), summary: text(10_000) }),
  answerTypicalCaseConsent: z.object({ consent: z.boolean() }),
  withdrawTypicalCase: z.object({ reason: optionalText(1000) }),
};

/** Only a closed case is proposed (issue 10); the dispute itself no longer changes. */
const CLOSED = ['CLOSED'] as const;

export type TypicalCaseStatus = 'PROPOSED' | 'PUBLISHED' | 'WITHDRAWN';

export function typicalCaseStatus(proposal: TypicalCaseProposal): TypicalCaseStatus {
  if (proposal.withdrawn) return 'WITHDRAWN';
  return proposal.published ? 'PUBLISHED' : 'PROPOSED';
}

const refused = (state: DisputeState, message: string, extensions: Record<string, unknown> = {}) =>
  new DomainError('INVALID_TRANSITION', message, { status: state.status, ...extensions });

/** The proposal the command is about: one that exists and was not withdrawn. */
function openProposal(state: DisputeState, command: string): TypicalCaseProposal {
  const proposal = state.typicalCase;
  if (!proposal) throw refused(state, `${command}: 尚无典型案例提议 / the case was not proposed as a typical case`);
  if (proposal.withdrawn) throw refused(state, `${command}: 典型案例已撤下 / the typical case was withdrawn`, { typicalCaseStatus: 'WITHDRAWN' });
  return proposal;
}

const sum = (amounts: Array<number | undefined>) => amounts.reduce<number>((total, a) => total + (a ?? 0), 0);
const monthOf = (instant: string) => toLocalDate(new Date(instant)).slice(0, 7);

/** Everything the dispute knows that identifies someone: removed from the published text whatever its context. */
export function knownIdentifiers(state: DisputeState): KnownIdentifiers {
  const people = [
    state.claimant.name,
    state.mediator?.name,
    ...state.formerMediators.map((m) => m.name),
    state.legalAid?.lawyer?.name,
    ...(state.arbitration?.arbitrators ?? []).map((a) => a.name),
  ];
  return {
    personNames: people.filter((n): n is string => Boolean(n)),
    institutions: [{ name: state.respondent.name, code: state.respondent.code, licence: state.respondent.licence }],
    phones: [state.claimant.phone],
    idNumbers: state.claimant.idNumber ? [state.claimant.idNumber] : [],
    addresses: [state.claimant.address, state.place].filter((a): a is string => Boolean(a)),
    files: state.evidence.map((e) => e.fileName),
  };
}

/** What the public will read: the proposal's text de-identified, and the facts of the case (no evidence). */
export function publishedCase(state: DisputeState, proposal: Pick<TypicalCaseProposal, 'title' | 'summary'>): PublishedTypicalCase {
  const known = knownIdentifiers(state);
  const obligations = state.agreement?.obligations ?? state.arbitration?.award?.obligations ?? [];
  const agreed = obligations.filter((o) => o.amountFen !== undefined);
  return {
    title: deidentify(proposal.title, known),
    summary: deidentify(proposal.summary, known),
    procedure: deidentify(state.procedure, known),
    categories: state.categories,
    ...(state.mediationProcedure ? { mediationProcedure: state.mediationProcedure } : {}),
    ...(state.outcome ? { outcome: state.outcome } : {}),
    filedMonth: monthOf(state.filedAt),
    ...(state.closedAt ? { closedMonth: monthOf(state.closedAt) } : {}),
    amountPaidFen: state.amountPaidFen,
    amountClaimedFen: sum(state.remedies.map((r) => r.amountFen)),
    ...(agreed.length > 0 ? { amountAgreedFen: sum(agreed.map((o) => o.amountFen)) } : {}),
  };
}

export const typicalCaseCommands = {
  proposeTypicalCase: command<{ title: string; summary: string }>({
    by: ['MEDIATOR'],
    from: CLOSED,
    decide(state, { title, summary }, { ctx }) {
      const current = state.typicalCase;
      if (current?.published && !current.withdrawn) {
        throw refused(state, '典型案例已发布，须先撤下 / the typical case is published: withdraw it first', { typicalCaseStatus: 'PUBLISHED' });
      }
      return [{ type: 'TypicalCaseProposed', data: { typicalCaseId: ctx.newId(), title, summary } }];
    },
  }),

  /** The consumer (or her lawyer with a power of attorney: consent is hers to give) and the institution. */
  answerTypicalCaseConsent: command<{ consent: boolean }>({
    by: ['CLAIMANT', 'CLAIMANT_LAWYER', 'RESPONDENT'],
    from: CLOSED,
    decide(state, { consent }, { relation }) {
      requireSignatory(state, relation);
      const proposal = openProposal(state, 'answerTypicalCaseConsent');
      const side = sideOf(relation)!;
      if (proposal.published && consent) throw refused(state, '典型案例已发布 / the typical case is already published', { typicalCaseStatus: 'PUBLISHED' });
      if (proposal.consents[side]?.consent === consent) return [];
      const events: DisputeEvent[] = [{ type: 'TypicalCaseConsentAnswered', data: { typicalCaseId: proposal.id, side, consent } }];
      // Consent revoked after publication (PIPL Art. 15): the case comes down at once.
      if (proposal.published) events.push({ type: 'TypicalCaseWithdrawn', data: { typicalCaseId: proposal.id, consentRevoked: side } });
      return events;
    },
  }),

  publishTypicalCase: command<Record<string, never>>({
    by: ['INTAKE'],
    from: CLOSED,
    decide(state) {
      const proposal = openProposal(state, 'publishTypicalCase');
      if (proposal.published) throw refused(state, '典型案例已发布 / the typical case is already published', { typicalCaseStatus: 'PUBLISHED' });
      const missing: PartySide[] = PARTY_SIDES.filter((side) => proposal.consents[side]?.consent !== true);
      if (missing.length > 0) {
        throw refused(state, '须经双方当事人同意方可发布（《医疗纠纷预防和处理条例》第四十二条）/ both parties must consent (MDR Art. 42)', {
          missingConsent: missing,
        });
      }
      return [{ type: 'TypicalCasePublished', data: { typicalCaseId: proposal.id, published: publishedCase(state, proposal) } }];
    },
  }),

  withdrawTypicalCase: command<{ reason?: string }>({
    by: ['INTAKE'],
    from: CLOSED,
    decide(state, { reason }) {
      const proposal = openProposal(state, 'withdrawTypicalCase');
      if (!proposal.published) throw refused(state, '典型案例尚未发布 / the typical case is not published', { typicalCaseStatus: 'PROPOSED' });
      return [{ type: 'TypicalCaseWithdrawn', data: { typicalCaseId: proposal.id, ...(reason ? { reason } : {}) } }];
    },
  }),
};
