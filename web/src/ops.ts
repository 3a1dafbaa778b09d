/** Every operation the web app sends, typed by graphql-codegen (web/src/gql) from schema.graphql. */
import { graphql } from './gql/index.ts';

export const ME = graphql(`
  query Me {
    me { id name email role roles court coordinator institution { id name } }
  }
`);

export const REQUEST_CODE = graphql(`
  mutation RequestLoginCode($email: String!) { requestLoginCode(email: $email) }
`);

export const SIGN_IN = graphql(`
  mutation SignIn($email: String!, $code: String!) { signIn(email: $email, code: $code) }
`);

export const REGISTER = graphql(`
  mutation RegisterConsumer($input: RegisterConsumerInput!) { registerConsumer(input: $input) }
`);

export const DISPUTE_ROW = graphql(`
  fragment DisputeRow on Dispute {
    id caseNumber status procedure filedAt updatedAt viewerRelation
    respondent { name }
    claimant { name }
    amountPaid { amountFen }
    deadlines { kind dueAt lastDay workingDaysLeft passed }
    mediator { id name }
    arbitration { arbitrators { id } }
  }
`);

export const DISPUTES = graphql(`
  query Disputes($filter: DisputeFilter, $first: Int) {
    disputes(filter: $filter, first: $first) { totalCount edges { node { ...DisputeRow } } }
  }
`);

export const MEDIATOR_DOCKET = graphql(`
  query MediatorDocket { mediatorDocket { dispute { ...DisputeRow } nextDeadline { kind dueAt lastDay workingDaysLeft passed } } }
`);

export const COURT_DOCKET = graphql(`
  query CourtDocket { courtDocket { dispute { ...DisputeRow } nextDeadline { kind dueAt lastDay workingDaysLeft passed } } }
`);

export const CASELOAD = graphql(`
  query LegalAidCaseload { legalAidCaseload { dispute { ...DisputeRow legalAid { status urgent } } nextDeadline { kind dueAt lastDay workingDaysLeft passed } } }
`);

export const INSTITUTIONS = graphql(`
  query Institutions($search: String) { institutions(search: $search, first: 8) { edges { node { id name code licence } } } }
`);

export const FILE_DISPUTE = graphql(`
  mutation FileDispute($input: FileDisputeInput!) { fileDispute(input: $input) { id caseNumber status } }
`);

export const STAFF = graphql(`
  query StaffDirectory($role: Role!) { staffDirectory(role: $role) { id name } }
`);

export const DISPUTE_FIELDS = graphql(`
  fragment DisputeFields on Dispute {
    id caseNumber status outcome categories procedure mediationProcedure occurredOn place description version viewerRelation
    limitationWarning filedAt updatedAt closedAt
    amountPaid { amountFen }
    claimant { name phone idNumber address }
    respondent { id name code licence }
    remedies { kind amount { amountFen } }
    deadlines { kind dueAt lastDay provisional source ref workingDaysLeft passed }
    informationRequests { message requestedAt supplement supplementedAt }
    rejection { reason note rejectedAt }
    referrals { id authority categories note referredAt outcome violationConfirmed }
    respondentAnswer { consent answeredAt lapsed }
    mediator { id name conflictsDisclosed hasConflict disclosure }
    caucusParties { side userId name }
    sessions { id startsAt mode link place attendees minutes recordedAt }
    messages { id author { userId role } body caucusWith postedAt }
    offers { id by status expiresAt proposedAt items { kind amount { amountFen } description } responses { side accept at } }
    appraisals { id subject requestedAt completedAt result }
    mediationEnd { reason note endedAt automatic }
    agreement { id terms text hash draftedAt effectiveAt signatures { userId role signedAt } }
    confirmation { court status requestedAt acceptedAt rulingNumber grounds note decidedAt applications { userId role court appliedAt } }
    arbitration { commission agreementText agreementHash agreementSignatures { userId role commission signedAt } arbitrators { id name }
      hearings { id startsAt mode link place } award { text decidedAt receivedAt } }
    obligations { id debtor kind amount { amountFen } description dueDate status performanceNote performedAt confirmedAt }
    legalAid { status circumstances urgent appliedAt decidedAt reason lawyer { id name } powerOfAttorney }
    evidence { id kind description fileName mediaType size sha256 submittedBy { userId role } submittedAt withdrawn }
    typicalCase { id status title summary proposedAt publishedAt withdrawnAt consents { side consent answeredAt }
      preview { title summary procedure month amountPaid { amountFen } amountAgreed { amountFen } } }
  }
`);

export const DISPUTE = graphql(`
  query Dispute($id: ID!) { dispute(id: $id) { ...DisputeFields } }
`);

export const AUDIT = graphql(`
  query AuditTrail($id: ID!) { auditTrail(disputeId: $id) { position type occurredAt actor { role } summary hash } }
`);

export const LIVE = graphql(`
  subscription DisputeUpdated($id: ID!) { disputeUpdated(id: $id) { id version status } }
`);

export const TYPICAL_CASES = graphql(`
  query TypicalCases($category: Category, $search: String, $first: Int, $after: String) {
    typicalCases(category: $category, search: $search, first: $first, after: $after) {
      totalCount pageInfo { hasNextPage endCursor }
      edges { node { id title summary categories procedure mediationProcedure outcome month closedMonth
        amountPaid { amountFen } amountClaimed { amountFen } amountAgreed { amountFen } publishedAt } }
    }
  }
`);

export const DAMAGES = graphql(`
  query Damages($input: DamagesInput!) {
    calculateDamages(input: $input) { total { amountFen } certainTotal { amountFen } lines { head amount { amountFen } basis note optional } }
  }
`);

// Commands on a dispute. Each returns the dispute; the document cache then refetches what shows it.
export const CMD = {
  requestInformation: graphql(`mutation RequestInformation($id: ID!, $message: String!) { requestInformation(disputeId: $id, message: $message) { id version status } }`),
  supplementInformation: graphql(`mutation SupplementInformation($id: ID!, $text: String!) { supplementInformation(disputeId: $id, text: $text) { id version status } }`),
  acceptDispute: graphql(`mutation AcceptDispute($id: ID!, $procedure: Procedure!) { acceptDispute(disputeId: $id, procedure: $procedure) { id version status } }`),
  rejectDispute: graphql(`mutation RejectDispute($id: ID!, $reason: RejectionReason!, $note: String) { rejectDispute(disputeId: $id, reason: $reason, note: $note) { id version status } }`),
  withdrawDispute: graphql(`mutation WithdrawDispute($id: ID!, $reason: String) { withdrawDispute(disputeId: $id, reason: $reason) { id version status } }`),
  referToAuthority: graphql(`mutation ReferToAuthority($id: ID!, $authority: AuthorityKind!, $categories: [Category!]!, $note: String!) { referToAuthority(disputeId: $id, authority: $authority, categories: $categories, note: $note) { id version status } }`),
  answerInvitation: graphql(`mutation AnswerInvitation($id: ID!, $consent: Boolean!) { answerMediationInvitation(disputeId: $id, consent: $consent) { id version status } }`),
  assignMediator: graphql(`mutation AssignMediator($id: ID!, $mediatorId: ID!) { assignMediator(disputeId: $id, mediatorId: $mediatorId) { id version status } }`),
  discloseConflicts: graphql(`mutation DiscloseConflicts($id: ID!, $statement: String!, $hasConflict: Boolean!) { discloseConflicts(disputeId: $id, statement: $statement, hasConflict: $hasConflict) { id version status } }`),
  scheduleSession: graphql(`mutation ScheduleSession($id: ID!, $startsAt: DateTime!, $mode: SessionMode!, $link: String, $place: String) { scheduleSession(disputeId: $id, startsAt: $startsAt, mode: $mode, link: $link, place: $place) { id version status } }`),
  recordSession: graphql(`mutation RecordSession($id: ID!, $sessionId: ID!, $attendees: [String!]!, $minutes: String!) { recordSession(disputeId: $id, sessionId: $sessionId, attendees: $attendees, minutes: $minutes) { id version status } }`),
  postMessage: graphql(`mutation PostMessage($id: ID!, $body: String!, $caucusWith: ID) { postMessage(disputeId: $id, body: $body, caucusWith: $caucusWith) { id version status } }`),
  proposeSettlement: graphql(`mutation ProposeSettlement($id: ID!, $items: [SettlementItemInput!]!, $expiresAt: DateTime) { proposeSettlement(disputeId: $id, items: $items, expiresAt: $expiresAt) { id version status } }`),
  respondToOffer: graphql(`mutation RespondToOffer($id: ID!, $offerId: ID!, $accept: Boolean!) { respondToOffer(disputeId: $id, offerId: $offerId, accept: $accept) { id version status } }`),
  requestAppraisal: graphql(`mutation RequestAppraisal($id: ID!, $subject: String!) { requestAppraisal(disputeId: $id, subject: $subject) { id version status } }`),
  completeAppraisal: graphql(`mutation CompleteAppraisal($id: ID!, $appraisalId: ID!, $result: String) { completeAppraisal(disputeId: $id, appraisalId: $appraisalId, result: $result) { id version status } }`),
  extendMediation: graphql(`mutation ExtendMediation($id: ID!, $workingDays: Int!) { extendMediation(disputeId: $id, workingDays: $workingDays) { id version status } }`),
  endMediation: graphql(`mutation EndMediation($id: ID!, $reason: MediationEndReason!, $note: String) { endMediation(disputeId: $id, reason: $reason, note: $note) { id version status } }`),
  draftAgreement: graphql(`mutation DraftAgreement($id: ID!, $terms: String!, $obligations: [ObligationInput!]!) { draftAgreement(disputeId: $id, terms: $terms, obligations: $obligations) { id version status } }`),
  signAgreement: graphql(`mutation SignAgreement($id: ID!, $agreementHash: String!) { signAgreement(disputeId: $id, agreementHash: $agreementHash) { id version status } }`),
  declineAgreement: graphql(`mutation DeclineAgreement($id: ID!, $reason: String) { declineAgreement(disputeId: $id, reason: $reason) { id version status } }`),
  applyForConfirmation: graphql(`mutation ApplyForConfirmation($id: ID!, $court: String!) { applyForConfirmation(disputeId: $id, court: $court) { id version status } }`),
  acceptConfirmation: graphql(`mutation AcceptConfirmation($id: ID!) { acceptConfirmationApplication(disputeId: $id) { id version status } }`),
  ruleOnConfirmation: graphql(`mutation RuleOnConfirmation($id: ID!, $confirmed: Boolean!, $rulingNumber: String, $grounds: [RefusalGround!], $note: String) { ruleOnConfirmation(disputeId: $id, confirmed: $confirmed, rulingNumber: $rulingNumber, grounds: $grounds, note: $note) { id version status } }`),
  signArbitrationAgreement: graphql(`mutation SignArbitrationAgreement($id: ID!, $commission: String!) { signArbitrationAgreement(disputeId: $id, commission: $commission) { id version status } }`),
  appointArbitrator: graphql(`mutation AppointArbitrator($id: ID!, $arbitratorId: ID!) { appointArbitrator(disputeId: $id, arbitratorId: $arbitratorId) { id version status } }`),
  scheduleHearing: graphql(`mutation ScheduleHearing($id: ID!, $startsAt: DateTime!, $mode: SessionMode!, $link: String, $place: String) { scheduleHearing(disputeId: $id, startsAt: $startsAt, mode: $mode, link: $link, place: $place) { id version status } }`),
  renderAward: graphql(`mutation RenderAward($id: ID!, $award: String!, $obligations: [ObligationInput!]!) { renderAward(disputeId: $id, award: $award, obligations: $obligations) { id version status } }`),
  recordAwardReceipt: graphql(`mutation RecordAwardReceipt($id: ID!, $receivedOn: Date!) { recordAwardReceipt(disputeId: $id, receivedOn: $receivedOn) { id version status } }`),
  recordPerformance: graphql(`mutation RecordPerformance($id: ID!, $obligationId: ID!, $note: String) { recordPerformance(disputeId: $id, obligationId: $obligationId, note: $note) { id version status } }`),
  confirmPerformance: graphql(`mutation ConfirmPerformance($id: ID!, $obligationId: ID!) { confirmPerformance(disputeId: $id, obligationId: $obligationId) { id version status } }`),
  applyForEnforcement: graphql(`mutation ApplyForEnforcement($id: ID!) { applyForEnforcement(disputeId: $id) { id version status } }`),
  applyForLegalAid: graphql(`mutation ApplyForLegalAid($id: ID!, $circumstances: String!) { applyForLegalAid(disputeId: $id, circumstances: $circumstances) { id version status } }`),
  decideLegalAid: graphql(`mutation DecideLegalAid($id: ID!, $granted: Boolean!, $reason: String!) { decideLegalAid(disputeId: $id, granted: $granted, reason: $reason) { id version status } }`),
  assignLegalAidLawyer: graphql(`mutation AssignLegalAidLawyer($id: ID!, $lawyerId: ID!) { assignLegalAidLawyer(disputeId: $id, lawyerId: $lawyerId) { id version status } }`),
  proposeTypicalCase: graphql(`mutation ProposeTypicalCase($id: ID!, $title: String!, $summary: String!) { proposeTypicalCase(disputeId: $id, title: $title, summary: $summary) { id version status } }`),
  answerTypicalCaseConsent: graphql(`mutation AnswerTypicalCaseConsent($id: ID!, $consent: Boolean!) { answerTypicalCaseConsent(disputeId: $id, consent: $consent) { id version status } }`),
  publishTypicalCase: graphql(`mutation PublishTypicalCase($id: ID!) { publishTypicalCase(disputeId: $id) { id version status } }`),
  withdrawTypicalCase: graphql(`mutation WithdrawTypicalCase($id: ID!, $reason: String) { withdrawTypicalCase(disputeId: $id, reason: $reason) { id version status } }`),
  withdrawEvidence: graphql(`mutation WithdrawEvidence($id: ID!, $evidenceId: ID!) { withdrawEvidence(disputeId: $id, evidenceId: $evidenceId) { id version status } }`),
};

export const MONTHLY_STATISTICS = graphql(`
  query MonthlyStatistics($from: Date!, $to: Date!) {
    statistics(from: $from, to: $to) {
      filed accepted closed acceptanceRate settlementRate medianWorkingDaysToAcceptance medianWorkingDaysToClosure
      monthly {
        month dimension group filed accepted rejected settled mediationFailed confirmed awarded closed
        acceptanceRate settlementRate medianWorkingDaysToAcceptance medianWorkingDaysToClosure
        amountClaimed { amountFen } amountAgreed { amountFen } amountPaid { amountFen } withheld
      }
    }
  }
`);

export const ACCESS_LOG = graphql(`
  query PersonalDataAccessLog($personId: ID!, $first: Int, $after: String) {
    personalDataAccessLog(personId: $personId, first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { node { id at reader { userId role } readerName caseNumber field channel } }
    }
  }
`);
