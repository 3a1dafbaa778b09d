/** The deadline reactor on an injected clock: transitions when a deadline passes, once. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyPassedDeadlines } from '../../src/reactors/deadlines.ts';
import { manualClock } from '../../src/shared/clock.ts';
import { startWithCast } from '../support/cases.ts';
import { complaint, type TestServer, type TestUser } from '../support/server.ts';

const clock = manualClock(new Date('2026-09-24T10:00:00+08:00'));
const STATE = `query($id: ID!) { dispute(id: $id) { status version respondentAnswer { consent lapsed } mediationEnd { reason automatic } deadlines { kind lastDay } } }`;

describe('deadlines that pass', () => {
  let server: TestServer;
  let consumer: TestUser;
  let officer: TestUser;
  let clinic: TestUser;

  beforeAll(async () => {
    ({ server, cast: { consumer, officer, clinic } } = await startWithCast({ clock }));
  });
  afterAll(() => server.close());

  async function acceptedDispute(procedure = 'MEDICAL_DISPUTE_MEDIATION') {
    const filed = await server.gql(consumer.token, `mutation($input: FileDisputeInput!) { fileDispute(input: $input) { id } }`, {
      input: complaint({ occurredOn: '2026-09-01' }),
    });
    const id = filed.data.fileDispute.id as string;
    await server.gql(officer.token, `mutation($id: ID!, $p: Procedure!) { acceptDispute(disputeId: $id, procedure: $p) { status } }`, { id, p: procedure });
    return id;
  }
  const state = async (id: string) => (await server.gql(officer.token, STATE, { id })).data.dispute;

  it('counts the respondent silent once RESPONDENT_ANSWER has passed, across Mid-Autumn and National Day', async () => {
    clock.set(new Date('2026-09-24T10:00:00+08:00'));
    const id = await acceptedDispute();
    // Thu 24 Sep accepted; 25–27 Sep off; Mon 28, 29, 30 Sep; 1–7 Oct off; Thu 8, Fri 9 Oct.
    expect((await state(id)).deadlines).toEqual([{ kind: 'RESPONDENT_ANSWER', lastDay: '2026-10-09' }]);

    clock.set(new Date('2026-10-09T23:59:00+08:00'));
    expect(await applyPassedDeadlines(server.platform, clock)).toBe(0);
    expect((await state(id)).status).toBe('ACCEPTED');

    clock.set(new Date('2026-10-10T00:00:01+08:00'));
    // Two passes at once (two replicas, or a pass repeated after a crash): one transition in the stream.
    await Promise.all([applyPassedDeadlines(server.platform, clock), applyPassedDeadlines(server.platform, clock)]);
    const stream = await server.platform.store.readStream(`dispute-${id}`);
    expect(stream.map((e) => e.type)).toEqual(['DisputeFiled', 'DisputeAccepted', 'RespondentAnswerLapsed']);
    const after = await state(id);
    expect(after).toMatchObject({ status: 'MEDIATION_FAILED', version: 2, respondentAnswer: { consent: false, lapsed: true } });
    expect(await applyPassedDeadlines(server.platform, clock)).toBe(0);
    expect((await state(id)).version).toBe(2);

    // Too late to answer now.
    const late = await server.gql(clinic.token, `mutation($id: ID!) { answerMediationInvitation(disputeId: $id, consent: true) { status } }`, { id });
    expect(late.errors?.[0]?.extensions?.code).toBe('INVALID_TRANSITION');
  });

  it('deems mediation failed when its limit passes, and not a day before', async () => {
    clock.set(new Date('2026-11-02T09:00:00+08:00'));
    const id = await acceptedDispute('CONSUMER_COMPLAINT_MEDIATION');
    const consent = await server.gql(clinic.token, `mutation($id: ID!) { answerMediationInvitation(disputeId: $id, consent: true) { status } }`, { id });
    expect(consent.data.answerMediationInvitation.status).toBe('IN_MEDIATION');
    const { deadlines } = await state(id);
    // 45 working days from Mon 2 Nov 2026: Nov has 20 after the 2nd, Dec 23, then Jan 2027 (provisional: 1 Jan off).
    const limit = deadlines.find((d: { kind: string }) => d.kind === 'MEDIATION_LIMIT_CONSUMER');
    expect(limit.lastDay).toBe('2027-01-05');

    clock.set(new Date('2027-01-05T23:00:00+08:00'));
    expect(await applyPassedDeadlines(server.platform, clock)).toBe(0);
    clock.set(new Date('2027-01-06T00:00:00+08:00'));
    expect(await applyPassedDeadlines(server.platform, clock)).toBe(1);
    expect(await state(id)).toMatchObject({ status: 'MEDIATION_FAILED', mediationEnd: { reason: 'DEADLINE_PASSED', automatic: true } });
  });
});
