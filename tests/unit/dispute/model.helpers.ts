/**
 * The model for tests/unit/dispute/model.test.ts: the state machine of DOMAIN.md 2.1, written out by
 * hand (never derived from the deciders it checks), and random steps that become commands on a dispute.
 */
import fc from 'fast-check';
import { relationOf, sideOf, type Viewer } from '../../../src/dispute/access.ts';
import type { CommandSpec } from '../../../src/dispute/decider.ts';
import { disputeCommands, type DisputeCommand } from '../../../src/dispute/dispute.ts';
import {
  AUTHORITY_KINDS,
  CATEGORIES,
  EVIDENCE_KINDS,
  MEDIATION_END_REASONS,
  OUTCOMES,
  PROCEDURES,
  REFUSAL_GROUNDS,
  REJECTION_REASONS,
  REMEDY_KINDS,
  type Outcome,
  type Status,
} from '../../../src/dispute/model.ts';
import type { DisputeState } from '../../../src/dispute/state.ts';
import { openDeadlines } from '../../../src/dispute/deadlines.ts';
import { addDays, endOfLocalDay, toLocalDate } from '../../../src/rules/calendar.ts';
import { RULES } from '../../../src/rules/parameters.ts';
import type { ObligationTerms } from '../../../src/settlement/text.ts';
import { people } from '../../support/decider.ts';

// ---------------------------------------------------------------------------------------------
// DOMAIN.md 2.1, by hand.

const WITHDRAWABLE: readonly Status[] = ['SUBMITTED', 'AWAITING_INFORMATION', 'ACCEPTED', 'IN_MEDIATION', 'AGREEMENT_DRAFTED'];

export const ALLOWED_TRANSITIONS: ReadonlyArray<readonly [from: Status, to: Status]> = [
  ['SUBMITTED', 'AWAITING_INFORMATION'], // requestInformation
  ['AWAITING_INFORMATION', 'SUBMITTED'], // supplement
  ['SUBMITTED', 'REJECTED'],
  ['SUBMITTED', 'ACCEPTED'],
  ['ACCEPTED', 'IN_MEDIATION'], // respondent consents
  ['ACCEPTED', 'MEDIATION_FAILED'], // respondent declines / no answer by the deadline
  ['IN_MEDIATION', 'AGREEMENT_DRAFTED'],
  ['AGREEMENT_DRAFTED', 'SETTLED'], // all signatures
  ['AGREEMENT_DRAFTED', 'IN_MEDIATION'], // a party refuses / redraft
  ['IN_MEDIATION', 'MEDIATION_FAILED'], // terminated / deadline passed / party says impossible
  // Mediation still runs while a draft awaits signatures: its limit and its termination apply then too.
  ['AGREEMENT_DRAFTED', 'MEDIATION_FAILED'],
  ['SETTLED', 'CONFIRMATION_REQUESTED'], // joint application
  ['CONFIRMATION_REQUESTED', 'CONFIRMED'],
  ['CONFIRMATION_REQUESTED', 'CONFIRMATION_REFUSED'],
  ['CONFIRMATION_REFUSED', 'IN_MEDIATION'], // re-mediate
  ['MEDIATION_FAILED', 'IN_ARBITRATION'],
  ['CONFIRMATION_REFUSED', 'IN_ARBITRATION'],
  ['IN_ARBITRATION', 'AWARDED'],
  ['SETTLED', 'CLOSED'], // all obligations fulfilled
  ['CONFIRMED', 'CLOSED'], // fulfilled, or enforcement referral
  ['AWARDED', 'CLOSED'], // fulfilled, or enforcement referral
  ['MEDIATION_FAILED', 'CLOSED'], // litigation / given up
  ['CONFIRMATION_REFUSED', 'CLOSED'], // litigation / given up
  ...WITHDRAWABLE.map((from) => [from, 'WITHDRAWN'] as const), // any status before SETTLED
];

/** Statuses from which no command changes anything (2.1: "terminal"). */
export const TERMINAL: ReadonlySet<Status> = new Set(['REJECTED', 'WITHDRAWN', 'CLOSED']);

/** Which path each closing outcome may end (2.1, the last three closing lines). */
export const OUTCOME_FROM: Readonly<Record<Outcome, readonly Status[]>> = {
  FULFILLED: ['SETTLED', 'CONFIRMED', 'AWARDED'],
  REFERRED_FOR_ENFORCEMENT: ['CONFIRMED', 'AWARDED'],
  REFERRED_TO_LITIGATION: ['MEDIATION_FAILED', 'CONFIRMATION_REFUSED'],
  ABANDONED: ['MEDIATION_FAILED', 'CONFIRMATION_REFUSED'],
};

/**
 * Deviations from the table above that the deciders make on purpose, pending a decision on the spec.
 * Each is reported; the test tolerates exactly these and nothing else.
 */
export const TOLERATED: ReadonlyArray<{ from: Status; to: Status; outcome?: Outcome; why: string }> = [];

const allowed = new Set(ALLOWED_TRANSITIONS.map(([from, to]) => `${from}>${to}`));

/** Why moving from one state to the next breaks the state machine; undefined when it does not. */
export function transitionViolation(before: DisputeState, after: DisputeState): string | undefined {
  const from = before.status;
  const to = after.status;
  if (TERMINAL.has(from) && (to !== from || after.outcome !== before.outcome)) return `${from} is terminal but became ${to}`;
  const tolerated = TOLERATED.find((t) => t.from === from && t.to === to && (t.outcome === undefined || t.outcome === after.outcome));
  if (to !== from && !allowed.has(`${from}>${to}`) && !tolerated) return `${from} → ${to} is not in DOMAIN.md 2.1`;
  if (to === 'CLOSED' && from !== 'CLOSED') {
    if (!after.outcome) return `${from} → CLOSED without an outcome`;
    if (!OUTCOME_FROM[after.outcome].includes(from) && !tolerated) return `CLOSED(${after.outcome}) from ${from}`;
  }
  if (to !== 'CLOSED' && after.outcome !== undefined) return `outcome ${after.outcome} while ${to}`;
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Steps.

export type CommandName = keyof typeof disputeCommands;
export type PersonName = keyof typeof people;

export const COMMAND_NAMES = Object.keys(disputeCommands) as CommandName[];
export const PERSON_NAMES = Object.keys(people) as PersonName[];

/** One random step: read against the current state when it is applied. */
export interface Step {
  /** The command and person when the step is not guided. */
  command: CommandName;
  person: PersonName;
  advanceMs: number;
  /** 0..99: below GUIDED_PERCENT the step picks a command the status allows, by someone it is open to. */
  guide: number;
  /** Run together with the next step, on the same revision. */
  withNext: boolean;
  picks: number[];
  flags: boolean[];
}

export const GUIDED_PERCENT = 80;

const MINUTE = 60_000;
// Mostly minutes to days, so that parties often act in time; now and then weeks, so deadlines pass.
const advance = fc.oneof(
  { weight: 5, arbitrary: fc.integer({ min: 1, max: 120 }).map((m) => m * MINUTE) },
  { weight: 5, arbitrary: fc.integer({ min: 1, max: 24 }).map((h) => h * 60 * MINUTE) },
  { weight: 3, arbitrary: fc.integer({ min: 1, max: 5 }).map((d) => d * 24 * 60 * MINUTE) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 4 }).map((w) => w * 7 * 24 * 60 * MINUTE) },
);

export const stepArb: fc.Arbitrary<Step> = fc.record({
  command: fc.constantFrom(...COMMAND_NAMES),
  person: fc.constantFrom(...PERSON_NAMES),
  advanceMs: advance,
  guide: fc.integer({ min: 0, max: 99 }),
  withNext: fc.nat(9).map((n) => n === 0),
  picks: fc.array(fc.nat(9999), { minLength: 8, maxLength: 8 }),
  flags: fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }),
});

/** When the dispute is filed: 2025 and 2026 have published calendars; long runs reach 2027, which has none. */
export const filedAtArb = fc
  .integer({ min: Date.parse('2025-01-01T00:00:00Z'), max: Date.parse('2026-11-30T00:00:00Z') })
  .map((t) => new Date(t - (t % MINUTE)));

/**
 * Relative weights of the guided choice (default 10): commands that move a dispute on come up more
 * often than those possible at any time, and the ones that end it early less, so that runs get deep.
 */
const WEIGHT: Partial<Record<CommandName, number>> = {
  withdrawDispute: 2,
  rejectDispute: 4,
  requestInformation: 5,
  acceptDispute: 40,
  answerMediationInvitation: 40,
  requestMediatorReplacement: 2,
  endMediation: 4,
  declineAgreement: 6,
  signAgreement: 100,
  applyForConfirmation: 80,
  acceptConfirmationApplication: 30,
  ruleOnConfirmation: 30,
  signArbitrationAgreement: 40,
  appointArbitrator: 30,
  renderAward: 30,
  recordPerformance: 40,
  confirmPerformance: 40,
  markObligationOverdue: 20,
  applyForEnforcement: 20,
  resumeMediation: 20,
  // Possible at (nearly) any time: a few of them in every run are enough.
  referToAuthority: 3,
  recordAuthorityOutcome: 3,
  applyForLegalAid: 3,
  decideLegalAid: 3,
  assignLegalAidLawyer: 3,
  recordPowerOfAttorney: 3,
  submitEvidence: 3,
  withdrawEvidence: 2,
  downloadEvidence: 2,
  generateBundle: 2,
  postMessage: 3,
  scheduleSession: 3,
  recordSession: 3,
  proposeSettlement: 4,
  respondToOffer: 4,
  requestAppraisal: 4,
  completeAppraisal: 8,
  extendMediation: 5,
};
const DEFAULT_WEIGHT = 10;

function weightOf(name: CommandName, state: DisputeState): number {
  const acting = state.mediator?.disclosure !== undefined;
  switch (name) {
    case 'assignMediator':
      return acting ? 2 : 40;
    case 'discloseConflicts':
      return acting ? 2 : 40;
    case 'draftAgreement':
      return state.status === 'IN_MEDIATION' ? 40 : 4;
    case 'recordPerformance':
    case 'confirmPerformance':
      // Settled: the joint application first, mostly, so that runs reach the court.
      return state.status === 'SETTLED' ? 15 : 40;
    default:
      return WEIGHT[name] ?? DEFAULT_WEIGHT;
  }
}

function mayIssue(spec: CommandSpec<unknown>, state: DisputeState, viewer: Viewer): boolean {
  // The platform issues only its own commands (those open to no relation); everyone else by relation.
  if (viewer.role === 'SYSTEM') return spec.by.length === 0;
  const relation = relationOf(state, viewer);
  return relation !== undefined && spec.by.includes(relation);
}

/** The command and person of a step: guided ones use the registry to find what is reachable. */
export function choose(step: Step, state: DisputeState): { name: CommandName; person: PersonName } {
  if (step.guide >= GUIDED_PERCENT) return { name: step.command, person: step.person };
  const candidates: Array<{ name: CommandName; persons: PersonName[]; weight: number }> = [];
  for (const name of COMMAND_NAMES) {
    const spec = disputeCommands[name] as CommandSpec<unknown>;
    if (!spec.from.includes(state.status)) continue;
    const persons = PERSON_NAMES.filter((p) => mayIssue(spec, state, people[p]));
    if (persons.length > 0) candidates.push({ name, persons, weight: weightOf(name, state) });
  }
  if (candidates.length === 0) return { name: step.command, person: step.person };
  const total = candidates.reduce((sum, c) => sum + c.weight, 0);
  let ticket = step.picks[0]! % total;
  const chosen = candidates.find((c) => (ticket -= c.weight) < 0)!;
  // Mostly the person whose turn it is; sometimes anyone the command is open to.
  const preferred = step.picks[1]! % 4 === 0 ? [] : chosen.persons.filter((p) => isTheirTurn(chosen.name, state, people[p]));
  const persons = preferred.length > 0 ? preferred : chosen.persons;
  return { name: chosen.name, person: persons[step.picks[1]! % persons.length]! };
}

/** The side (or MEDIATOR) a person acts for on this dispute. */
function sideAs(state: DisputeState, viewer: Viewer): string | undefined {
  const relation = relationOf(state, viewer);
  return relation === 'MEDIATOR' ? 'MEDIATOR' : relation ? sideOf(relation) : undefined;
}

/** Whoever has not yet done their part: the signer still missing, the debtor of a pending obligation... */
function isTheirTurn(name: CommandName, state: DisputeState, viewer: Viewer): boolean {
  const side = sideAs(state, viewer);
  switch (name) {
    case 'signAgreement':
      return !state.agreement?.signatures.some((s) => s.role === side);
    case 'applyForConfirmation':
      return !state.confirmation?.applications.some((a) => a.side === side);
    case 'signArbitrationAgreement':
      return !state.arbitration?.signatures.some((s) => s.side === side);
    case 'recordPerformance':
      return state.obligations.some((o) => (o.status === 'PENDING' || o.status === 'OVERDUE') && o.debtor === side);
    case 'confirmPerformance':
      return state.obligations.some((o) => o.status === 'PERFORMED' && o.debtor !== side);
    case 'respondToOffer':
      return state.offers.some((o) => o.status === 'OPEN' && o.by !== side && !o.responses.some((r) => r.side === side));
    case 'discloseConflicts':
      return viewer.userId === state.mediator?.id;
    default:
      return true;
  }
}

// ---------------------------------------------------------------------------------------------
// Command data, built from the current state so that sequences get deep; sometimes wrong on purpose.

/** What a run remembers beyond the state: every agreement text ever drafted, to sign a stale one. */
export interface RunMemory {
  agreementHashes: string[];
}

interface Dice {
  /** A number from the step, 0..9999; the same index always gives the same number. */
  n(i: number): number;
  /** True with the given percentage. */
  chance(i: number, percent: number): boolean;
  pick<T>(i: number, values: readonly T[]): T;
  flag(i: number): boolean;
}

function dice(step: Step): Dice {
  // picks[0] and picks[1] choose the command and person; the data mixes the others with the index.
  const n = (i: number) => (Math.imul(step.picks[2 + (i % (step.picks.length - 2))]! + 1, 2654435761) ^ Math.imul(i + 1, 40503)) >>> 0;
  return {
    n: (i) => n(i) % 10_000,
    chance: (i, percent) => n(i) % 100 < percent,
    pick: (i, values) => values[n(i) % values.length]!,
    flag: (i) => step.flags[i % step.flags.length]!,
  };
}

interface BuildContext {
  state: DisputeState;
  viewer: Viewer;
  now: Date;
  d: Dice;
  memory: RunMemory;
}

const BOGUS_ID = 'no-such-id';
const HEX = '0123456789abcdef';
const randomHash = (d: Dice) => Array.from({ length: 64 }, (_, i) => HEX[(d.n(10 + i) + i) % 16]).join('');

/** An id from the list, mostly; sometimes one that does not exist. */
const someId = (ids: readonly string[], d: Dice, i: number) => (ids.length > 0 && d.chance(i, 90) ? d.pick(i + 1, ids) : BOGUS_ID);

function obligations({ now, d }: BuildContext): ObligationTerms[] {
  const today = toLocalDate(now);
  const count = d.n(20) % 4;
  return Array.from({ length: count }, (_, i) => {
    const kind = d.pick(21 + i, REMEDY_KINDS);
    const money = kind === 'REFUND' || kind === 'COMPENSATION';
    // Mostly valid: a sum for money, a described act otherwise, a due date from today on.
    const valid = d.chance(25 + i, 90);
    return {
      debtor: d.chance(30 + i, 80) ? 'RESPONDENT' : 'CLAIMANT',
      kind,
      ...(money ? { amountFen: valid ? 1 + d.n(35 + i) * 100 : 0 } : {}),
      ...(!money && valid ? { description: '修复治疗一次' } : {}),
      dueDate: addDays(today, valid ? d.n(40 + i) % 45 : -1 - (d.n(40 + i) % 10)),
    };
  });
}

const futureInstant = ({ now, d }: BuildContext, i: number) =>
  new Date(now.getTime() + (d.chance(i, 90) ? 1 : -1) * (1 + d.n(i + 1) % (14 * 24)) * 60 * MINUTE).toISOString();

const dueAtOf = (state: DisputeState, kind: string, fallback: Date) =>
  openDeadlines(state, RULES).find((x) => x.kind === kind)?.dueAt ?? fallback.toISOString();

type Builders = { [K in CommandName]: (ctx: BuildContext) => Extract<DisputeCommand, { type: K }>['data'] };

const builders: Builders = {
  requestInformation: () => ({ message: '请补充就诊病历和付款凭证' }),
  supplementInformation: () => ({ text: '已上传病历' }),
  acceptDispute: ({ d }) => ({ procedure: d.pick(0, PROCEDURES) }),
  rejectDispute: ({ d }) => ({ reason: d.pick(0, REJECTION_REASONS), note: '不属于受理范围' }),
  withdrawDispute: ({ d }) => (d.flag(0) ? { reason: '已与机构私下和解' } : {}),
  referToAuthority: ({ d }) => ({
    authority: d.chance(0, 60) ? 'HEALTH' : d.pick(1, AUTHORITY_KINDS),
    categories: [d.pick(2, CATEGORIES)],
    note: '涉嫌无证行医',
  }),
  recordAuthorityOutcome: ({ state, d }) => ({
    referralId: someId(state.referrals.map((r) => r.id), d, 0),
    outcome: '罚款五万元',
    violationConfirmed: d.flag(0),
  }),

  answerMediationInvitation: ({ d }) => ({ consent: d.chance(0, 75) }),
  lapseRespondentAnswer: ({ state, now }) => ({ dueAt: dueAtOf(state, 'RESPONDENT_ANSWER', now) }),
  assignMediator: ({ state, d }) => {
    // Mostly a mediator who may still take the case; sometimes one who stepped aside, or no mediator at all.
    const mediators = [people.mediator, people.otherMediator];
    const eligible = mediators.filter((m) => !state.formerMediators.some((f) => f.id === m.userId));
    const who = d.chance(0, 90) ? d.pick(1, eligible.length > 0 && d.chance(2, 85) ? eligible : mediators) : people.consumer;
    // The resolver gives a name only to a mediator's account.
    return who.role === 'MEDIATOR' ? { mediatorId: who.userId, name: who.name } : { mediatorId: who.userId };
  },
  discloseConflicts: ({ d }) => ({ statement: '与双方无利害关系', hasConflict: d.chance(0, 5) }),
  requestMediatorReplacement: ({ d }) => (d.flag(0) ? { reason: '调解员态度偏颇' } : {}),
  scheduleSession: (ctx) =>
    ctx.d.flag(0)
      ? { startsAt: futureInstant(ctx, 0), mode: 'ONLINE', link: 'https://meeting.example.cn/r/1' }
      : { startsAt: futureInstant(ctx, 0), mode: 'IN_PERSON', place: '调解中心三楼' },
  recordSession: ({ state, d }) => ({
    sessionId: someId(state.sessions.map((s) => s.id), d, 0),
    attendees: ['张三', '诊所代表'],
    minutes: '双方陈述意见',
  }),
  postMessage: ({ state, viewer, d }) => {
    if (!d.flag(0)) return { body: '请双方准备材料' };
    if (viewer.role === 'MEDIATOR') {
      const side = d.flag(1) ? 'CLAIMANT' : 'RESPONDENT';
      return { body: '单独沟通', caucusWith: side === 'CLAIMANT' ? state.claimant.userId : people.respondent.userId, caucusSide: side };
    }
    return { body: '单独沟通', caucusWith: d.chance(0, 85) ? (state.mediator?.id ?? people.mediator.userId) : people.respondent.userId };
  },
  proposeSettlement: (ctx) => ({
    items: [{ kind: 'REFUND', amountFen: 1 + ctx.d.n(0) * 100 }],
    ...(ctx.d.flag(0) ? { expiresAt: futureInstant(ctx, 1) } : {}),
  }),
  respondToOffer: ({ state, d }) => ({ offerId: someId(state.offers.map((o) => o.id), d, 0), accept: d.chance(2, 70) }),
  requestAppraisal: () => ({ subject: '损伤程度鉴定' }),
  completeAppraisal: ({ state, d }) => {
    const open = state.appraisals.filter((a) => !a.completedAt);
    return { appraisalId: someId((open.length > 0 ? open : state.appraisals).map((a) => a.id), d, 0), ...(d.flag(0) ? { result: '九级伤残' } : {}) };
  },
  extendMediation: ({ state, d }) => ({
    workingDays: state.pendingExtension && d.chance(0, 80) ? state.pendingExtension.workingDays : 1 + (d.n(1) % 15),
  }),
  endMediation: ({ d }) => ({ reason: d.pick(0, MEDIATION_END_REASONS), ...(d.flag(0) ? { note: '双方分歧过大' } : {}) }),
  deemMediationFailed: ({ state, now }) => ({ dueAt: dueAtOf(state, state.mediationProcedure === 'MEDICAL_DISPUTE_MEDIATION' ? 'MEDIATION_LIMIT_MEDICAL' : 'MEDIATION_LIMIT_CONSUMER', now) }),
  resumeMediation: () => ({}),

  draftAgreement: (ctx) => ({ terms: '被投诉方退还治疗费用', obligations: obligations(ctx) }),
  signAgreement: ({ state, memory, d }) => {
    // The hash of the text on file, mostly; sometimes one from before a redraft, or none ever drafted.
    const current = state.agreement?.hash;
    if (current && d.chance(0, 85)) return { agreementHash: current };
    if (memory.agreementHashes.length > 0 && d.flag(0)) return { agreementHash: d.pick(1, memory.agreementHashes) };
    return { agreementHash: randomHash(d) };
  },
  declineAgreement: ({ d }) => (d.flag(0) ? { reason: '赔偿金额过低' } : {}),

  applyForConfirmation: ({ state, d }) => {
    const other = state.confirmation?.applications.at(-1)?.court;
    const court = other && d.chance(0, 80) ? other : d.chance(1, 80) ? people.court.court : people.otherCourt.court;
    return { court };
  },
  acceptConfirmationApplication: () => ({}),
  ruleOnConfirmation: ({ d }) => {
    const confirmed = d.chance(0, 65);
    const valid = d.chance(1, 90);
    if (confirmed) return valid ? { confirmed, rulingNumber: '(2026)粤0304民特123号' } : { confirmed, grounds: ['OTHER'] };
    return valid ? { confirmed, grounds: [d.pick(2, REFUSAL_GROUNDS)], note: '协议内容不明确' } : { confirmed };
  },
  lapseConfirmationWindow: () => ({}),

  signArbitrationAgreement: ({ d }) => ({ commission: d.chance(0, 85) ? '深圳国际仲裁院' : '广州仲裁委员会' }),
  appointArbitrator: ({ state, d }) => {
    if (d.chance(0, 80)) return { arbitratorId: people.arbitrator.userId, name: people.arbitrator.name };
    // The mediator (refused: heard the concessions), or an account that is no arbitrator's.
    return d.flag(0) && state.mediator ? { arbitratorId: state.mediator.id, name: state.mediator.name } : { arbitratorId: 'u-nobody' };
  },
  scheduleHearing: (ctx) =>
    ctx.d.chance(1, 90)
      ? { startsAt: futureInstant(ctx, 0), mode: 'IN_PERSON', place: '仲裁院第二庭' }
      : { startsAt: futureInstant(ctx, 0), mode: 'ONLINE' },
  renderAward: (ctx) => ({ award: '被投诉方赔偿投诉人', obligations: obligations(ctx) }),
  recordAwardReceipt: ({ state, now, d }) => {
    const rendered = state.arbitration?.award ? toLocalDate(new Date(state.arbitration.award.decidedAt)) : toLocalDate(now);
    const today = toLocalDate(now);
    // Between the award and today, mostly; sometimes before the award or in the future.
    const day = d.chance(0, 85) ? (d.flag(0) ? today : rendered) : d.flag(0) ? addDays(today, 3) : addDays(rendered, -3);
    return { receivedOn: day };
  },

  submitEvidence: ({ d }) => ({
    kind: d.pick(0, EVIDENCE_KINDS),
    description: '术后照片',
    caucus: d.chance(1, 20),
    fileName: 'photo.jpg',
    mediaType: 'image/jpeg',
    size: 1 + d.n(2),
    sha256: randomHash(d),
  }),
  withdrawEvidence: ({ state, d }) => ({ evidenceId: someId(state.evidence.map((e) => e.id), d, 0) }),
  downloadEvidence: ({ state, d }) => ({ evidenceId: someId(state.evidence.map((e) => e.id), d, 0) }),

  recordPerformance: ({ state, d }) => {
    const due = state.obligations.filter((o) => o.status === 'PENDING' || o.status === 'OVERDUE');
    return { obligationId: someId((due.length > 0 ? due : state.obligations).map((o) => o.id), d, 0), ...(d.flag(0) ? { note: '已转账' } : {}) };
  },
  confirmPerformance: ({ state, d }) => {
    const performed = state.obligations.filter((o) => o.status === 'PERFORMED');
    return { obligationId: someId((performed.length > 0 ? performed : state.obligations).map((o) => o.id), d, 0) };
  },
  markObligationOverdue: ({ state, now, d }) => {
    const obligation = state.obligations.length > 0 ? d.pick(0, state.obligations) : undefined;
    if (!obligation) return { obligationId: BOGUS_ID, dueAt: now.toISOString() };
    // The deadline as the reactor saw it, mostly; sometimes one that no longer stands.
    return { obligationId: obligation.id, dueAt: d.chance(1, 90) ? endOfLocalDay(obligation.dueDate).toISOString() : now.toISOString() };
  },
  applyForEnforcement: () => ({}),
  closeDispute: ({ d }) => ({ outcome: d.pick(0, OUTCOMES), ...(d.flag(0) ? { note: '已起诉' } : {}) }),

  applyForLegalAid: () => ({ circumstances: '低保户，无力负担律师费' }),
  decideLegalAid: ({ d }) => ({ granted: d.chance(0, 75), reason: '符合经济困难标准' }),
  assignLegalAidLawyer: ({ d }) => {
    const who = d.chance(0, 80) ? people.lawyer : d.chance(1, 50) ? people.coordinator : people.mediator;
    return who.role === 'LEGAL_AID_LAWYER' ? { lawyerId: who.userId, name: who.name } : { lawyerId: who.userId };
  },
  recordPowerOfAttorney: () => ({}),
  generateBundle: () => ({}),

  proposeTypicalCase: () => ({ title: '玻尿酸注射致血管栓塞案', summary: '消费者张三于2026年3月5日注射后出现栓塞，经调解退款12,800元。' }),
  answerTypicalCaseConsent: ({ d }) => ({ consent: d.chance(0, 75) }),
  publishTypicalCase: () => ({}),
  withdrawTypicalCase: ({ d }) => (d.flag(0) ? { reason: '当事人要求撤下' } : {}),
};

export interface ConcreteStep {
  person: PersonName;
  viewer: Viewer;
  now: Date;
  command: DisputeCommand;
}

export function concretize(step: Step, state: DisputeState, now: Date, memory: RunMemory): ConcreteStep {
  const { name, person } = choose(step, state);
  const viewer = people[person] as Viewer;
  const data = builders[name]({ state, viewer, now, d: dice(step), memory });
  return { person, viewer, now, command: { type: name, data } as DisputeCommand };
}

/** The filing that starts every run (the fileDispute command). */
export function filing(disputeId: string, filedAt: Date): DisputeCommand {
  return {
    type: 'fileDispute',
    data: {
      disputeId,
      caseNumber: `${filedAt.getUTCFullYear()}-YM-${disputeId.slice(-6).padStart(6, '0')}`,
      claimant: { name: '张三', phone: '13912341111', idNumber: '11010519491231002X', address: '深圳市福田区' },
      respondent: { institutionId: 'inst-1', name: '美丽医疗美容诊所', code: '91440300MA5F0JXC83' },
      categories: ['MEDICAL_INJURY'],
      procedure: '玻尿酸注射',
      occurredOn: addDays(toLocalDate(filedAt), -30),
      description: '注射后出现血管栓塞',
      amountPaidFen: 1_280_000,
      remedies: [{ kind: 'REFUND', amountFen: 1_280_000 }],
    },
  };
}
