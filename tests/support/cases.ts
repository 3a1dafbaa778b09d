/**
 * Disputes brought to a stage over GraphQL by the people of the case, for the integration tests:
 * each step is the mutation they would send.
 */
import { buildSchema } from 'graphql';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { manualClock } from '../../src/shared/clock.ts';
import { complaint, ROOT, startServer, type GraphQLResponse, type TestServer, type TestUser } from './server.ts';

export const COURT = '深圳市福田区人民法院';

export interface Cast {
  consumer: TestUser;
  clinic: TestUser;
  officer: TestUser;
  mediator: TestUser;
  court: TestUser;
  otherCourt: TestUser;
  arbitrator: TestUser;
  otherArbitrator: TestUser;
  institution: { id: string; code: string };
}

/** The people of a case against `institution`, and a court and an arbitrator who have nothing to do with it. */
export async function cast(server: TestServer, institution: { id: string; code: string }): Promise<Cast> {
  return {
    consumer: await server.user('CONSUMER', { name: '张三' }),
    clinic: await server.user('RESPONDENT', { institutionId: institution.id, institutionCode: institution.code }),
    officer: await server.user('INTAKE_OFFICER'),
    mediator: await server.user('MEDIATOR', { name: '王调解' }),
    court: await server.user('COURT', { court: COURT }),
    otherCourt: await server.user('COURT', { court: '广州市天河区人民法院' }),
    arbitrator: await server.user('ARBITRATOR', { name: '陈仲裁' }),
    otherArbitrator: await server.user('ARBITRATOR'),
    institution,
  };
}

/** A server (see startServer for the options: a manual clock, mail, ...) with an institution and its cast. */
export async function startWithCast(options: Parameters<typeof startServer>[0] = {}) {
  const server = await startServer(options);
  return { server, cast: await cast(server, await server.institution()) };
}

const MUTATIONS = buildSchema(readFileSync(join(ROOT, 'schema.graphql'), 'utf8')).getMutationType()!.getFields();

/**
 * Runs `mutation` on a dispute, each of `args` passed to the argument of its name (typed as
 * schema.graphql types it); returns the dispute as the caller then sees it, or the first error.
 */
export async function run(server: TestServer, user: TestUser, disputeId: string, mutation: string, args: Record<string, unknown> = {}, fields = 'id status version') {
  const field = MUTATIONS[mutation];
  if (!field) throw new Error(`no mutation ${mutation}`);
  const names = ['disputeId', ...Object.keys(args)];
  const type = (name: string) => {
    const arg = field.args.find((a) => a.name === name);
    if (!arg) throw new Error(`${mutation} takes no ${name}`);
    return String(arg.type);
  };
  const declared = names.map((n) => `$${n}: ${type(n)}`).join(', ');
  const passed = names.map((n) => `${n}: $${n}`).join(', ');
  const result: GraphQLResponse = await server.gql(user.token, `mutation(${declared}) { ${mutation}(${passed}) { ${fields} } }`, { disputeId, ...args });
  return { dispute: result.data?.[mutation], error: result.errors?.[0] };
}

/** Like run, but the mutation must succeed; returns the dispute. */
export async function ok(server: TestServer, user: TestUser, disputeId: string, mutation: string, args: Record<string, unknown> = {}, fields?: string) {
  const { dispute, error } = await run(server, user, disputeId, mutation, args, fields);
  expect(error, `${mutation}: ${JSON.stringify(error)}`).toBeUndefined();
  return dispute;
}

/** Like run, but the mutation must be refused; returns the error. */
export async function refused(server: TestServer, user: TestUser, disputeId: string, mutation: string, args: Record<string, unknown> = {}) {
  const { dispute, error } = await run(server, user, disputeId, mutation, args);
  expect(dispute ?? null).toBeNull();
  expect(error, `${mutation} was not refused`).toBeDefined();
  return error!;
}

/** Filed by the consumer against the cast's institution; `overrides` change the complaint. */
export async function filed(server: TestServer, c: Cast, overrides: Record<string, unknown> = {}): Promise<string> {
  const result = await server.gql(c.consumer.token, `mutation($input: FileDisputeInput!) { fileDispute(input: $input) { id } }`, {
    input: complaint({ occurredOn: '2026-01-10', respondent: { name: '美丽医疗美容诊所', code: c.institution.code }, ...overrides }),
  });
  expect(result.errors).toBeUndefined();
  return result.data.fileDispute.id as string;
}

export async function accepted(server: TestServer, c: Cast, overrides: Record<string, unknown> = {}) {
  const id = await filed(server, c, overrides);
  await ok(server, c.officer, id, 'acceptDispute', { procedure: 'MEDICAL_DISPUTE_MEDIATION' });
  return id;
}

/** Accepted, consented to, the mediator assigned and without conflicts. */
export async function inMediation(server: TestServer, c: Cast, overrides: Record<string, unknown> = {}) {
  const id = await accepted(server, c, overrides);
  await ok(server, c.clinic, id, 'answerMediationInvitation', { consent: true });
  await ok(server, c.officer, id, 'assignMediator', { mediatorId: c.mediator.id });
  await ok(server, c.mediator, id, 'discloseConflicts', { statement: '与双方无利害关系', hasConflict: false });
  return id;
}

/** In mediation, and a message and an offer exchanged. */
export async function negotiating(server: TestServer, c: Cast, overrides: Record<string, unknown> = {}) {
  const id = await inMediation(server, c, overrides);
  await ok(server, c.consumer, id, 'postMessage', { body: '希望全额退款' });
  await ok(server, c.clinic, id, 'proposeSettlement', { items: [{ kind: 'REFUND', amountFen: 640_000 }] });
  return id;
}

export interface ObligationInput {
  debtor: 'CLAIMANT' | 'RESPONDENT';
  kind: string;
  amountFen?: number;
  description?: string;
  dueDate: string;
}

/** A refund of the whole fee and a written apology, both due on `dueDate`. */
export const obligations = (dueDate: string): ObligationInput[] => [
  { debtor: 'RESPONDENT', kind: 'REFUND', amountFen: 1_280_000, dueDate },
  { debtor: 'RESPONDENT', kind: 'APOLOGY', description: '书面赔礼道歉', dueDate },
];

/** Drafted by the mediator; returns the agreement's hash, which each signer quotes. */
export async function drafted(server: TestServer, c: Cast, id: string, obligations: ObligationInput[]) {
  const dispute = await ok(server, c.mediator, id, 'draftAgreement', { terms: '诊所退还费用', obligations }, 'agreement { hash }');
  return dispute.agreement.hash as string;
}

/** When the last signature makes the agreement effective: `at`, on the server's manual `clock`. */
export interface Effective {
  clock: ReturnType<typeof manualClock>;
  at: string;
}

/** Signed by both parties, then by the mediator (at `effective`, when given): SETTLED. Returns the obligations' ids, in the order drafted. */
export async function signedByAll(server: TestServer, c: Cast, id: string, agreementHash: string, effective?: Effective) {
  for (const party of [c.consumer, c.clinic]) await ok(server, party, id, 'signAgreement', { agreementHash });
  effective?.clock.set(new Date(effective.at));
  const dispute = await ok(server, c.mediator, id, 'signAgreement', { agreementHash }, 'status obligations { id }');
  expect(dispute.status).toBe('SETTLED');
  return dispute.obligations.map((o: { id: string }) => o.id) as string[];
}

/** Drafted with `obligations` and signed by all: SETTLED. Returns the obligations' ids. */
export async function settle(server: TestServer, c: Cast, id: string, obligations: ObligationInput[], effective?: Effective) {
  return signedByAll(server, c, id, await drafted(server, c, id, obligations), effective);
}

/** A new dispute, SETTLED with `obligations`. */
export async function settled(server: TestServer, c: Cast, obligations: ObligationInput[], overrides: Record<string, unknown> = {}) {
  const id = await inMediation(server, c, overrides);
  return { id, obligationIds: await settle(server, c, id, obligations) };
}

/** Both parties apply to COURT; returns the dispute after the second application. */
export async function applyJointly(server: TestServer, c: Cast, id: string, fields?: string) {
  await ok(server, c.consumer, id, 'applyForConfirmation', { court: COURT });
  return ok(server, c.clinic, id, 'applyForConfirmation', { court: COURT }, fields);
}

/** The court accepts the application and confirms the agreement: CONFIRMED. */
export async function confirm(server: TestServer, c: Cast, id: string, rulingNumber = '(2026)粤0304民特88号') {
  await ok(server, c.court, id, 'acceptConfirmationApplication');
  const dispute = await ok(server, c.court, id, 'ruleOnConfirmation', { confirmed: true, rulingNumber });
  expect(dispute.status).toBe('CONFIRMED');
  return dispute;
}

/** A new dispute, SETTLED with `obligations`, applied for jointly and confirmed by the court. */
export async function confirmed(server: TestServer, c: Cast, obligations: ObligationInput[], overrides: Record<string, unknown> = {}) {
  const result = await settled(server, c, obligations, overrides);
  await applyJointly(server, c, result.id);
  await confirm(server, c, result.id);
  return result;
}

/** What the settlement and arbitration tests look at. */
export const FIELDS = `id status version viewerRelation
  deadlines { kind dueAt lastDay }
  messages { id body } offers { id } sessions { id }
  agreement { id text hash effectiveAt signatures { userId role signedAt } }
  confirmation { court status requestedAt acceptedAt rulingNumber grounds decidedAt applications { userId role court appliedAt } }
  arbitration { commission agreementText agreementHash agreementSignatures { userId role commission } arbitrators { id name }
    hearings { id startsAt mode link place } award { text decidedAt receivedAt } }
  obligations { id debtor kind amount { amountFen currency } description dueDate status }`;

export const GET = `query($id: ID!) { dispute(id: $id) { ${FIELDS} } }`;
