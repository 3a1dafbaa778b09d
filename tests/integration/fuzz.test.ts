/**
 * Property-based fuzzing of every mutation of schema.graphql against the real server: whatever
 * the variables, no 5xx, no INTERNAL, every BAD_USER_INPUT names the field (extensions.issues with
 * a path), and a refused request leaves the event store where it was. FUZZ_RUNS raises the number
 * of requests (`npm run fuzz`); a failure prints the seed and the shrunk request.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../src/shared/clock.ts';
import { cast, negotiating, obligations, settled, filed, type Cast } from '../support/cases.ts';
import { MUTATIONS, requestOf, type MutationRequest } from '../support/schemaArbitraries.ts';
import { startServer, type TestServer, type TestUser } from '../support/server.ts';

/** Requests per mutation. */
const RUNS = Number(process.env.FUZZ_RUNS ?? 15);
const SEED = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED);
const NOW = new Date('2026-11-23T02:00:00Z');

// Refused but recorded on purpose: a wrong sign-in code counts against the code's attempts.
const RECORDS_REFUSALS = new Set(['signIn']);

type Person = 'consumer' | 'clinic' | 'officer' | 'mediator' | 'court' | 'arbitrator';
/** Who may issue each mutation, so that most requests get as far as the decision and the append. */
const ISSUER: Record<string, Person> = {
  fileDispute: 'consumer', supplementInformation: 'consumer', withdrawDispute: 'consumer', applyForLegalAid: 'consumer',
  requestMediatorReplacement: 'consumer', declineAgreement: 'consumer', signAgreement: 'consumer', applyForConfirmation: 'consumer',
  signArbitrationAgreement: 'consumer', recordPowerOfAttorney: 'consumer', applyForEnforcement: 'consumer', confirmPerformance: 'consumer',
  answerMediationInvitation: 'clinic', recordPerformance: 'clinic', respondToOffer: 'consumer', postMessage: 'consumer',
  proposeSettlement: 'clinic', withdrawEvidence: 'consumer', recordAwardReceipt: 'consumer',
  requestInformation: 'officer', acceptDispute: 'officer', rejectDispute: 'officer', referToAuthority: 'officer', assignMediator: 'officer',
  decideLegalAid: 'officer', assignLegalAidLawyer: 'officer', closeDispute: 'officer',
  discloseConflicts: 'mediator', scheduleSession: 'mediator', recordSession: 'mediator', requestAppraisal: 'mediator',
  completeAppraisal: 'mediator', extendMediation: 'mediator', endMediation: 'mediator', resumeMediation: 'mediator', draftAgreement: 'mediator',
  acceptConfirmationApplication: 'court', ruleOnConfirmation: 'court',
  appointArbitrator: 'arbitrator', scheduleHearing: 'arbitrator', renderAward: 'arbitrator',
};

interface Outcome {
  status: number;
  body: { data?: Record<string, unknown> | null; errors?: Array<{ message: string; extensions?: { code?: string; issues?: unknown } }> };
}

describe('fuzzing every mutation', () => {
  let server: TestServer;
  let c: Cast;
  let ids: Record<string, string[]>;
  let people: Array<TestUser | undefined>;
  let issuer: (mutation: string) => TestUser | undefined;

  beforeAll(async () => {
    server = await startServer({ clock: manualClock(NOW) });
    c = await cast(server, await server.institution());
    const submitted = await filed(server, c, { occurredOn: '2026-10-01' });
    const mediating = await negotiating(server, c, { occurredOn: '2026-10-01' });
    const settlement = await settled(server, c, obligations('2026-12-31'), { occurredOn: '2026-10-01' });
    const view = await server.gql(
      c.mediator.token,
      `query($id: ID!) { dispute(id: $id) { offers { id } sessions { id } messages { id } } }`,
      { id: mediating },
    );
    const { offers, messages } = view.data.dispute as { offers: Array<{ id: string }>; messages: Array<{ id: string }> };
    const disputes = [submitted, mediating, settlement.id];
    const others = [...settlement.obligationIds, ...offers.map((o) => o.id), ...messages.map((m) => m.id), c.mediator.id, c.arbitrator.id, c.consumer.id, c.institution.id];
    ids = { institutionId: [c.institution.id], disputeId: disputes, obligationId: settlement.obligationIds, offerId: offers.map((o) => o.id), mediatorId: [c.mediator.id], arbitratorId: [c.arbitrator.id], other: [...disputes, ...others] };
    people = [c.consumer, c.clinic, c.officer, c.mediator, c.court, c.arbitrator, undefined];
    issuer = (mutation) => (ISSUER[mutation] ? c[ISSUER[mutation]!] : undefined);
  });
  /** What the requests came to, by mutation and code: printed by `npm run fuzz` to show how deep they got. */
  const tally = new Map<string, number>();
  afterAll(async () => {
    if (process.env.FUZZ_RUNS) process.stdout.write([...tally].sort().map(([k, n]) => `${k}: ${n}\n`).join(''));
    await server?.close();
  });

  async function send(token: string | undefined, request: MutationRequest): Promise<Outcome> {
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query: request.query, variables: request.variables }),
    });
    return { status: response.status, body: (await response.json()) as Outcome['body'] };
  }

  it.each(MUTATIONS.map((m) => [m.name, m] as const))('%s: refusals are clear, name the field and change nothing', async (_, mutation) => {
    const idsFor = (name: string) => fc.constantFrom(...(ids[name] ?? ids.other!));
    const requests = requestOf(mutation, idsFor);
    // The one who may issue it, mostly; anyone (or nobody) otherwise.
    const callers = fc.oneof({ weight: 3, arbitrary: fc.constant(-1) }, { weight: 1, arbitrary: fc.integer({ min: 0, max: people.length - 1 }) });
    await fc.assert(
      fc.asyncProperty(requests, callers, async (request, who) => {
        const before = await server.platform.store.headPosition();
        const caller = who < 0 ? issuer(request.mutation) : people[who];
        const { status, body } = await send(caller?.token, request);
        expect(status, JSON.stringify(body)).toBeLessThan(500);
        const errors = body.errors ?? [];
        const outcome = errors[0] ? `${errors[0].extensions?.code}${errors[0].extensions?.issues ? ' (issues)' : ''}` : 'OK';
        tally.set(`${request.mutation} ${outcome}`, (tally.get(`${request.mutation} ${outcome}`) ?? 0) + 1);
        tally.set(`= ${outcome}`, (tally.get(`= ${outcome}`) ?? 0) + 1);
        for (const error of errors) {
          expect(error.extensions?.code, error.message).toBeDefined();
          expect(error.extensions?.code, error.message).not.toBe('INTERNAL');
          // graphql-js stops after 50 bad values with one more error saying so; the 50 name their fields.
          if (error.message.startsWith('Too many errors processing variables')) {
            expect(errors.length).toBeGreaterThan(1);
            continue;
          }
          if (error.extensions?.code === 'BAD_USER_INPUT') {
            const issues = error.extensions.issues as Array<{ path: unknown; message: unknown }> | undefined;
            expect(issues, `no field named: ${error.message}`).toBeInstanceOf(Array);
            expect(issues!.length).toBeGreaterThan(0);
            for (const issue of issues!) {
              expect(typeof issue.path === 'string' && issue.path.length > 0, `no path: ${error.message}`).toBe(true);
              expect(typeof issue.message === 'string' && issue.message.length > 0).toBe(true);
            }
          }
        }
        const refused = errors.length > 0 && (body.data?.[request.mutation] ?? null) === null;
        if (refused && !RECORDS_REFUSALS.has(request.mutation)) {
          expect(await server.platform.store.headPosition(), `${request.mutation} was refused but appended`).toBe(before);
        }
      }),
      { numRuns: RUNS, ...(SEED === undefined ? {} : { seed: SEED }) },
    );
  }, 120_000);
});
