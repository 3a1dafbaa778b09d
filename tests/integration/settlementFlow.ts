/** Over GraphQL, the way from a complaint to a settled agreement: shared by the settlement and arbitration tests. */
import { expect } from 'vitest';
import { manualClock } from '../../src/shared/clock.ts';
import { complaint, startServer, type TestServer, type TestUser } from '../support/server.ts';

export const COURT = '深圳市福田区人民法院';

export const FIELDS = `id status version viewerRelation
  deadlines { kind dueAt lastDay }
  messages { id body } offers { id } sessions { id }
  agreement { id text hash effectiveAt signatures { userId role signedAt } }
  confirmation { court status requestedAt acceptedAt rulingNumber grounds decidedAt applications { userId role court appliedAt } }
  arbitration { commission agreementText agreementHash agreementSignatures { userId role commission } arbitrators { id name }
    hearings { id startsAt mode link place } award { text decidedAt receivedAt } }
  obligations { id debtor kind amount { amountFen currency } description dueDate status }`;

export const GET = `query($id: ID!) { dispute(id: $id) { ${FIELDS} } }`;

export interface Cast {
  consumer: TestUser;
  clinic: TestUser;
  officer: TestUser;
  mediator: TestUser;
  court: TestUser;
  otherCourt: TestUser;
  arbitrator: TestUser;
  otherArbitrator: TestUser;
}

export async function startWithCast(start: string) {
  const clock = manualClock(new Date(start));
  const server = await startServer({ clock });
  const institution = await server.institution();
  const cast: Cast = {
    consumer: await server.user('CONSUMER'),
    clinic: await server.user('RESPONDENT', { institutionId: institution.id, institutionCode: institution.code }),
    officer: await server.user('INTAKE_OFFICER'),
    mediator: await server.user('MEDIATOR', { name: '王调解' }),
    court: await server.user('COURT', { court: COURT }),
    otherCourt: await server.user('COURT', { court: '广州市天河区人民法院' }),
    arbitrator: await server.user('ARBITRATOR', { name: '陈仲裁' }),
    otherArbitrator: await server.user('ARBITRATOR'),
  };
  return { server, clock, cast };
}

/** Runs a mutation that must succeed and returns its dispute. */
export async function ok(server: TestServer, user: TestUser, mutation: string, variables: Record<string, unknown>) {
  const name = /^\s*(\w+)\(/.exec(mutation)![1]!;
  const response = await server.gql(user.token, `mutation(${signature(variables)}) { ${mutation} }`, variables);
  expect(response.errors, `${name}: ${JSON.stringify(response.errors)}`).toBeUndefined();
  return response.data[name];
}

/** The error a refused mutation gives. */
export async function refused(server: TestServer, user: TestUser, mutation: string, variables: Record<string, unknown>) {
  const response = await server.gql(user.token, `mutation(${signature(variables)}) { ${mutation} }`, variables);
  expect(response.data ?? null).toBeNull();
  return response.errors![0]!;
}

const TYPES: Record<string, string> = {
  id: 'ID!', consent: 'Boolean!', mediatorId: 'ID!', statement: 'String!', hasConflict: 'Boolean!', body: 'String!',
  caucusWith: 'ID', items: '[SettlementItemInput!]!', terms: 'String!', obligations: '[ObligationInput!]!',
  agreementHash: 'String!', reason: 'String', court: 'String!', confirmed: 'Boolean!', rulingNumber: 'String',
  grounds: '[RefusalGround!]', note: 'String', commission: 'String!', arbitratorId: 'ID!', startsAt: 'DateTime!',
  mode: 'SessionMode!', link: 'String', place: 'String', award: 'String!', receivedOn: 'Date!',
};
const signature = (variables: Record<string, unknown>) => Object.keys(variables).map((k) => `$${k}: ${TYPES[k]}`).join(', ');

export const obligations = (dueDate: string) => [
  { debtor: 'RESPONDENT', kind: 'REFUND', amountFen: 1_280_000, dueDate },
  { debtor: 'RESPONDENT', kind: 'APOLOGY', description: '书面赔礼道歉', dueDate },
];

/** Filed, accepted, consented to, the mediator assigned and without conflicts; a message and an offer exchanged. */
export async function inMediation(server: TestServer, cast: Cast): Promise<string> {
  const filed = await server.gql(cast.consumer.token, `mutation($input: FileDisputeInput!) { fileDispute(input: $input) { id } }`, {
    input: complaint({ occurredOn: '2026-08-01' }),
  });
  expect(filed.errors).toBeUndefined();
  const id: string = filed.data.fileDispute.id;
  await ok(server, cast.officer, `acceptDispute(disputeId: $id, procedure: MEDICAL_DISPUTE_MEDIATION) { id }`, { id });
  await ok(server, cast.clinic, `answerMediationInvitation(disputeId: $id, consent: $consent) { id }`, { id, consent: true });
  await ok(server, cast.officer, `assignMediator(disputeId: $id, mediatorId: $mediatorId) { id }`, { id, mediatorId: cast.mediator.id });
  await ok(server, cast.mediator, `discloseConflicts(disputeId: $id, statement: $statement, hasConflict: $hasConflict) { id }`, {
    id,
    statement: '与双方当事人无利害关系',
    hasConflict: false,
  });
  await ok(server, cast.consumer, `postMessage(disputeId: $id, body: $body) { id }`, { id, body: '希望全额退款' });
  await ok(server, cast.clinic, `proposeSettlement(disputeId: $id, items: $items) { id }`, { id, items: [{ kind: 'REFUND', amountFen: 640_000 }] });
  return id;
}

/** Drafted and signed by all three; the last signature at `effectiveAt`. */
export async function settle(server: TestServer, cast: Cast, clock: ReturnType<typeof manualClock>, id: string, effectiveAt: string) {
  const drafted = await ok(server, cast.mediator, `draftAgreement(disputeId: $id, terms: $terms, obligations: $obligations) { ${FIELDS} }`, {
    id,
    terms: '被投诉方退款并书面赔礼道歉，投诉人放弃其他请求。',
    obligations: obligations('2026-10-30'),
  });
  const agreementHash = drafted.agreement.hash;
  for (const signer of [cast.consumer, cast.clinic]) {
    await ok(server, signer, `signAgreement(disputeId: $id, agreementHash: $agreementHash) { id }`, { id, agreementHash });
  }
  clock.set(new Date(effectiveAt));
  return ok(server, cast.mediator, `signAgreement(disputeId: $id, agreementHash: $agreementHash) { ${FIELDS} }`, { id, agreementHash });
}

/** Both parties apply to COURT. */
export async function applyJointly(server: TestServer, cast: Cast, id: string) {
  await ok(server, cast.consumer, `applyForConfirmation(disputeId: $id, court: $court) { id }`, { id, court: COURT });
  return ok(server, cast.clinic, `applyForConfirmation(disputeId: $id, court: $court) { ${FIELDS} }`, { id, court: COURT });
}
