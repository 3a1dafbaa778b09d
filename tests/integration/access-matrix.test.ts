/**
 * Who may do and see what (DOMAIN.md 1, 2, 5; API.md), as one table over GraphQL against the real
 * server: every Query and Mutation field of schema.graphql × every person. The table is written from
 * the spec, not from the commands' `by:` lists; it is the documentation of the access rules.
 *
 * Cells:  S  authorised, and it succeeds
 *         R  authorised, but refused by the rules (INVALID_TRANSITION, BAD_USER_INPUT, ...)
 *         N  NOT_FOUND (the dispute is unknown to them, exactly as a dispute that does not exist)
 *         F  FORBIDDEN (they may see the dispute but not do this)
 *         U  UNAUTHENTICATED
 * Dispute operations run on a fresh fixture of the named stage (tests/support/access-fixtures.ts); a cell that
 * changed the dispute gets the next person a fresh one, so no cell sees another's effect.
 */
import { buildSchema } from 'graphql';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../src/shared/clock.ts';
import { complaint, ROOT, startServer, type GraphQLResponse, type TestServer } from '../support/server.ts';
import {
  ADDRESS,
  build,
  COLUMNS,
  COURT,
  createPeople,
  EVIDENCE,
  ID_NUMBER,
  MASKED_PHONE,
  mailedCode,
  MESSAGES,
  MINUTES,
  PERSONS,
  PHONE,
  STAGES,
  type Fixture,
  type People,
  type Person,
  type Stage,
} from '../support/access-fixtures.ts';

type Cell = 'S' | 'R' | 'N' | 'F' | 'U';

/**
 * Who may do what: for each operation, the stage of the dispute it runs on ('-': none) and one cell
 * per person. Stages and the relations that exist in them (tests/support/access-fixtures.ts):
 *   submitted, awaitingInformation    claimant, lawyer, coordinator, intake, regulator (no respondent before acceptance)
 *   accepted … settled                 + respondent, mediator (in `accepted` not yet disclosed)
 *   confirmationRequested, …Refused    + court
 *   arbitration, awarded               + arbitrator
 * Strangers (another consumer, clinic, mediator, arbitrator, lawyer, court, regulator) and ADMIN get N whatever the stage.
 */
// prettier-ignore
const ACCESS: Record<string, [stage: Stage | '-', cells: string]> = {
  // ── Queries ──────────────────────────────────────────────────── CL OC RS RX IN MD MX AR AX LW LX CO CT CX RG GX AD PU
  me:                            ['-',                       'S  S  S  S  S  S  S  S  S  S  S  S  S  S  S  S  S  S'], // the public: null
  dispute:                       ['arbitration',             'S  N  S  N  S  S  N  S  N  S  N  S  S  N  S  N  N  U'],
  disputeByCaseNumber:           ['arbitration',             'S  N  S  N  S  S  N  S  N  S  N  S  S  N  S  N  N  U'],
  disputes:                      ['-',                       'S  S  S  S  S  S  S  S  S  S  S  S  S  S  S  S  S  U'], // ADMIN's is empty
  auditTrail:                    ['arbitration',             'S  N  S  N  S  S  N  S  N  S  N  S  S  N  S  N  N  U'], // DOMAIN.md 6: anyone who may see it
  verifyAuditTrail:              ['arbitration',             'S  N  S  N  S  S  N  S  N  S  N  S  S  N  S  N  N  U'],
  caseBundle:                    ['arbitration',             'S  N  S  N  S  S  N  S  N  S  N  S  S  N  S  N  N  U'], // the link; the PDF is authorised the same way
  // Public records, anonymised statistics and the calculator (DOMAIN.md 5 "public").
  institution:                   ['-',                       'S  S  S  S  S  S  S  S  S  S  S  S  S  S  S  S  S  S'],
  institutions:                  ['-',                       'S  S  S  S  S  S  S  S  S  S  S  S  S  S  S  S  S  S'],
  statistics:                    ['-',                       'S  S  S  S  S  S  S  S  S  S  S  S  S  S  S  S  S  S'],
  calculateDamages:              ['-',                       'S  S  S  S  S  S  S  S  S  S  S  S  S  S  S  S  S  S'],
  typicalCases:                  ['-',                       'S  S  S  S  S  S  S  S  S  S  S  S  S  S  S  S  S  S'], // anonymised cases
  // Dockets (DOMAIN.md 4) belong to a role; the coordinator is a LEGAL_AID_LAWYER.
  mediatorDocket:                ['-',                       'F  F  F  F  F  S  S  F  F  F  F  F  F  F  F  F  F  U'],
  courtDocket:                   ['-',                       'F  F  F  F  F  F  F  F  F  F  F  F  S  S  F  F  F  U'],
  legalAidCaseload:              ['-',                       'F  F  F  F  F  F  F  F  F  S  S  S  F  F  F  F  F  U'],
  // The schema: ADMIN (addresses, no case content) and INTAKE_OFFICER (case numbers) only.
  mailFailures:                  ['-',                       'F  F  F  F  S  F  F  F  F  F  F  F  F  F  F  F  S  U'],
  // Whom to assign, for whoever assigns: mediators for an intake officer (lawyers for a coordinator: tests/integration/webapp.test.ts).
  staffDirectory:                ['-',                       'F  F  F  F  S  F  F  F  F  F  F  F  F  F  F  F  F  U'],
  // Personal data (README "Personal data"): the claimant's access log for the claimant and ADMIN; the retention proposals for ADMIN.
  personalDataAccessLog:         ['-',                       'S  F  F  F  F  F  F  F  F  F  F  F  F  F  F  F  S  U'],
  erasureProposals:              ['-',                       'F  F  F  F  F  F  F  F  F  F  F  F  F  F  F  F  S  U'],
  // Personal data (PIPL Art. 47): ADMIN only; each request erases a person of its own.
  erasePersonalData:             ['-',                       'F  F  F  F  F  F  F  F  F  F  F  F  F  F  F  F  S  U'],

  // ── Sign-in (API.md "Authentication"): open to anyone ──────────── CL OC RS RX IN MD MX AR AX LW LX CO CT CX RG GX AD PU
  requestLoginCode:              ['-',                       'S  S  S  S  S  S  S  S  S  S  S  S  S  S  S  S  S  S'],
  signIn:                        ['-',                       'S  S  S  S  S  S  S  S  S  S  S  S  S  S  S  S  S  S'],
  registerConsumer:              ['-',                       'S  S  S  S  S  S  S  S  S  S  S  S  S  S  S  S  S  S'],

  // ── Intake (DOMAIN.md 2.2) ──────────────────────────────────────── CL OC RS RX IN MD MX AR AX LW LX CO CT CX RG GX AD PU
  // Only a consumer files (a lawyer is assigned within a dispute; there is none yet).
  fileDispute:                   ['-',                       'S  S  F  F  F  F  F  F  F  F  F  F  F  F  F  F  F  U'],
  requestInformation:            ['submitted',               'F  N  N  N  S  N  N  N  N  F  N  F  N  N  F  N  N  U'],
  supplementInformation:         ['awaitingInformation',     'S  N  N  N  F  N  N  N  N  S  N  F  N  N  F  N  N  U'],
  acceptDispute:                 ['submitted',               'F  N  N  N  S  N  N  N  N  F  N  F  N  N  F  N  N  U'],
  rejectDispute:                 ['submitted',               'F  N  N  N  S  N  N  N  N  F  N  F  N  N  F  N  N  U'],
  withdrawDispute:               ['submitted',               'S  N  N  N  F  N  N  N  N  S  N  F  N  N  F  N  N  U'],
  // "intake officer or mediator" refer; the regulator of that authority records its outcome.
  referToAuthority:              ['mediation',               'F  N  F  N  S  S  N  N  N  F  N  F  N  N  F  N  N  U'],
  recordAuthorityOutcome:        ['mediation',               'F  N  F  N  F  F  N  N  N  F  N  F  N  N  S  N  N  U'],

  // ── Mediation (2.3) ────────────────────────────────────────────── CL OC RS RX IN MD MX AR AX LW LX CO CT CX RG GX AD PU
  answerMediationInvitation:     ['accepted',                'F  N  S  N  F  F  N  N  N  F  N  F  N  N  F  N  N  U'],
  assignMediator:                ['accepted',                'F  N  F  N  S  F  N  N  N  F  N  F  N  N  F  N  N  U'],
  discloseConflicts:             ['accepted',                'F  N  F  N  F  S  N  N  N  F  N  F  N  N  F  N  N  U'],
  // "either party" (the lawyer acting as the consumer)
  requestMediatorReplacement:    ['mediation',               'S  N  S  N  F  F  N  N  N  S  N  F  N  N  F  N  N  U'],
  scheduleSession:               ['mediation',               'F  N  F  N  F  S  N  N  N  F  N  F  N  N  F  N  N  U'],
  recordSession:                 ['mediation',               'F  N  F  N  F  S  N  N  N  F  N  F  N  N  F  N  N  U'],
  // Between the parties and the mediator; the intake officer is not in the conversation (spec silent).
  postMessage:                   ['mediation',               'S  N  S  N  F  S  N  N  N  S  N  F  N  N  F  N  N  U'],
  proposeSettlement:             ['mediation',               'S  N  S  N  F  S  N  N  N  S  N  F  N  N  F  N  N  U'],
  // The offer is the respondent's: "the other accepts, rejects or counters".
  respondToOffer:                ['mediation',               'S  N  F  N  F  F  N  N  N  S  N  F  N  N  F  N  N  U'],
  // Spec silent on who: parties and mediator request (one runs already: R); mediator or intake officer record completion.
  requestAppraisal:              ['mediation',               'R  N  R  N  F  R  N  N  N  R  N  F  N  N  F  N  N  U'],
  completeAppraisal:             ['mediation',               'F  N  F  N  S  S  N  N  N  F  N  F  N  N  F  N  N  U'],
  extendMediation:               ['mediation',               'S  N  S  N  F  F  N  N  N  S  N  F  N  N  F  N  N  U'], // "both parties"
  endMediation:                  ['mediation',               'F  N  F  N  F  S  N  N  N  F  N  F  N  N  F  N  N  U'],
  // "the parties may re-mediate"; the intake officer may reopen it too (spec silent).
  resumeMediation:               ['confirmationRefused',     'S  N  S  N  S  F  N  N  N  S  N  F  F  N  F  N  N  U'],

  // ── Settlement (2.4): no signing by the lawyer without a power of attorney (DOMAIN.md 1) ─ CL OC RS RX IN MD MX AR AX LW LX CO CT CX RG GX AD PU
  draftAgreement:                ['mediation',               'F  N  F  N  F  S  N  N  N  F  N  F  N  N  F  N  N  U'],
  signAgreement:                 ['drafted',                 'S  N  S  N  F  S  N  N  N  F  N  F  N  N  F  N  N  U'],
  declineAgreement:              ['drafted',                 'S  N  S  N  F  F  N  N  N  S  N  F  N  N  F  N  N  U'],

  // ── Judicial confirmation (2.5): the court knows the dispute once both applied to it ─ CL OC RS RX IN MD MX AR AX LW LX CO CT CX RG GX AD PU
  applyForConfirmation:          ['settled',                 'S  N  S  N  F  F  N  N  N  S  N  F  N  N  F  N  N  U'],
  acceptConfirmationApplication: ['confirmationRequested',   'F  N  F  N  F  F  N  N  N  F  N  F  S  N  F  N  N  U'],
  ruleOnConfirmation:            ['confirmationRequested',   'F  N  F  N  F  F  N  N  N  F  N  F  S  N  F  N  N  U'],

  // ── Arbitration (2.6) ──────────────────────────────────────────── CL OC RS RX IN MD MX AR AX LW LX CO CT CX RG GX AD PU
  signArbitrationAgreement:      ['confirmationRefused',     'S  N  S  N  F  F  N  N  N  F  N  F  F  N  F  N  N  U'],
  appointArbitrator:             ['arbitration',             'F  N  F  N  S  F  N  F  N  F  N  F  F  N  F  N  N  U'],
  scheduleHearing:               ['arbitration',             'F  N  F  N  F  F  N  S  N  F  N  F  F  N  F  N  N  U'],
  renderAward:                   ['arbitration',             'F  N  F  N  F  F  N  S  N  F  N  F  F  N  F  N  N  U'],
  recordAwardReceipt:            ['awarded',                 'S  N  S  N  F  F  N  F  N  S  N  F  F  N  F  N  N  U'],

  // ── Performance and closure (2.7): the debtor (here the clinic) records, the creditor confirms and enforces ─ CL OC RS RX IN MD MX AR AX LW LX CO CT CX RG GX AD PU
  recordPerformance:             ['settled',                 'F  N  S  N  F  F  N  N  N  F  N  F  N  N  F  N  N  U'],
  confirmPerformance:            ['settled',                 'S  N  F  N  F  F  N  N  N  S  N  F  N  N  F  N  N  U'],
  applyForEnforcement:           ['awarded',                 'S  N  F  N  F  F  N  F  N  S  N  F  F  N  F  N  N  U'],
  // "parties go to court / give up"; the intake officer may close it for them too (spec silent).
  closeDispute:                  ['confirmationRefused',     'S  N  S  N  S  F  N  N  N  S  N  F  F  N  F  N  N  U'],

  // ── Legal aid (2.8): granted, a lawyer assigned, in every fixture ── CL OC RS RX IN MD MX AR AX LW LX CO CT CX RG GX AD PU
  // "The consumer (or intake officer for them) applies", the lawyer as the consumer (DOMAIN.md 1): aid is granted already, R.
  applyForLegalAid:              ['mediation',               'R  N  F  N  R  F  N  N  N  R  N  F  N  N  F  N  N  U'],
  decideLegalAid:                ['mediation',               'F  N  F  N  F  F  N  N  N  F  N  R  N  N  F  N  N  U'],
  assignLegalAidLawyer:          ['mediation',               'F  N  F  N  F  F  N  N  N  F  N  S  N  N  F  N  N  U'],
  // The consumer's own authorisation: her lawyer cannot give it to himself.
  recordPowerOfAttorney:         ['mediation',               'S  N  F  N  F  F  N  N  N  F  N  F  N  N  F  N  N  U'],

  // ── Evidence (2.9): a party withdraws its own item (the claimant's) ─ CL OC RS RX IN MD MX AR AX LW LX CO CT CX RG GX AD PU
  withdrawEvidence:              ['mediation',               'S  N  F  N  F  F  N  N  N  S  N  F  N  N  F  N  N  U'],

  // ── Typical cases (issue 10): the mediator proposes, both parties consent (MDR Art. 42; the lawyer only with a power of attorney), intake publishes ─ CL OC RS RX IN MD MX AR AX LW LX CO CT CX RG GX AD PU
  proposeTypicalCase:            ['closed',                  'F  N  F  N  F  S  N  N  N  F  N  F  F  N  F  N  N  U'],
  answerTypicalCaseConsent:      ['typicalProposed',         'S  N  S  N  F  F  N  N  N  F  N  F  F  N  F  N  N  U'],
  publishTypicalCase:            ['typicalConsented',        'F  N  F  N  S  F  N  N  N  F  N  F  F  N  F  N  N  U'],
  withdrawTypicalCase:           ['typicalPublished',        'F  N  F  N  S  F  N  N  N  F  N  F  F  N  F  N  N  U'],
};

interface Ctx {
  server: TestServer;
  people: People;
  token: string | undefined;
  fixture: Fixture;
}
type Send = (ctx: Ctx) => Promise<GraphQLResponse>;
type Vars = (f: Fixture, p: People) => Record<string, unknown>;

const TYPES: Record<string, string> = {
  id: 'ID!', offerId: 'ID!', sessionId: 'ID!', appraisalId: 'ID!', referralId: 'ID!', evidenceId: 'ID!', obligationId: 'ID!',
  mediatorId: 'ID!', arbitratorId: 'ID!', lawyerId: 'ID!', agreementHash: 'String!', obligations: '[ObligationInput!]!',
};

/** A mutation on the fixture's dispute: `args` after disputeId; variables typed by TYPES. */
function onDispute(op: string, args = '', vars: Vars = () => ({})): Send {
  return ({ server, token, fixture, people }) => {
    const variables = { id: fixture.id, ...vars(fixture, people) };
    const declared = Object.keys(variables).map((k) => `$${k}: ${TYPES[k]}`).join(', ');
    return server.gql(token, `mutation(${declared}) { ${op}(disputeId: $id${args ? `, ${args}` : ''}) { id } }`, variables);
  };
}

const request = (document: string, vars: Vars = () => ({})): Send => ({ server, token, fixture, people }) => server.gql(token, document, vars(fixture, people));

const OBLIGATIONS = [{ debtor: 'RESPONDENT', kind: 'REFUND', amountFen: 640_000, dueDate: '2026-04-30' }];

/** How each operation is sent: valid arguments, so that only access or the dispute's state can refuse it. */
// prettier-ignore
const REQUESTS: Record<string, Send> = {
  me: request('{ me { id } }'),
  dispute: request('query($id: ID!) { dispute(id: $id) { id } }', (f) => ({ id: f.id })),
  disputeByCaseNumber: request('query($n: String!) { disputeByCaseNumber(caseNumber: $n) { id } }', (f) => ({ n: f.caseNumber })),
  disputes: request('{ disputes { totalCount } }'),
  auditTrail: request('query($id: ID!) { auditTrail(disputeId: $id) { type } }', (f) => ({ id: f.id })),
  verifyAuditTrail: request('query($id: ID!) { verifyAuditTrail(disputeId: $id) { valid } }', (f) => ({ id: f.id })),
  caseBundle: request('query($id: ID!) { caseBundle(disputeId: $id) { url } }', (f) => ({ id: f.id })),
  institution: request('query($i: ID!) { institution(id: $i) { name record { complaints } } }', (_, p) => ({ i: p.institution.id })),
  institutions: request('{ institutions { totalCount } }'),
  statistics: request('{ statistics(from: "2026-01-01", to: "2026-12-31") { filed } }'),
  calculateDamages: request('{ calculateDamages(input: { amountPaidFen: 100000 }) { total { amountFen } } }'),
  mediatorDocket: request('{ mediatorDocket { dispute { id } } }'),
  courtDocket: request('{ courtDocket { dispute { id } } }'),
  legalAidCaseload: request('{ legalAidCaseload { dispute { id } } }'),
  mailFailures: request('{ mailFailures { id } }'),
  staffDirectory: request('{ staffDirectory(role: MEDIATOR) { id name } }'),
  personalDataAccessLog: request('query($p: ID!) { personalDataAccessLog(personId: $p) { totalCount } }', (_, p) => ({ p: p.cast.claimant.id })),
  erasureProposals: request('{ erasureProposals { personId } }'),

  requestLoginCode: request('mutation { requestLoginCode(email: "nobody@example.cn") }'),
  signIn: signInWithMailedCode,
  registerConsumer: registerFresh,
  erasePersonalData: eraseFresh,

  fileDispute: request('mutation($input: FileDisputeInput!) { fileDispute(input: $input) { id } }', () => ({ input: complaint({ occurredOn: '2026-02-01' }) })),
  requestInformation: onDispute('requestInformation', 'message: "请补充病历"'),
  supplementInformation: onDispute('supplementInformation', 'text: "病历已上传"'),
  acceptDispute: onDispute('acceptDispute', 'procedure: MEDICAL_DISPUTE_MEDIATION'),
  rejectDispute: onDispute('rejectDispute', 'reason: OUT_OF_SCOPE, note: "非医疗美容"'),
  withdrawDispute: onDispute('withdrawDispute', 'reason: "已和解"'),
  referToAuthority: onDispute('referToAuthority', 'authority: MARKET_REGULATION, categories: [FALSE_ADVERTISING], note: "虚假宣传"'),
  recordAuthorityOutcome: onDispute('recordAuthorityOutcome', 'referralId: $referralId, outcome: "已立案查处", violationConfirmed: true', (f) => ({ referralId: f.referralId })),

  answerMediationInvitation: onDispute('answerMediationInvitation', 'consent: true'),
  assignMediator: onDispute('assignMediator', 'mediatorId: $mediatorId', (_, p) => ({ mediatorId: p.cast.otherMediator.id })),
  discloseConflicts: onDispute('discloseConflicts', 'statement: "无利害关系", hasConflict: false'),
  requestMediatorReplacement: onDispute('requestMediatorReplacement', 'reason: "不信任"'),
  scheduleSession: onDispute('scheduleSession', 'startsAt: "2026-03-20T10:00:00+08:00", mode: ONLINE, link: "https://meeting.example.cn/2"'),
  recordSession: onDispute('recordSession', 'sessionId: $sessionId, attendees: ["张三"], minutes: "未达成一致"', (f) => ({ sessionId: f.sessionId })),
  postMessage: onDispute('postMessage', 'body: "同意再谈"'),
  proposeSettlement: onDispute('proposeSettlement', 'items: [{ kind: REFUND, amountFen: 700000 }]'),
  respondToOffer: onDispute('respondToOffer', 'offerId: $offerId, accept: false', (f) => ({ offerId: f.offerId })),
  requestAppraisal: onDispute('requestAppraisal', 'subject: "再次鉴定"'),
  completeAppraisal: onDispute('completeAppraisal', 'appraisalId: $appraisalId, result: "有因果关系"', (f) => ({ appraisalId: f.appraisalId })),
  extendMediation: onDispute('extendMediation', 'workingDays: 10'),
  endMediation: onDispute('endMediation', 'reason: NO_AGREEMENT'),
  resumeMediation: onDispute('resumeMediation'),

  draftAgreement: onDispute('draftAgreement', 'terms: "诊所退款", obligations: $obligations', () => ({ obligations: OBLIGATIONS })),
  signAgreement: onDispute('signAgreement', 'agreementHash: $agreementHash', (f) => ({ agreementHash: f.agreementHash })),
  declineAgreement: onDispute('declineAgreement', 'reason: "金额不足"'),

  applyForConfirmation: onDispute('applyForConfirmation', `court: "${COURT}"`),
  acceptConfirmationApplication: onDispute('acceptConfirmationApplication'),
  ruleOnConfirmation: onDispute('ruleOnConfirmation', 'confirmed: false, grounds: [CONTENT_UNCLEAR]'),

  signArbitrationAgreement: onDispute('signArbitrationAgreement', 'commission: "深圳国际仲裁院"'),
  appointArbitrator: onDispute('appointArbitrator', 'arbitratorId: $arbitratorId', (_, p) => ({ arbitratorId: p.cast.otherArbitrator.id })),
  scheduleHearing: onDispute('scheduleHearing', 'startsAt: "2026-04-01T10:00:00+08:00", mode: ONLINE, link: "https://hearing.example.cn/1"'),
  renderAward: onDispute('renderAward', 'award: "驳回请求", obligations: $obligations', () => ({ obligations: OBLIGATIONS })),
  recordAwardReceipt: onDispute('recordAwardReceipt', 'receivedOn: "2026-03-12"'),

  // The clinic's pending apology; the refund it has recorded as paid.
  recordPerformance: onDispute('recordPerformance', 'obligationId: $obligationId', (f) => ({ obligationId: f.obligationIds[1] })),
  confirmPerformance: onDispute('confirmPerformance', 'obligationId: $obligationId', (f) => ({ obligationId: f.obligationIds[0] })),
  applyForEnforcement: onDispute('applyForEnforcement'),
  closeDispute: onDispute('closeDispute', 'outcome: REFERRED_TO_LITIGATION'),

  applyForLegalAid: onDispute('applyForLegalAid', 'circumstances: "收入微薄"'),
  decideLegalAid: onDispute('decideLegalAid', 'granted: true, reason: "符合条件"'),
  assignLegalAidLawyer: onDispute('assignLegalAidLawyer', 'lawyerId: $lawyerId', (_, p) => ({ lawyerId: p.cast.otherLawyer.id })),
  recordPowerOfAttorney: onDispute('recordPowerOfAttorney'),

  withdrawEvidence: onDispute('withdrawEvidence', 'evidenceId: $evidenceId', (f) => ({ evidenceId: f.evidenceId })),

  typicalCases: request('{ typicalCases { totalCount } }'),
  proposeTypicalCase: onDispute('proposeTypicalCase', 'title: "隆鼻纠纷", summary: "启示：保留凭证。"'),
  answerTypicalCaseConsent: onDispute('answerTypicalCaseConsent', 'consent: true'),
  publishTypicalCase: onDispute('publishTypicalCase'),
  withdrawTypicalCase: onDispute('withdrawTypicalCase', 'reason: "当事人要求"'),
};

/** A fresh account signs in with the code mailed to it; who sends the mutation does not matter. */
async function signInWithMailedCode({ server, token }: Ctx): Promise<GraphQLResponse> {
  const user = await server.user('CONSUMER');
  await server.gql(undefined, 'mutation($e: String!) { requestLoginCode(email: $e) }', { e: user.email });
  const code = await mailedCode(server, user.email);
  return server.gql(token, 'mutation($e: String!, $c: String!) { signIn(email: $e, code: $c) }', { e: user.email, c: code });
}

async function eraseFresh({ server, token }: Ctx): Promise<GraphQLResponse> {
  const person = await server.user('CONSUMER');
  return server.gql(token, 'mutation($p: ID!) { erasePersonalData(personId: $p, reason: "本人申请删除") { personId } }', { p: person.id });
}

let registrations = 0;
function registerFresh({ server, token }: Ctx): Promise<GraphQLResponse> {
  const input = { email: `new-${++registrations}-${Date.now()}@example.cn`, name: '新用户', phone: '13800138000' };
  return server.gql(token, 'mutation($input: RegisterConsumerInput!) { registerConsumer(input: $input) }', { input });
}

const ACCESS_CODES: Record<string, Cell> = { NOT_FOUND: 'N', FORBIDDEN: 'F', UNAUTHENTICATED: 'U' };
/** Refusals by the rules, after access was granted. Anything else (a malformed query, INTERNAL) is a failure. */
const RULE_CODES = new Set(['INVALID_TRANSITION', 'BAD_USER_INPUT', 'DEADLINE_PASSED', 'CONCURRENCY_CONFLICT']);

function classify(response: GraphQLResponse): { cell: Cell | string; note: string } {
  const error = response.errors?.[0];
  if (!error) return { cell: 'S', note: '' };
  const code = String(error.extensions?.code);
  const note = `${code}: ${error.message}`;
  return { cell: ACCESS_CODES[code] ?? (RULE_CODES.has(code) ? 'R' : `?${code}`), note };
}

function parseCells(expected: string): Record<Person, string> {
  const cells = expected.trim().split(/\s+/);
  if (cells.length !== PERSONS.length || cells.some((c) => !'SRNFU'.includes(c))) throw new Error(`not ${PERSONS.length} cells of S R N F U: ${expected}`);
  return Object.fromEntries(PERSONS.map((p, i) => [p, cells[i]!])) as Record<Person, string>;
}

const version = (server: TestServer, f: Fixture | undefined) => (f ? server.platform.queries.dispute(f.id)?.version : undefined);

describe('access matrix: every operation of schema.graphql × every person', () => {
  const clock = manualClock(new Date(STAGES.awarded.now));
  let server: TestServer;
  let people: People;

  beforeAll(async () => {
    server = await startServer({ clock });
    people = await createPeople(server);
  });
  afterAll(async () => {
    await server?.close();
  });

  it('has exactly one row for every Query and Mutation field', () => {
    const schema = buildSchema(readFileSync(join(ROOT, 'schema.graphql'), 'utf8'));
    const fields = [...Object.keys(schema.getQueryType()!.getFields()), ...Object.keys(schema.getMutationType()!.getFields())].sort();
    // A new operation needs its access rule here before it can ship.
    expect(Object.keys(ACCESS).sort()).toEqual(fields);
    expect(Object.keys(REQUESTS).sort()).toEqual(fields);
    expect(COLUMNS.split(' ')).toHaveLength(PERSONS.length);
  });

  for (const [op, [stage, cells]] of Object.entries(ACCESS)) {
    it(`${op}${stage === '-' ? '' : ` (${stage})`}`, async () => {
      const expected = parseCells(cells);
      const got = {} as Record<Person, string>;
      const notes: string[] = [];
      let fixture: Fixture | undefined;
      for (const person of PERSONS) {
        if (stage !== '-' && !fixture) fixture = await build(server, people, stage);
        clock.set(new Date(STAGES[stage === '-' ? 'awarded' : stage].now));
        const before = version(server, fixture);
        const { cell, note } = classify(await REQUESTS[op]!({ server, people, token: people.cast[person]?.token, fixture: fixture! }));
        got[person] = cell;
        if (cell !== expected[person]) notes.push(`${person}: expected ${expected[person]}, got ${cell} ${note}`);
        // A refused command appends nothing (API.md "Errors"); one that succeeded leaves the next person a fresh dispute.
        if (version(server, fixture) !== before) {
          if (cell !== 'S') notes.push(`${person}: refused (${note}) but the dispute changed`);
          fixture = undefined;
        }
      }
      expect(notes, `${op}\n${notes.join('\n')}`).toEqual([]);
      expect(got).toEqual(expected);
    });
  }
});

// ── What each person sees of one rich dispute (DOMAIN.md 2.5, 2.6, 5; API.md "Dispute fields") ─────────

const VIEW = `id viewerRelation claimant { phone idNumber address }
  messages { body } offers { id } sessions { minutes } evidence { description } referrals { authority }`;

interface Seen {
  relation: string;
  /** full: phone, ID number and address as given; masked: 139****1111, no ID number, no address. */
  contact: 'full' | 'masked';
  messages: Array<keyof typeof MESSAGES>;
  offers: number;
  /** The mediator's minutes of the recorded session. */
  minutes: boolean;
  evidence: Array<keyof typeof EVIDENCE>;
  referrals: string[];
  /** Sees the other dispute, still SUBMITTED (not accepted). */
  beforeAcceptance: boolean;
}

const ALL_MESSAGES: Seen['messages'] = ['open', 'claimantCaucus', 'respondentCaucus', 'mediatorCaucus'];
const BOTH = ['HEALTH', 'PUBLIC_SECURITY'];
const CLAIMANT_SIDE: Omit<Seen, 'relation'> = {
  contact: 'full', messages: ['open', 'claimantCaucus', 'mediatorCaucus'], offers: 1, minutes: true, evidence: ['claimant'], referrals: BOTH, beforeAcceptance: true,
};

/** The dispute in arbitration: every relation exists; it went through mediation (caucus both ways, an offer), a refused confirmation, two referrals. */
// prettier-ignore
const SEES: Record<Person, Seen | 'N' | 'U'> = {
  claimant:        { relation: 'CLAIMANT', ...CLAIMANT_SIDE },
  lawyer:          { relation: 'CLAIMANT_LAWYER', ...CLAIMANT_SIDE }, // "as that consumer"
  respondent:      { relation: 'RESPONDENT', contact: 'masked', messages: ['open', 'respondentCaucus'], offers: 1, minutes: true, evidence: ['claimant', 'respondentCaucus'], referrals: BOTH, beforeAcceptance: false },
  intake:          { relation: 'INTAKE', contact: 'full', messages: ['open'], offers: 1, minutes: true, evidence: ['claimant'], referrals: BOTH, beforeAcceptance: true }, // not caucus content
  mediator:        { relation: 'MEDIATOR', contact: 'full', messages: ALL_MESSAGES, offers: 1, minutes: true, evidence: ['claimant', 'respondentCaucus'], referrals: BOTH, beforeAcceptance: false },
  // 2.6: no mediation communications, offers or caucus (the minutes are the mediation's record); referrals: not theirs (spec silent).
  arbitrator:      { relation: 'ARBITRATOR', contact: 'masked', messages: [], offers: 0, minutes: false, evidence: ['claimant'], referrals: [], beforeAcceptance: false },
  // 2.5: the agreement, the parties, the mediator's record of the process, the evidence index; no caucus, no offers.
  // Not "case staff" (API.md): the phone masked.
  court:           { relation: 'COURT', contact: 'masked', messages: [], offers: 0, minutes: true, evidence: ['claimant'], referrals: [], beforeAcceptance: false },
  // Spec silent on the coordinator: they see a dispute with a legal-aid application, without the mediation.
  coordinator:     { relation: 'LEGAL_AID_COORDINATOR', contact: 'masked', messages: [], offers: 0, minutes: false, evidence: ['claimant'], referrals: BOTH, beforeAcceptance: true },
  // Only the referral to its own authority.
  regulator:       { relation: 'REGULATOR', contact: 'masked', messages: [], offers: 0, minutes: false, evidence: [], referrals: ['HEALTH'], beforeAcceptance: true },
  otherConsumer: 'N', otherRespondent: 'N', otherMediator: 'N', otherArbitrator: 'N', otherLawyer: 'N', otherCourt: 'N',
  otherRegulator: 'N', // its authority got no referral
  admin: 'N',          // "no case content"
  public: 'U',
};

/** Text back to its name in the fixture; anything unknown stays as it is, to show in the diff. */
const MESSAGE_OF = new Map<string, string>(Object.entries(MESSAGES).map(([k, v]) => [v, k]));
const EVIDENCE_OF = new Map<string, string>(Object.entries(EVIDENCE).map(([k, v]) => [v, k]));

type ViewNode = {
  id: string;
  viewerRelation: string;
  claimant: { phone: string; idNumber: string | null; address: string | null };
  messages: Array<{ body: string }>;
  offers: unknown[];
  sessions: Array<{ minutes: string | null }>;
  evidence: Array<{ description: string }>;
  referrals: Array<{ authority: string }>;
};

function contact({ phone, idNumber, address }: ViewNode['claimant']): Seen['contact'] {
  if (phone === PHONE && idNumber === ID_NUMBER && address === ADDRESS) return 'full';
  if (phone === MASKED_PHONE && idNumber === null && address === null) return 'masked';
  return JSON.stringify({ phone, idNumber, address }) as never;
}

function seen(node: ViewNode, beforeAcceptance: boolean): Seen {
  return {
    relation: node.viewerRelation,
    contact: contact(node.claimant),
    messages: node.messages.map((m) => (MESSAGE_OF.get(m.body) ?? m.body) as keyof typeof MESSAGES),
    offers: node.offers.length,
    minutes: node.sessions.some((s) => s.minutes === MINUTES),
    evidence: node.evidence.map((e) => (EVIDENCE_OF.get(e.description) ?? e.description) as keyof typeof EVIDENCE),
    referrals: node.referrals.map((r) => r.authority),
    beforeAcceptance,
  };
}

describe('what each person sees of one rich dispute', () => {
  let server: TestServer;
  let people: People;
  let rich: Fixture;
  let early: Fixture;
  const code = (r: GraphQLResponse) => r.errors?.[0]?.extensions?.code;

  beforeAll(async () => {
    server = await startServer({ clock: manualClock(new Date(STAGES.arbitration.now)) });
    people = await createPeople(server);
    early = await build(server, people, 'submitted');
    rich = await build(server, people, 'arbitration');
  });
  afterAll(async () => {
    await server?.close();
  });

  const read = (person: Person, id: string) => server.gql(people.cast[person]?.token, `query($id: ID!) { dispute(id: $id) { ${VIEW} } }`, { id });

  it.each(PERSONS)('%s sees what DOMAIN.md 5 lets them, in the dispute and its audit trail', async (person) => {
    const expected = SEES[person];
    const single = await read(person, rich.id);
    const before = await read(person, early.id);
    if (expected === 'N' || expected === 'U') {
      const refusal = expected === 'N' ? 'NOT_FOUND' : 'UNAUTHENTICATED';
      expect([code(single), code(before)]).toEqual([refusal, refusal]);
      expect(single.data?.dispute ?? null).toBeNull();
      return;
    }
    expect(single.errors).toBeUndefined();
    expect(code(before)).toBe(expected.beforeAcceptance ? undefined : 'NOT_FOUND');
    const view = seen(single.data.dispute, before.errors === undefined);

    // The same through the case number.
    const byNumber = await server.gql(people.cast[person]!.token, `query($n: String!) { disputeByCaseNumber(caseNumber: $n) { ${VIEW} } }`, { n: rich.caseNumber });
    expect(byNumber.data.disputeByCaseNumber).toEqual(single.data.dispute);

    // The audit trail follows the same visibility: no entry tells of what the view hides.
    const trail = await server.gql(people.cast[person]!.token, `query($id: ID!) { auditTrail(disputeId: $id) { type summary } }`, { id: rich.id });
    const entries: Array<{ type: string; summary: string }> = trail.data.auditTrail;
    const count = (...types: string[]) => entries.filter((e) => types.includes(e.type)).length;
    const audit = {
      messages: count('MessagePosted'),
      offers: count('SettlementProposed', 'OfferAnswered') > 0,
      evidence: count('EvidenceSubmitted'),
      referrals: entries.filter((e) => e.type === 'ReferredToAuthority').map((e) => /referred to (\w+)/.exec(e.summary)![1]),
    };
    const auditAsSeen = { messages: expected.messages.length, offers: expected.offers > 0, evidence: expected.evidence.length, referrals: expected.referrals };
    expect({ view, audit }).toEqual({ view: expected, audit: auditAsSeen });
  });

  const DOCKET: Partial<Record<string, string>> = { MEDIATOR: 'mediatorDocket', COURT: 'courtDocket', LEGAL_AID_LAWYER: 'legalAidCaseload' };
  /** How many of the two disputes are on each docket: the court's holds only open applications, the coordinator's only undecided aid. */
  const DOCKET_SIZE: Partial<Record<Person, number>> = {
    mediator: 1, otherMediator: 0, court: 0, otherCourt: 0, lawyer: 2, otherLawyer: 0, coordinator: 0,
  };

  it.each(PERSONS)('%s: lists (disputes, totalCount, their docket) hold what single reads show', async (person) => {
    const user = people.cast[person];
    const list = await server.gql(user?.token, `{ disputes(first: 100) { totalCount edges { node { ${VIEW} } } } }`);
    if (!user) {
      expect(code(list)).toBe('UNAUTHENTICATED');
      return;
    }
    const singles: ViewNode[] = [];
    for (const id of [early.id, rich.id]) {
      const one = await server.gql(user.token, `query($id: ID!) { dispute(id: $id) { ${VIEW} } }`, { id });
      if (one.data?.dispute) singles.push(one.data.dispute);
    }
    const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);
    const nodes: ViewNode[] = list.data.disputes.edges.map((e: { node: ViewNode }) => e.node);
    expect(nodes.sort(byId)).toEqual(singles.sort(byId));
    expect(list.data.disputes.totalCount).toBe(singles.length);

    const docket = DOCKET[user.role];
    if (docket) {
      const entries = (await server.gql(user.token, `{ ${docket} { dispute { ${VIEW} } } }`)).data[docket] as Array<{ dispute: ViewNode }>;
      // A docket is a selection of the disputes the person sees, each shown as they see it.
      for (const { dispute } of entries) expect(singles).toContainEqual(dispute);
      expect(entries).toHaveLength(DOCKET_SIZE[person]!);
    }
  });
});
