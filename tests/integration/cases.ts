/**
 * Cases brought to a stage over GraphQL, for the performance, legal-aid and read-model tests:
 * each step is the mutation the people of the case would send.
 */
import { expect } from 'vitest';
import { complaint, type TestServer, type TestUser } from '../support/server.ts';

export interface Cast {
  consumer: TestUser;
  clinic: TestUser;
  officer: TestUser;
  mediator: TestUser;
  court: TestUser;
  institution: { id: string; code: string };
}

export const COURT = '深圳市福田区人民法院';

export async function cast(server: TestServer, institution: { id: string; code: string }): Promise<Cast> {
  return {
    consumer: await server.user('CONSUMER', { name: '张三' }),
    clinic: await server.user('RESPONDENT', { institutionId: institution.id, institutionCode: institution.code }),
    officer: await server.user('INTAKE_OFFICER'),
    mediator: await server.user('MEDIATOR', { name: '王调解' }),
    court: await server.user('COURT', { court: COURT }),
    institution,
  };
}

const VARIABLE_TYPES: Record<string, string> = {
  obligations: '[ObligationInput!]!',
  obligationId: 'ID!',
  lawyerId: 'ID!',
  mediatorId: 'ID!',
  note: 'String',
  hash: 'String!',
  reason: 'String!',
  circumstances: 'String!',
  outcome: 'Outcome!',
};

/** Runs a mutation on a dispute; returns the dispute as the caller then sees it, or the first error. */
export async function run(server: TestServer, user: TestUser, disputeId: string, mutation: string, args = '', vars: Record<string, unknown> = {}, fields = 'id status version') {
  const declared = Object.keys(vars).map((k) => `, $${k}: ${VARIABLE_TYPES[k]}`).join('');
  const result = await server.gql(user.token, `mutation($id: ID!${declared}) { ${mutation}(disputeId: $id${args ? `, ${args}` : ''}) { ${fields} } }`, {
    id: disputeId,
    ...vars,
  });
  return { dispute: result.data?.[mutation], error: result.errors?.[0] };
}

/** Like run, but the step must succeed. */
export async function step(server: TestServer, user: TestUser, disputeId: string, mutation: string, args = '', vars: Record<string, unknown> = {}, fields?: string) {
  const { dispute, error } = await run(server, user, disputeId, mutation, args, vars, fields);
  expect(error, `${mutation}: ${error?.message}`).toBeUndefined();
  return dispute;
}

export async function accepted(server: TestServer, c: Cast, overrides: Record<string, unknown> = {}) {
  const filed = await server.gql(c.consumer.token, `mutation($input: FileDisputeInput!) { fileDispute(input: $input) { id } }`, {
    input: complaint({ occurredOn: '2026-01-10', respondent: { name: '美丽医疗美容诊所', code: c.institution.code }, ...overrides }),
  });
  expect(filed.errors).toBeUndefined();
  const id = filed.data.fileDispute.id as string;
  await step(server, c.officer, id, 'acceptDispute', 'procedure: MEDICAL_DISPUTE_MEDIATION');
  return id;
}

export async function inMediation(server: TestServer, c: Cast, overrides: Record<string, unknown> = {}) {
  const id = await accepted(server, c, overrides);
  await step(server, c.clinic, id, 'answerMediationInvitation', 'consent: true');
  await step(server, c.officer, id, 'assignMediator', 'mediatorId: $mediatorId', { mediatorId: c.mediator.id });
  await step(server, c.mediator, id, 'discloseConflicts', 'statement: "与双方无利害关系", hasConflict: false');
  return id;
}

export interface ObligationInput {
  debtor: 'CLAIMANT' | 'RESPONDENT';
  kind: string;
  amountFen?: number;
  description?: string;
  dueDate: string;
}

/** Drafted by the mediator; returns the agreement's hash, which each signer quotes. */
export async function drafted(server: TestServer, c: Cast, id: string, obligations: ObligationInput[]) {
  const dispute = await step(server, c.mediator, id, 'draftAgreement', 'terms: "诊所退还费用", obligations: $obligations', { obligations }, 'agreement { hash }');
  return dispute.agreement.hash as string;
}

/** Signed by everyone: SETTLED. Returns the obligations' ids, in the order given. */
export async function settled(server: TestServer, c: Cast, obligations: ObligationInput[], overrides: Record<string, unknown> = {}) {
  const id = await inMediation(server, c, overrides);
  const hash = await drafted(server, c, id, obligations);
  for (const signer of [c.consumer, c.clinic, c.mediator]) await step(server, signer, id, 'signAgreement', 'agreementHash: $hash', { hash });
  const view = await server.gql(c.consumer.token, `query($id: ID!) { dispute(id: $id) { status obligations { id } } }`, { id });
  expect(view.data.dispute.status).toBe('SETTLED');
  return { id, obligationIds: view.data.dispute.obligations.map((o: { id: string }) => o.id) as string[] };
}

/** Both parties apply to the court, which accepts and confirms. */
export async function confirmed(server: TestServer, c: Cast, obligations: ObligationInput[], overrides: Record<string, unknown> = {}) {
  const result = await settled(server, c, obligations, overrides);
  for (const party of [c.consumer, c.clinic]) await step(server, party, result.id, 'applyForConfirmation', `court: "${COURT}"`);
  await step(server, c.court, result.id, 'acceptConfirmationApplication');
  const dispute = await step(server, c.court, result.id, 'ruleOnConfirmation', 'confirmed: true, rulingNumber: "(2026)粤0304民特88号"');
  expect(dispute.status).toBe('CONFIRMED');
  return result;
}
