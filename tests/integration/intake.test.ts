import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWithCast } from '../support/cases.ts';
import { complaint, DISPUTE_FIELDS, type TestServer, type TestUser } from '../support/server.ts';

const FILE = `mutation($input: FileDisputeInput!) { fileDispute(input: $input) { ${DISPUTE_FIELDS} } }`;
const GET = `query($id: ID!) { dispute(id: $id) { ${DISPUTE_FIELDS} } }`;

describe('intake over GraphQL', () => {
  let server: TestServer;
  let consumer: TestUser;
  let officer: TestUser;
  let stranger: TestUser;
  let clinic: TestUser;

  beforeAll(async () => {
    ({ server, cast: { consumer, officer, clinic } } = await startWithCast());
    stranger = await server.user('CONSUMER');
  });
  afterAll(() => server.close());

  it('files a complaint, which only its claimant and case staff can see; the clinic from acceptance on, with the phone masked', async () => {
    const filed = await server.gql(consumer.token, FILE, { input: complaint() });
    expect(filed.errors).toBeUndefined();
    const dispute = filed.data.fileDispute;
    expect(dispute).toMatchObject({ status: 'SUBMITTED', version: 0, claimant: { phone: '13912341111' } });
    expect(dispute.caseNumber).toMatch(/^\d{4}-YM-\d{6}$/);

    for (const outsider of [stranger, clinic]) {
      const seen = await server.gql(outsider.token, GET, { id: dispute.id });
      expect(seen.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    }
    const unknown = await server.gql(stranger.token, GET, { id: '00000000-0000-0000-0000-000000000000' });
    expect(unknown.errors?.[0]?.message).toBe((await server.gql(stranger.token, GET, { id: dispute.id })).errors?.[0]?.message);

    const accepted = await server.gql(officer.token, `mutation($id: ID!) { acceptDispute(disputeId: $id, procedure: MEDICAL_DISPUTE_MEDIATION) { status version } }`, { id: dispute.id });
    expect(accepted.data.acceptDispute).toEqual({ status: 'ACCEPTED', version: 1 });

    const asClinic = await server.gql(clinic.token, GET, { id: dispute.id });
    expect(asClinic.data.dispute.claimant).toEqual({ name: '张三', phone: '139****1111', idNumber: null, address: null });
  });
});
