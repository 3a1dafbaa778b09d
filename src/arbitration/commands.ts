/**
 * Arbitration (DOMAIN.md 2.6): a written submission agreement signed by both parties after the
 * dispute arose (AL Art. 16), an appointed tribunal, hearings, a final award, and its receipt,
 * which opens the set-aside window (AWARD_SET_ASIDE).
 */
import { z } from 'zod';
import { sideOf } from '../dispute/access.ts';
import { command } from '../dispute/decider.ts';
import type { DisputeEvent } from '../dispute/events.ts';
import { SESSION_MODES, type Instant, type LocalDate, type SessionMode } from '../dispute/model.ts';
import type { DisputeState } from '../dispute/state.ts';
import { toLocalDate } from '../rules/calendar.ts';
import { badInput, type InputIssue } from '../shared/errors.ts';
import { requireSignatory } from '../settlement/guards.ts';
import { obligationIssues, obligationsInput, toObligations } from '../settlement/obligations.ts';
import { id, instant, line, localDate, optionalLine, text } from '../shared/validation.ts';
import { sha256Hex, type ObligationTerms } from '../settlement/text.ts';
import { arbitrationAgreementText } from './text.ts';

/** A sole arbitrator or a tribunal of three (AL Art. 30). */
export const MAX_ARBITRATORS = 3;

export const arbitrationInputs = {
  signArbitrationAgreement: z.object({ commission: line(200) }),
  appointArbitrator: z.object({ arbitratorId: id }),
  scheduleHearing: z.object({
    startsAt: instant,
    mode: z.enum(SESSION_MODES),
    link: optionalLine(2000).refine((v) => v === undefined || URL.parse(v)?.protocol === 'https:', '应为 https 链接 / must be an https link'),
    place: optionalLine(300),
  }),
  renderAward: z.object({ award: text(50_000), obligations: obligationsInput }),
  recordAwardReceipt: z.object({ receivedOn: localDate }),
};

function appointmentProblem(state: DisputeState, arbitratorId: string): string | undefined {
  const appointed = state.arbitration?.arbitrators ?? [];
  if (appointed.some((a) => a.id === arbitratorId)) return '已指定该仲裁员 / already appointed';
  if (appointed.length >= MAX_ARBITRATORS) {
    return `仲裁庭最多 ${MAX_ARBITRATORS} 名仲裁员 / a tribunal has at most ${MAX_ARBITRATORS} arbitrators (AL Art. 30)`;
  }
  // The mediator heard the concessions that must not reach the arbitrator (OMR Art. 18).
  if ([state.mediator, ...state.formerMediators].some((m) => m?.id === arbitratorId)) {
    return '本案调解员不得担任仲裁员 / the dispute\'s mediator cannot arbitrate it';
  }
  return undefined;
}

export interface ScheduleHearing {
  startsAt: Instant;
  mode: SessionMode;
  link?: string;
  place?: string;
}

export const arbitrationCommands = {
  signArbitrationAgreement: command<{ commission: string }>({
    by: ['CLAIMANT', 'CLAIMANT_LAWYER', 'RESPONDENT'],
    from: ['MEDIATION_FAILED', 'CONFIRMATION_REFUSED'],
    decide(state, { commission }, { relation }) {
      requireSignatory(state, relation);
      const side = sideOf(relation)!;
      const agreementText = arbitrationAgreementText(state, commission);
      const textHash = sha256Hex(agreementText);
      const events: DisputeEvent[] = [{ type: 'ArbitrationAgreementSigned', data: { side, commission, text: agreementText, textHash } }];
      // Each side's latest signature counts; the agreement exists once both signed the same text.
      const other = state.arbitration?.signatures.filter((s) => s.side !== side).at(-1);
      if (other?.textHash === textHash) {
        events.push({ type: 'ArbitrationCommenced', data: { commission, agreementText, agreementHash: textHash } });
      }
      return events;
    },
  }),

  /** The resolver looks the account up: `name` is missing when it is not an arbitrator's. */
  appointArbitrator: command<{ arbitratorId: string; name?: string }>({
    by: ['INTAKE'],
    from: ['IN_ARBITRATION'],
    decide(state, { arbitratorId, name }) {
      const problem = appointmentProblem(state, arbitratorId);
      if (!name || problem) throw badInput([{ path: 'arbitratorId', message: problem ?? '没有这位仲裁员 / no such arbitrator' }]);
      return [{ type: 'ArbitratorAppointed', data: { arbitratorId, name } }];
    },
  }),

  scheduleHearing: command<ScheduleHearing>({
    by: ['ARBITRATOR'],
    from: ['IN_ARBITRATION'],
    decide(_, { startsAt, mode, link, place }, { ctx }) {
      const issues: InputIssue[] = [];
      if (Date.parse(startsAt) <= ctx.now.getTime()) issues.push({ path: 'startsAt', message: '开庭时间须在将来 / must be in the future' });
      if (mode === 'ONLINE' && !link) issues.push({ path: 'link', message: '在线开庭须提供链接 / an online hearing needs a link' });
      if (mode === 'IN_PERSON' && !place) issues.push({ path: 'place', message: '现场开庭须提供地点 / an in-person hearing needs a place' });
      if (issues.length > 0) throw badInput(issues);
      const hearing = { startsAt, mode, ...(mode === 'ONLINE' ? { link } : { place }) };
      return [{ type: 'HearingScheduled', data: { hearingId: ctx.newId(), ...hearing } }];
    },
  }),

  renderAward: command<{ award: string; obligations: ObligationTerms[] }>({
    by: ['ARBITRATOR'],
    from: ['IN_ARBITRATION'],
    decide(_, { award, obligations }, { ctx }) {
      const issues = obligationIssues(obligations, toLocalDate(ctx.now));
      if (issues.length > 0) throw badInput(issues);
      return [{ type: 'AwardRendered', data: { text: award, obligations: toObligations(obligations, ctx) } }];
    },
  }),

  recordAwardReceipt: command<{ receivedOn: LocalDate }>({
    by: ['CLAIMANT', 'CLAIMANT_LAWYER', 'RESPONDENT'],
    from: ['AWARDED'],
    decide(state, { receivedOn }, { ctx, relation }) {
      const renderedOn = toLocalDate(new Date(state.arbitration!.award!.decidedAt));
      if (receivedOn > toLocalDate(ctx.now)) throw badInput([{ path: 'receivedOn', message: '不能晚于今天 / must not be in the future' }]);
      if (receivedOn < renderedOn) throw badInput([{ path: 'receivedOn', message: `不能早于裁决日 ${renderedOn} / must not be before the award` }]);
      return [{ type: 'AwardReceiptRecorded', data: { receivedOn, side: sideOf(relation)! } }];
    },
  }),
};
