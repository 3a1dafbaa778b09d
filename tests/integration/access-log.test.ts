import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessStream } from '../../src/privacy/accessLog.ts';
import { inMediation, startWithCast, type Cast } from '../support/cases.ts';
import { startServer, tempDir, type TestServer } from '../support/server.ts';
import * as sample from '../unit/evidence/samples.ts';

const LOG = `query($p: ID!, $first: Int, $after: String) { personalDataAccessLog(personId: $p, first: $first, after: $after) {
  totalCount pageInfo { hasNextPage endCursor }
  edges { cursor node { id at reader { userId role } readerName disputeId caseNumber field ref channel } } } }`;
const CONTACT = `query($id: ID!) { dispute(id: $id) { id claimant { name phone idNumber address } } }`;

async function upload(server: TestServer, token: string, disputeId: string) {
  const form = new FormData();
  form.append('kind', 'PHOTO');
  form.append('description', '术后照片');
  form.append('file', new Blob([new Uint8Array(sample.png())]), 'photo.png');
  const response = await fetch(`${server.url}/disputes/${disputeId}/evidence`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
  expect(response.status).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

describe('who read whose personal data (personalDataAccessLog)', () => {
  const dataDir = tempDir();
  let server: TestServer;
  let c: Cast;
  let id: string;
  const logOf = async (token: string, personId: string, vars: Record<string, unknown> = {}) => server.gql(token, LOG, { p: personId, ...vars });
  const count = async () => (await server.platform.store.readStream(accessStream(c.consumer.id))).length;

  beforeAll(async () => {
    ({ server, cast: c } = await startWithCast({ dataDir }));
    id = await inMediation(server, c, { claimant: { name: '张三', phone: '13912341111', idNumber: '110101199003074514', address: '深圳市福田区' } });
  });
  afterAll(async () => {
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("records a mediator reading the consumer's phone, and the consumer sees who, when, which dispute and field", async () => {
    const before = await count();
    const from = server.config.clock.now().getTime();
    const read = await server.gql(c.mediator.token, `query($id: ID!) { dispute(id: $id) { caseNumber claimant { phone } } }`, { id });
    expect(read.errors).toBeUndefined();
    expect(read.data.dispute.claimant.phone).toBe('13912341111');
    expect(await count()).toBe(before + 1);

    const log = await logOf(c.consumer.token, c.consumer.id, { first: 1 });
    expect(log.errors).toBeUndefined();
    const [entry] = log.data.personalDataAccessLog.edges;
    expect(entry.node).toMatchObject({
      reader: { userId: c.mediator.id, role: 'MEDIATOR' },
      readerName: '王调解',
      disputeId: id,
      caseNumber: read.data.dispute.caseNumber,
      field: 'claimant.phone',
      ref: null,
      channel: 'GRAPHQL',
    });
    // On the platform clock (pinned to TEST_NOW), not the machine's.
    expect(Date.parse(entry.node.at)).toBeGreaterThanOrEqual(from);
    expect(Date.parse(entry.node.at)).toBeLessThanOrEqual(server.config.clock.now().getTime());
  });

  it('records nothing for reading one’s own data, a masked phone, or a dispute read without those fields', async () => {
    const before = await count();
    expect((await server.gql(c.consumer.token, CONTACT, { id })).errors).toBeUndefined();
    // The clinic sees the phone masked: nothing of the consumer's was read.
    const masked = await server.gql(c.clinic.token, CONTACT, { id });
    expect(masked.data.dispute.claimant.phone).toBe('139****1111');
    expect((await server.gql(c.mediator.token, `query($id: ID!) { dispute(id: $id) { id status claimant { name } } }`, { id })).errors).toBeUndefined();
    expect(await count()).toBe(before);
  });

  it('records each field read once per request, and ID number and address too', async () => {
    const before = await count();
    const read = await server.gql(c.officer.token, `query($id: ID!) { a: dispute(id: $id) { claimant { phone idNumber address } } b: dispute(id: $id) { claimant { phone } } }`, { id });
    expect(read.errors).toBeUndefined();
    const events = (await server.platform.store.readStream(accessStream(c.consumer.id))).slice(before);
    expect(events.map((e) => (e.data as { field: string }).field).sort()).toEqual(['claimant.address', 'claimant.idNumber', 'claimant.phone']);
  });

  it('logs a download and the evidence fields read by others, not the consumer downloading their own', async () => {
    const evidenceId = await upload(server, c.consumer.token, id);
    const before = await count();
    const own = await fetch(`${server.url}/disputes/${id}/evidence/${evidenceId}`, { headers: { authorization: `Bearer ${c.consumer.token}` } });
    expect(own.status).toBe(200);
    await own.arrayBuffer();
    expect(await count()).toBe(before);

    const download = await fetch(`${server.url}/disputes/${id}/evidence/${evidenceId}`, { headers: { authorization: `Bearer ${c.clinic.token}` } });
    expect(download.status).toBe(200);
    await download.arrayBuffer();
    const fields = await server.gql(c.mediator.token, `query($id: ID!) { dispute(id: $id) { evidence { id description } } }`, { id });
    expect(fields.errors).toBeUndefined();

    const log = await logOf(c.consumer.token, c.consumer.id, { first: 2 });
    expect(log.data.personalDataAccessLog.edges.map((e: any) => [e.node.reader.role, e.node.field, e.node.ref, e.node.channel])).toEqual([
      ['MEDIATOR', 'evidence.description', evidenceId, 'GRAPHQL'],
      ['RESPONDENT', 'evidence.file', evidenceId, 'EVIDENCE_DOWNLOAD'],
    ]);
  });

  it('logs what a case bundle shows the reader', async () => {
    const before = await count();
    const pdf = await fetch(`${server.url}/disputes/${id}/bundle.pdf`, { headers: { authorization: `Bearer ${c.mediator.token}` } });
    expect(pdf.status).toBe(200);
    await pdf.arrayBuffer();
    const events = (await server.platform.store.readStream(accessStream(c.consumer.id))).slice(before);
    expect(events.map((e) => (e.data as { field: string; channel: string }).field).sort()).toEqual(
      ['bundle', 'claimant.address', 'claimant.idNumber', 'claimant.phone', 'evidence.description', 'evidence.file'].sort(),
    );
    expect(events.every((e) => (e.data as { channel: string }).channel === 'BUNDLE')).toBe(true);
  });

  it('pages newest first with cursors like the other lists', async () => {
    const all = (await logOf(c.consumer.token, c.consumer.id, { first: 100 })).data.personalDataAccessLog;
    expect(all.totalCount).toBe(await count());
    expect(all.pageInfo.hasNextPage).toBe(false);
    const first = (await logOf(c.consumer.token, c.consumer.id, { first: 3 })).data.personalDataAccessLog;
    expect(first.pageInfo.hasNextPage).toBe(true);
    const next = (await logOf(c.consumer.token, c.consumer.id, { first: 3, after: first.pageInfo.endCursor })).data.personalDataAccessLog;
    expect([...first.edges, ...next.edges].map((e: any) => e.node.id)).toEqual(all.edges.slice(0, 6).map((e: any) => e.node.id));
    const bad = await logOf(c.consumer.token, c.consumer.id, { first: 101, after: 'nope' });
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect((bad.errors?.[0]?.extensions?.issues as Array<{ path: string }>).map((i) => i.path)).toEqual(['first', 'after']);
  });

  it('is for the person and ADMIN only: a stranger, the mediator or the public cannot read it', async () => {
    const admin = await server.user('ADMIN');
    const seen = await logOf(admin.token, c.consumer.id, { first: 1 });
    expect(seen.errors).toBeUndefined();
    // An ADMIN sees no case content: the dispute id, not the case number.
    expect(seen.data.personalDataAccessLog.edges[0].node.caseNumber).toBeNull();
    const stranger = await server.user('CONSUMER');
    for (const token of [stranger.token, c.mediator.token, c.officer.token]) {
      expect((await logOf(token, c.consumer.id)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    // Alike for an id that is nobody: the answer does not tell whether a person exists.
    expect((await logOf(stranger.token, 'no-such-person')).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await logOf(undefined as never, c.consumer.id)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('survives losing and rebuilding the read model', async () => {
    const before = (await logOf(c.consumer.token, c.consumer.id, { first: 100 })).data.personalDataAccessLog;
    await server.close();
    rmSync(join(dataDir, 'readmodel.sqlite'), { force: true });
    rmSync(join(dataDir, 'readmodel.sqlite-wal'), { force: true });
    rmSync(join(dataDir, 'readmodel.sqlite-shm'), { force: true });
    server = await startServer({ dataDir });
    const after = (await logOf(c.consumer.token, c.consumer.id, { first: 100 })).data.personalDataAccessLog;
    expect(after.totalCount).toBe(before.totalCount);
    expect(after.edges.map((e: any) => e.node)).toEqual(before.edges.map((e: any) => e.node));
  });
});
