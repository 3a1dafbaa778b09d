/**
 * The people and the dispute fixtures of the access matrix (tests/integration/access-matrix.test.ts).
 *
 * A fixture is built by running the real commands through the command handler (the same decider
 * the API uses, minus HTTP) on a timeline of its own, so a fresh dispute at any stage costs a few
 * milliseconds. Every fixture has the consumer's legal-aid lawyer assigned and referrals to HEALTH
 * and PUBLIC_SECURITY, so that as many relations as the stage allows exist at once.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { getAccount, viewerFor } from '../../src/accounts/accounts.ts';
import { SYSTEM_VIEWER, type Viewer } from '../../src/dispute/access.ts';
import type { DisputeCommand } from '../../src/dispute/dispute.ts';
import { handleDisputeCommand } from '../../src/dispute/handler.ts';
import { initialState, type DisputeState } from '../../src/dispute/state.ts';
import { allocateCaseNumber } from '../../src/intake/caseNumbers.ts';
import { endOfLocalDay } from '../../src/rules/calendar.ts';
import { manualClock } from '../../src/shared/clock.ts';
import { newId } from '../../src/shared/ids.ts';
import type { TestServer, TestUser } from './server.ts';

/** Every person of the matrix, in the order of its columns. */
export const PERSONS = [
  'claimant',
  'otherConsumer',
  'respondent',
  'otherRespondent',
  'intake',
  'mediator',
  'otherMediator',
  'arbitrator',
  'otherArbitrator',
  'lawyer',
  'otherLawyer',
  'coordinator',
  'court',
  'otherCourt',
  'regulator',
  'otherRegulator',
  'admin',
  'public',
] as const;
export type Person = (typeof PERSONS)[number];

/** Column headings of the tables, one per person (X = another one of that role). */
export const COLUMNS = 'CL OC RS RX IN MD MX AR AX LW LX CO CT CX RG GX AD PU';

export const COURT = '深圳市福田区人民法院';
export const PHONE = '13912341111';
export const MASKED_PHONE = '139****1111';
export const ADDRESS = '深圳市福田区福华路1号';
export const ID_NUMBER = '11010519491231002X';

export type Cast = Record<Exclude<Person, 'public'>, TestUser> & { public: undefined };

export interface People {
  cast: Cast;
  institution: { id: string; code: string };
  viewers: Partial<Record<Person, Viewer>>;
}

export async function createPeople(server: TestServer): Promise<People> {
  const institution = await server.institution('美丽医疗美容诊所');
  const other = await server.institution('别家医疗美容门诊部');
  const u = server.user.bind(server);
  const cast: Cast = {
    claimant: await u('CONSUMER', { name: '张三' }),
    otherConsumer: await u('CONSUMER', { name: '王五' }),
    respondent: await u('RESPONDENT', { name: '诊所前台', institutionId: institution.id, institutionCode: institution.code }),
    otherRespondent: await u('RESPONDENT', { name: '别家诊所', institutionId: other.id, institutionCode: other.code }),
    intake: await u('INTAKE_OFFICER', { name: '受理员' }),
    mediator: await u('MEDIATOR', { name: '王调解' }),
    otherMediator: await u('MEDIATOR', { name: '另一调解员' }),
    arbitrator: await u('ARBITRATOR', { name: '陈仲裁' }),
    otherArbitrator: await u('ARBITRATOR', { name: '另一仲裁员' }),
    lawyer: await u('LEGAL_AID_LAWYER', { name: '李律师' }),
    otherLawyer: await u('LEGAL_AID_LAWYER', { name: '赵律师' }),
    coordinator: await u('LEGAL_AID_LAWYER', { name: '法援协调人', coordinator: true }),
    court: await u('COURT', { name: '福田法官', court: COURT }),
    otherCourt: await u('COURT', { name: '天河法官', court: '广州市天河区人民法院' }),
    regulator: await u('REGULATOR', { name: '卫健委', authority: 'HEALTH' }),
    otherRegulator: await u('REGULATOR', { name: '市场监管局', authority: 'MARKET_REGULATION' }),
    admin: await u('ADMIN', { name: '管理员' }),
    public: undefined,
  };
  const viewers: People['viewers'] = {};
  for (const person of PERSONS) {
    const user = cast[person];
    if (!user) continue;
    viewers[person] = viewerFor((await getAccount(server.platform.store, user.id))!, user.role);
  }
  return { cast, institution, viewers };
}

/** What the cells of a stage need to name: ids of things the fixture holds. */
export interface Fixture {
  id: string;
  caseNumber: string;
  /** The referral to HEALTH (the regulator's authority). */
  referralId: string;
  offerId?: string;
  /** A session that has started and is not yet recorded. */
  sessionId?: string;
  appraisalId?: string;
  agreementHash?: string;
  obligationIds: string[];
  /** The claimant's evidence item (open to all sides). */
  evidenceId?: string;
}

type Step = [at: string, as: Person | 'system', command: (state: DisputeState, people: People) => DisputeCommand];

const day = (date: string, time: string) => `2026-${date}T${time}:00+08:00`;

export const MESSAGES = {
  open: '希望诊所全额退款',
  claimantCaucus: '【单方】我的底线是退八成',
  respondentCaucus: '【单方】诊所最多退一半',
  mediatorCaucus: '【单方】建议您考虑六成',
} as const;
export const MINUTES = '双方到场，核对身份；诊所同意退款，金额未达成一致。';
export const EVIDENCE = { claimant: '术后照片', respondentCaucus: '【单方】内部处理记录' } as const;

const obligationsDue = (dueDate: string) => [
  { debtor: 'RESPONDENT' as const, kind: 'REFUND' as const, amountFen: 640_000, dueDate },
  { debtor: 'RESPONDENT' as const, kind: 'APOLOGY' as const, description: '书面赔礼道歉', dueDate },
];

/** When every fixture is filed (build() files it: the case number is allocated there). */
const FILED_AT = day('03-02', '10:00');

/** Filed, legal aid granted with a lawyer assigned, referred to HEALTH and PUBLIC_SECURITY: SUBMITTED. */
const SUBMITTED: Step[] = [
  [day('03-02', '10:05'), 'claimant', () => ({ type: 'applyForLegalAid', data: { circumstances: '失业，无固定收入' } })],
  [day('03-02', '10:10'), 'coordinator', () => ({ type: 'decideLegalAid', data: { granted: true, reason: '符合经济困难标准' } })],
  [day('03-02', '10:15'), 'coordinator', (_, p) => ({ type: 'assignLegalAidLawyer', data: { lawyerId: p.cast.lawyer.id, name: '李律师' } })],
  [day('03-02', '10:20'), 'intake', () => ({ type: 'referToAuthority', data: { authority: 'HEALTH', categories: ['UNQUALIFIED_PRACTITIONER'], note: '操作者无医师资格' } })],
  [day('03-02', '10:25'), 'intake', () => ({ type: 'referToAuthority', data: { authority: 'PUBLIC_SECURITY', categories: ['UNAPPROVED_PRODUCT'], note: '疑似假药' } })],
];

/** Accepted; the mediator assigned, not yet disclosed; the respondent not yet answered. */
const ACCEPTED: Step[] = [
  ...SUBMITTED,
  [day('03-03', '10:00'), 'intake', () => ({ type: 'acceptDispute', data: { procedure: 'MEDICAL_DISPUTE_MEDIATION' } })],
  [day('03-03', '10:30'), 'intake', (_, p) => ({ type: 'assignMediator', data: { mediatorId: p.cast.mediator.id, name: '王调解' } })],
];

/** In mediation: messages open and in caucus, an offer by the respondent, evidence, a recorded and an unrecorded session, an appraisal running. */
const MEDIATION: Step[] = [
  ...ACCEPTED,
  [day('03-03', '11:00'), 'respondent', () => ({ type: 'answerMediationInvitation', data: { consent: true } })],
  [day('03-03', '12:00'), 'mediator', () => ({ type: 'discloseConflicts', data: { statement: '与双方无利害关系', hasConflict: false } })],
  [day('03-03', '13:00'), 'claimant', () => ({ type: 'postMessage', data: { body: MESSAGES.open } })],
  [day('03-03', '13:05'), 'claimant', (_, p) => ({ type: 'postMessage', data: { body: MESSAGES.claimantCaucus, caucusWith: p.cast.mediator.id } })],
  [day('03-03', '13:10'), 'respondent', (_, p) => ({ type: 'postMessage', data: { body: MESSAGES.respondentCaucus, caucusWith: p.cast.mediator.id } })],
  [day('03-03', '13:15'), 'mediator', (_, p) => ({ type: 'postMessage', data: { body: MESSAGES.mediatorCaucus, caucusWith: p.cast.claimant.id, caucusSide: 'CLAIMANT' } })],
  [day('03-03', '13:20'), 'respondent', () => ({ type: 'proposeSettlement', data: { items: [{ kind: 'REFUND', amountFen: 640_000 }] } })],
  [day('03-03', '13:30'), 'claimant', () => ({ type: 'submitEvidence', data: evidence(EVIDENCE.claimant, false) })],
  [day('03-03', '13:35'), 'respondent', () => ({ type: 'submitEvidence', data: evidence(EVIDENCE.respondentCaucus, true) })],
  [day('03-03', '14:00'), 'mediator', () => ({ type: 'scheduleSession', data: { startsAt: new Date(day('03-04', '10:00')).toISOString(), mode: 'ONLINE', link: 'https://meeting.example.cn/1' } })],
  [day('03-03', '14:05'), 'mediator', () => ({ type: 'scheduleSession', data: { startsAt: new Date(day('03-04', '14:00')).toISOString(), mode: 'IN_PERSON', place: '调解中心一室' } })],
  [day('03-04', '12:00'), 'mediator', (s) => ({ type: 'recordSession', data: { sessionId: s.sessions[0]!.id, attendees: ['张三', '诊所代表'], minutes: MINUTES } })],
  [day('03-04', '16:00'), 'mediator', () => ({ type: 'requestAppraisal', data: { subject: '栓塞与注射的因果关系' } })],
];

/** The appraisal done, the agreement drafted. */
const DRAFTED: Step[] = [
  ...MEDIATION,
  [day('03-05', '09:00'), 'mediator', (s) => ({ type: 'completeAppraisal', data: { appraisalId: s.appraisals[0]!.id, result: '存在因果关系' } })],
  [day('03-05', '10:00'), 'mediator', () => ({ type: 'draftAgreement', data: { terms: '诊所退款六成并书面道歉', obligations: obligationsDue('2026-04-30') } })],
];

const sign = (as: Person): Step => [day('03-05', '11:00'), as, (s) => ({ type: 'signAgreement', data: { agreementHash: s.agreement!.hash } })];

/** Signed by all three: SETTLED; the refund recorded as paid (PERFORMED), the apology pending. */
const SETTLED: Step[] = [
  ...DRAFTED,
  sign('claimant'),
  sign('respondent'),
  sign('mediator'),
  [day('03-05', '12:00'), 'respondent', (s) => ({ type: 'recordPerformance', data: { obligationId: s.obligations[0]!.id, note: '已转账' } })],
];

const CONFIRMATION_REQUESTED: Step[] = [
  ...SETTLED,
  [day('03-06', '09:00'), 'claimant', () => ({ type: 'applyForConfirmation', data: { court: COURT } })],
  [day('03-06', '09:05'), 'respondent', () => ({ type: 'applyForConfirmation', data: { court: COURT } })],
];

const CONFIRMATION_REFUSED: Step[] = [
  ...CONFIRMATION_REQUESTED,
  [day('03-09', '10:00'), 'court', () => ({ type: 'acceptConfirmationApplication', data: {} })],
  [day('03-09', '11:00'), 'court', () => ({ type: 'ruleOnConfirmation', data: { confirmed: false, grounds: ['CONTENT_UNCLEAR'] } })],
];

/** The parties go to court after the refusal: CLOSED(REFERRED_TO_LITIGATION), the court and mediator keeping their relation. */
const CLOSED: Step[] = [
  ...CONFIRMATION_REFUSED,
  [day('03-10', '09:00'), 'claimant', () => ({ type: 'closeDispute', data: { outcome: 'REFERRED_TO_LITIGATION' } })],
];

/** The closed case proposed as a typical case by its mediator. */
const TYPICAL_PROPOSED: Step[] = [
  ...CLOSED,
  [day('03-10', '10:00'), 'mediator', () => ({ type: 'proposeTypicalCase', data: { title: '玻尿酸注射纠纷', summary: '启示：选择有资质的机构。' } })],
];

/** Both parties consented. */
const TYPICAL_CONSENTED: Step[] = [
  ...TYPICAL_PROPOSED,
  [day('03-10', '11:00'), 'claimant', () => ({ type: 'answerTypicalCaseConsent', data: { consent: true } })],
  [day('03-10', '11:05'), 'respondent', () => ({ type: 'answerTypicalCaseConsent', data: { consent: true } })],
];

const COMMISSION = '深圳国际仲裁院';

/** Both signed the arbitration agreement; the arbitrator appointed. The court and the mediator keep their relation. */
const IN_ARBITRATION: Step[] = [
  ...CONFIRMATION_REFUSED,
  [day('03-10', '10:00'), 'claimant', () => ({ type: 'signArbitrationAgreement', data: { commission: COMMISSION } })],
  [day('03-10', '10:05'), 'respondent', () => ({ type: 'signArbitrationAgreement', data: { commission: COMMISSION } })],
  [day('03-10', '11:00'), 'intake', (_, p) => ({ type: 'appointArbitrator', data: { arbitratorId: p.cast.arbitrator.id, name: '陈仲裁' } })],
];

/** Awarded; the award's compensation (owed by the respondent) overdue. */
const AWARDED: Step[] = [
  ...IN_ARBITRATION,
  [day('03-11', '10:00'), 'arbitrator', () => ({
    type: 'renderAward',
    data: { award: '被申请人赔偿申请人 8000 元', obligations: [{ debtor: 'RESPONDENT', kind: 'COMPENSATION', amountFen: 800_000, dueDate: '2026-03-13' }] },
  })],
  [day('03-14', '01:00'), 'system', (s) => ({
    type: 'markObligationOverdue',
    data: { obligationId: s.obligations[0]!.id, dueAt: endOfLocalDay('2026-03-13').toISOString() },
  })],
];

function evidence(description: string, caucus: boolean) {
  return { kind: 'PHOTO' as const, description, caucus, fileName: 'photo.jpg', mediaType: 'image/jpeg', size: 1024, sha256: 'a'.repeat(64) };
}

/** Each stage: the steps that lead to it and the time its cells run at (the server's clock). */
export const STAGES = {
  submitted: { steps: SUBMITTED, now: day('03-02', '15:00') },
  awaitingInformation: {
    steps: [...SUBMITTED, [day('03-02', '11:00'), 'intake', () => ({ type: 'requestInformation', data: { message: '请补充病历' } })]] as Step[],
    now: day('03-02', '15:00'),
  },
  accepted: { steps: ACCEPTED, now: day('03-03', '15:00') },
  mediation: { steps: MEDIATION, now: day('03-05', '10:00') },
  drafted: { steps: DRAFTED, now: day('03-05', '10:30') },
  settled: { steps: SETTLED, now: day('03-05', '15:00') },
  confirmationRequested: { steps: CONFIRMATION_REQUESTED, now: day('03-06', '15:00') },
  confirmationRefused: { steps: CONFIRMATION_REFUSED, now: day('03-09', '15:00') },
  arbitration: { steps: IN_ARBITRATION, now: day('03-10', '15:00') },
  awarded: { steps: AWARDED, now: day('03-16', '10:00') },
  closed: { steps: CLOSED, now: day('03-10', '15:00') },
  typicalProposed: { steps: TYPICAL_PROPOSED, now: day('03-10', '15:00') },
  typicalConsented: { steps: TYPICAL_CONSENTED, now: day('03-10', '15:00') },
  typicalPublished: {
    steps: [...TYPICAL_CONSENTED, [day('03-10', '12:00'), 'intake', () => ({ type: 'publishTypicalCase', data: {} })]] as Step[],
    now: day('03-10', '15:00'),
  },
} satisfies Record<string, { steps: Step[]; now: string }>;
export type Stage = keyof typeof STAGES;

/** A fresh dispute at that stage, projected into the read model. */
export async function build(server: TestServer, people: People, stage: Stage): Promise<Fixture> {
  const { platform } = server;
  const id = newId();
  const caseNumber = await allocateCaseNumber(platform.store, new Date(FILED_AT), id);
  const filing: Step = [FILED_AT, 'claimant', () => ({
    type: 'fileDispute',
    data: {
      disputeId: id,
      caseNumber,
      respondent: { institutionId: people.institution.id, name: '美丽医疗美容诊所', code: people.institution.code },
      categories: ['MEDICAL_INJURY', 'UNQUALIFIED_PRACTITIONER'],
      procedure: '玻尿酸注射',
      occurredOn: '2026-02-01',
      place: '深圳市福田区',
      description: '注射后出现血管栓塞',
      amountPaidFen: 1_280_000,
      remedies: [{ kind: 'REFUND', amountFen: 1_280_000 }],
      claimant: { name: '张三', phone: PHONE, idNumber: ID_NUMBER, address: ADDRESS },
    },
  })];
  let state = initialState(id);
  let position = 0n;
  for (const [at, as, command] of [filing, ...STAGES[stage].steps]) {
    const viewer = as === 'system' ? SYSTEM_VIEWER : people.viewers[as]!;
    const deps = { store: platform.store, clock: manualClock(new Date(at)), rules: platform.config.rules };
    const next = command(state, people);
    const result = await handleDisputeCommand(deps, id, next, { viewer, correlationId: `fixture-${stage}` });
    if (result.appended.length === 0) throw new Error(`fixture ${stage}: ${next.type} appended nothing`);
    state = result.state;
    position = result.position;
  }
  await platform.runner.waitFor(position);
  const s = state;
  return {
    id,
    caseNumber,
    referralId: s.referrals.find((r) => r.authority === 'HEALTH')!.id,
    offerId: s.offers[0]?.id,
    sessionId: s.sessions.find((x) => !x.record)?.id,
    appraisalId: s.appraisals.find((a) => !a.completedAt)?.id,
    agreementHash: s.agreement?.hash,
    obligationIds: s.obligations.map((o) => o.id),
    evidenceId: s.evidence.find((e) => e.submittedBy.role === 'CONSUMER')?.id,
  };
}

/** The sign-in code mailed to an address (DATA_DIR/outbox when SMTP_URL is unset). */
export async function mailedCode(server: TestServer, email: string): Promise<string> {
  const dir = join(server.dataDir, 'outbox');
  const deadline = Date.now() + 5_000;
  for (;;) {
    for (const file of readdirSync(dir, { withFileTypes: true })) {
      if (!file.isFile() || !file.name.endsWith('.eml')) continue;
      const mail = await simpleParser(readFileSync(join(dir, file.name)));
      const to = Array.isArray(mail.to) ? mail.to : mail.to ? [mail.to] : [];
      if (to.some((a) => a.value.some((v) => v.address === email))) return /(?<!\d)(\d{6})(?!\d)/.exec(mail.text ?? '')![1]!;
    }
    if (Date.now() > deadline) throw new Error(`no sign-in code mailed to ${email}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
