/**
 * Mediation (DOMAIN.md 2.3): the respondent's consent, the mediator (assignment, disclosure,
 * replacement), sessions, messages and caucus, offers, appraisal, extension and the end of mediation.
 * Input schemas (zod) first, then the decisions.
 */
import { z } from 'zod';
import { PARTY_RELATIONS, sideOf, type Relation } from '../dispute/access.ts';
import { command, type DecisionContext } from '../dispute/decider.ts';
import { mediationDeadline } from '../dispute/deadlines.ts';
import {
  MEDIATION_END_REASONS,
  REMEDY_KINDS,
  SESSION_MODES,
  type MediationEndReason,
  type PartySide,
  type SessionMode,
  type Status,
} from '../dispute/model.ts';
import type { DisputeState, SettlementItem } from '../dispute/state.ts';
import { MEDIATOR_REPLACEMENTS_PER_PARTY } from '../rules/parameters.ts';
import { badInput, deadlinePassed, DomainError, forbidden } from '../shared/errors.ts';
import { id, instant, line, list, optionalFen, optionalId, optionalLine, optionalText, text } from '../shared/validation.ts';
import { hasPassed, openDeadline, requireActingMediator, requireWithinMediationLimit } from './guards.ts';

const httpsLink = optionalLine(2000).refine((v) => v === undefined || URL.parse(v)?.protocol === 'https:', '须为 https 链接 / must be an https link');

/** The most attendees one session record names, and items one offer holds (product bounds). */
export const MAX_ATTENDEES = 50;
export const MAX_OFFER_ITEMS = 50;

/** The most working days one extension may add (a product bound, not a statutory one). */
export const MAX_EXTENSION_WORKING_DAYS = 30;

/** Remedies that are sums of money: an offer of one names the amount. */
const MONEY_REMEDIES: ReadonlySet<string> = new Set(['REFUND', 'COMPENSATION']);

const settlementItem = z
  .object({
    kind: z.enum(REMEDY_KINDS),
    amountFen: optionalFen,
    description: optionalText(2000),
  })
  .superRefine((item, issues) => {
    if (MONEY_REMEDIES.has(item.kind) && item.amountFen === undefined) {
      issues.addIssue({ code: 'custom', path: ['amountFen'], message: '退款或赔偿须写明金额 / a refund or compensation needs an amount' });
    }
    if (item.kind === 'OTHER' && !item.description) {
      issues.addIssue({ code: 'custom', path: ['description'], message: '请说明内容 / describe what is offered' });
    }
  });

export const mediationInputs = {
  answerMediationInvitation: z.object({ consent: z.boolean() }),
  assignMediator: z.object({ mediatorId: id }),
  discloseConflicts: z.object({ statement: text(5000), hasConflict: z.boolean() }),
  requestMediatorReplacement: z.object({ reason: optionalText(2000) }),
  scheduleSession: z
    .object({
      startsAt: instant,
      mode: z.enum(SESSION_MODES),
      link: httpsLink,
      place: optionalLine(300),
    })
    .superRefine((session, issues) => {
      if (session.mode === 'ONLINE' && !session.link) {
        issues.addIssue({ code: 'custom', path: ['link'], message: '线上调解须提供 https 会议链接 / an online session needs an https meeting link' });
      }
      if (session.mode === 'IN_PERSON' && !session.place) {
        issues.addIssue({ code: 'custom', path: ['place'], message: '现场调解须提供地点 / an in-person session needs a place' });
      }
    }),
  recordSession: z.object({
    sessionId: id,
    attendees: list(line(200), MAX_ATTENDEES).min(1, '至少一名参加人 / at least one attendee'),
    minutes: text(50_000),
  }),
  postMessage: z.object({ body: text(10_000), caucusWith: optionalId }),
  proposeSettlement: z.object({
    items: list(settlementItem, MAX_OFFER_ITEMS).min(1, '至少一项 / at least one item'),
    expiresAt: instant.nullish().transform((v) => v ?? undefined),
  }),
  respondToOffer: z.object({ offerId: id, accept: z.boolean() }),
  requestAppraisal: z.object({ subject: text(2000) }),
  completeAppraisal: z.object({ appraisalId: id, result: optionalText(20_000) }),
  extendMediation: z.object({
    workingDays: z
      .number()
      .int('须为整数 / must be a whole number')
      .min(1, '至少 1 个工作日 / at least 1 working day')
      .max(MAX_EXTENSION_WORKING_DAYS, `最多 ${MAX_EXTENSION_WORKING_DAYS} 个工作日 / at most ${MAX_EXTENSION_WORKING_DAYS} working days`),
  }),
  endMediation: z.object({ reason: z.enum(MEDIATION_END_REASONS), note: optionalText(5000) }),
};

const PARTIES = PARTY_RELATIONS;
const PARTIES_AND_MEDIATOR: readonly Relation[] = [...PARTY_RELATIONS, 'MEDIATOR'];
/** While a mediator may be on the case: from acceptance until mediation ends. */
const MEDIATOR_ON_CASE: readonly Status[] = ['ACCEPTED', 'IN_MEDIATION', 'AGREEMENT_DRAFTED'];
const MEDIATING: readonly Status[] = ['IN_MEDIATION', 'AGREEMENT_DRAFTED'];

const partySide = (relation: Relation): PartySide => sideOf(relation)!;
const refused = (state: DisputeState, message: string) => new DomainError('INVALID_TRANSITION', message, { status: state.status });

function requireDeadlineOpen(state: DisputeState, ctx: DecisionContext, kind: 'RESPONDENT_ANSWER' | 'ONLINE_MEDIATOR_ACCEPT') {
  const due = openDeadline(state, ctx.rules, kind);
  if (due && hasPassed(due.dueAt, ctx.now)) throw deadlinePassed(kind, due.dueAt);
}

export interface AssignMediator {
  mediatorId: string;
  /** The account's name, looked up by the resolver; absent when mediatorId is no MEDIATOR account. */
  name?: string;
}

export interface PostMessage {
  body: string;
  caucusWith?: string;
  /** For a mediator's caucus: the side of the caucusWith account, as the resolver found it. */
  caucusSide?: PartySide;
}

export const mediationCommands = {
  /** Mediation is voluntary (PML Art. 17): consent opens it, refusal ends it. */
  answerMediationInvitation: command<{ consent: boolean }>({
    by: ['RESPONDENT'],
    from: ['ACCEPTED'],
    decide(state, data, { ctx }) {
      requireDeadlineOpen(state, ctx, 'RESPONDENT_ANSWER');
      return [{ type: 'MediationInvitationAnswered', data }];
    },
  }),

  /** The platform, once RESPONDENT_ANSWER passed in silence. `dueAt` is the deadline it saw; the state's own decides. */
  lapseRespondentAnswer: command<{ dueAt: string }>({
    by: [],
    from: ['ACCEPTED'],
    decide(state, _data, { ctx }) {
      const due = openDeadline(state, ctx.rules, 'RESPONDENT_ANSWER');
      if (!due || !hasPassed(due.dueAt, ctx.now)) throw refused(state, `答复期限尚未届满 / the respondent may answer until ${due?.dueAt}`);
      return [{ type: 'RespondentAnswerLapsed', data: { dueAt: due.dueAt } }];
    },
  }),

  assignMediator: command<AssignMediator>({
    by: ['INTAKE'],
    from: MEDIATOR_ON_CASE,
    decide(state, { mediatorId, name }) {
      const refuse = (message: string) => badInput([{ path: 'mediatorId', message }]);
      if (name === undefined) throw refuse('不是调解员账户 / not a mediator account');
      if (state.formerMediators.some((m) => m.id === mediatorId)) {
        throw refuse('该调解员已在本案回避或被更换 / this mediator stepped aside or was replaced on this dispute');
      }
      // Re-assigning one who has not yet accepted restarts their acceptance period (OMR Art. 12).
      if (state.mediator?.id === mediatorId && state.mediator.disclosure) throw refuse('已是本案调解员 / already the mediator of this dispute');
      return [{ type: 'MediatorAssigned', data: { mediatorId, name } }];
    },
  }),

  /**
   * Accepting the case means disclosing (OMR Art. 12, 13), within ONLINE_MEDIATOR_ACCEPT; a conflict
   * makes the mediator step aside. Disclosing again later (a conflict that came to light) is allowed.
   */
  discloseConflicts: command<{ statement: string; hasConflict: boolean }>({
    by: ['MEDIATOR'],
    from: MEDIATOR_ON_CASE,
    decide(state, { statement, hasConflict }, { ctx }) {
      const mediator = state.mediator!;
      if (!mediator.disclosure) requireDeadlineOpen(state, ctx, 'ONLINE_MEDIATOR_ACCEPT');
      return [{ type: 'ConflictsDisclosed', data: { mediatorId: mediator.id, statement, hasConflict } }];
    },
  }),

  /** Once per side (MEDIATOR_REPLACEMENT, OMR Art. 14); asking again counts as refusing mediation. */
  requestMediatorReplacement: command<{ reason?: string }>({
    by: PARTIES,
    from: MEDIATOR_ON_CASE,
    decide(state, { reason }, { relation }) {
      const side = partySide(relation);
      if (!state.mediator) throw refused(state, '尚未指派调解员 / no mediator is assigned');
      const used = state.replacementRequests.filter((s) => s === side).length;
      if (used >= MEDIATOR_REPLACEMENTS_PER_PARTY) {
        const note = `${side} 再次拒绝调解员，视为拒绝调解 / ${side} refused the mediator again: mediation refused (OMR Art. 14)`;
        return [{ type: 'MediationEnded', data: { reason: 'PARTY_REFUSED', note: reason ? `${note}: ${reason}` : note } }];
      }
      return [{ type: 'MediatorReplacementRequested', data: { side, mediatorId: state.mediator.id, reason } }];
    },
  }),

  scheduleSession: command<{ startsAt: string; mode: SessionMode; link?: string; place?: string }>({
    by: ['MEDIATOR'],
    from: MEDIATING,
    decide(state, data, { ctx, relation }) {
      requireActingMediator(state, relation);
      requireWithinMediationLimit(state, ctx);
      if (Date.parse(data.startsAt) <= ctx.now.getTime()) throw badInput([{ path: 'startsAt', message: '须为将来的时间 / must be in the future' }]);
      return [{ type: 'SessionScheduled', data: { sessionId: ctx.newId(), ...data } }];
    },
  }),

  recordSession: command<{ sessionId: string; attendees: string[]; minutes: string }>({
    by: ['MEDIATOR'],
    from: MEDIATING,
    decide(state, data, { ctx, relation }) {
      requireActingMediator(state, relation);
      const session = state.sessions.find((s) => s.id === data.sessionId);
      if (!session) throw badInput([{ path: 'sessionId', message: '没有这次会议 / no such session' }]);
      if (Date.parse(session.startsAt) > ctx.now.getTime()) throw badInput([{ path: 'sessionId', message: '会议尚未开始 / the session has not started yet' }]);
      if (session.record) throw refused(state, '会议已有记录 / the session is already recorded');
      return [{ type: 'SessionRecorded', data }];
    },
  }),

  /**
   * To everyone, or a caucus: a mediator names one party, a party names the mediator. Also while
   * ACCEPTED once a mediator is assigned, so the mediator can talk with a respondent still deciding.
   */
  postMessage: command<PostMessage>({
    by: PARTIES_AND_MEDIATOR,
    from: ['ACCEPTED', ...MEDIATING],
    decide(state, { body, caucusWith, caucusSide }, { ctx, relation }) {
      if (!state.mediator) throw refused(state, '尚未指派调解员 / no mediator is assigned');
      requireActingMediator(state, relation);
      const messageId = ctx.newId();
      if (caucusWith === undefined) return [{ type: 'MessagePosted', data: { messageId, body } }];
      const side = relation === 'MEDIATOR' ? caucusSide : caucusWith === state.mediator.id ? partySide(relation) : undefined;
      if (!side) {
        const message = relation === 'MEDIATOR' ? '须为本案一方当事人 / must be a party to this dispute' : '只能与调解员单独沟通 / a party caucuses with the mediator only';
        throw badInput([{ path: 'caucusWith', message }]);
      }
      return [{ type: 'MessagePosted', data: { messageId, body, caucusWith, caucusSide: side } }];
    },
  }),

  proposeSettlement: command<{ items: SettlementItem[]; expiresAt?: string }>({
    by: PARTIES_AND_MEDIATOR,
    from: MEDIATING,
    decide(state, { items, expiresAt }, { ctx, relation }) {
      requireActingMediator(state, relation);
      requireWithinMediationLimit(state, ctx);
      if (expiresAt && hasPassed(expiresAt, ctx.now)) throw badInput([{ path: 'expiresAt', message: '须为将来的时间 / must be in the future' }]);
      const by = sideOf(relation) ?? 'MEDIATOR';
      return [{ type: 'SettlementProposed', data: { offerId: ctx.newId(), by, items, expiresAt } }];
    },
  }),

  /** A party's offer is for the other side to answer; a mediator's proposal for both. */
  respondToOffer: command<{ offerId: string; accept: boolean }>({
    by: PARTIES,
    from: MEDIATING,
    decide(state, { offerId, accept }, { ctx, relation }) {
      requireWithinMediationLimit(state, ctx);
      const offer = state.offers.find((o) => o.id === offerId);
      if (!offer) throw badInput([{ path: 'offerId', message: '没有这项方案 / no such offer' }]);
      const side = partySide(relation);
      if (offer.by === side) throw forbidden('不能答复己方提出的方案 / a party does not answer its own offer');
      if (offer.status !== 'OPEN') throw refused(state, `方案已${offer.status === 'ACCEPTED' ? '接受' : '失效'} / the offer is ${offer.status}`);
      if (offer.responses.some((r) => r.side === side)) throw refused(state, '已答复 / already answered');
      if (offer.expiresAt && hasPassed(offer.expiresAt, ctx.now)) throw deadlinePassed('OFFER_EXPIRY', offer.expiresAt);
      return [{ type: 'OfferAnswered', data: { offerId, side, accept } }];
    },
  }),

  /** The mediation clock stops while an appraisal runs (MDR Art. 38; SAMR Art. 20): one at a time, so none is counted twice. */
  requestAppraisal: command<{ subject: string }>({
    by: PARTIES_AND_MEDIATOR,
    from: MEDIATING,
    decide(state, { subject }, { ctx, relation }) {
      requireActingMediator(state, relation);
      requireWithinMediationLimit(state, ctx);
      if (state.appraisals.some((a) => !a.completedAt)) throw refused(state, '已有鉴定正在进行 / an appraisal is already running');
      return [{ type: 'AppraisalRequested', data: { appraisalId: ctx.newId(), subject } }];
    },
  }),

  completeAppraisal: command<{ appraisalId: string; result?: string }>({
    by: ['MEDIATOR', 'INTAKE'],
    from: MEDIATING,
    decide(state, data, { relation }) {
      requireActingMediator(state, relation);
      const appraisal = state.appraisals.find((a) => a.id === data.appraisalId);
      if (!appraisal) throw badInput([{ path: 'appraisalId', message: '没有这项鉴定 / no such appraisal' }]);
      if (appraisal.completedAt) throw refused(state, '鉴定已完成 / the appraisal is already completed');
      return [{ type: 'AppraisalCompleted', data }];
    },
  }),

  /** Both parties agree on the same number of working days (MDR Art. 38): the first proposes, the other's match extends. */
  extendMediation: command<{ workingDays: number }>({
    by: PARTIES,
    from: MEDIATING,
    decide(state, { workingDays }, { ctx, relation }) {
      requireWithinMediationLimit(state, ctx);
      const side = partySide(relation);
      const pending = state.pendingExtension;
      if (pending && pending.side !== side && pending.workingDays === workingDays) {
        return [{ type: 'MediationExtended', data: { workingDays } }];
      }
      return [{ type: 'MediationExtensionProposed', data: { side, workingDays } }];
    },
  }),

  endMediation: command<{ reason: MediationEndReason; note?: string }>({
    by: ['MEDIATOR'],
    from: MEDIATING,
    decide(state, data, { ctx, relation }) {
      requireActingMediator(state, relation);
      if (data.reason === 'DEADLINE_PASSED') {
        const limit = mediationDeadline(state, ctx.rules);
        if (!limit || !hasPassed(limit.dueAt, ctx.now)) throw badInput([{ path: 'reason', message: '调解期限尚未届满 / the mediation limit has not passed' }]);
      }
      return [{ type: 'MediationEnded', data }];
    },
  }),

  /** The platform, once the mediation limit passed without agreement (MDR Art. 38; SAMR Art. 21(5)). */
  deemMediationFailed: command<{ dueAt: string }>({
    by: [],
    from: MEDIATING,
    decide(state, _data, { ctx }) {
      const limit = mediationDeadline(state, ctx.rules);
      if (!limit) throw refused(state, '鉴定期间调解期限中止 / an appraisal stops the mediation clock');
      if (!hasPassed(limit.dueAt, ctx.now)) throw refused(state, `调解期限尚未届满 / mediation may go on until ${limit.dueAt}`);
      return [{ type: 'MediationDeemedFailed', data: { dueAt: limit.dueAt } }];
    },
  }),

  /** After the court refused confirmation the parties may mediate again, on a fresh clock. */
  resumeMediation: command<Record<string, never>>({
    by: [...PARTIES, 'INTAKE'],
    from: ['CONFIRMATION_REFUSED'],
    decide: () => [{ type: 'MediationResumed', data: {} }],
  }),
};
