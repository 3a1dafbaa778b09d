import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { disputeStream } from '../../src/dispute/events.ts';
import { startWithCast } from '../support/cases.ts';
import { complaint, startServer, type TestServer, type TestUser } from '../support/server.ts';
import * as sample from '../unit/evidence/samples.ts';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

const EVIDENCE = `evidence { id kind description fileName mediaType size sha256 submittedBy { userId role } submittedAt withdrawn }`;
const GET = `query($id: ID!) { dispute(id: $id) { version ${EVIDENCE} } }`;
const AUDIT = `query($id: ID!) { auditTrail(disputeId: $id) { type actor { userId } } }`;

interface Upload {
  kind?: string;
  description?: string;
  caucus?: string;
  /** null: no file part at all. */
  bytes?: Buffer | null;
  name?: string;
  /** What the uploader claims: never trusted. */
  type?: string;
}

/** Every file stored under DATA_DIR/evidence, temp files included. */
function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

function client(server: TestServer) {
  return {
    async upload(token: string | undefined, disputeId: string, { kind = 'PHOTO', description = '术后照片', caucus, bytes = sample.png(), name = 'photo.png', type }: Upload = {}) {
      const form = new FormData();
      if (kind) form.append('kind', kind);
      if (description) form.append('description', description);
      if (caucus) form.append('caucus', caucus);
      if (bytes) form.append('file', new Blob([new Uint8Array(bytes)], { type: type ?? 'application/octet-stream' }), name);
      const response = await fetch(`${server.url}/disputes/${disputeId}/evidence`, {
        method: 'POST',
        headers: token ? { authorization: `Bearer ${token}` } : {},
        body: form,
      });
      return { status: response.status, body: (await response.json()) as any };
    },
    download: (token: string | undefined, disputeId: string, evidenceId: string) =>
      fetch(`${server.url}/disputes/${disputeId}/evidence/${evidenceId}`, { headers: token ? { authorization: `Bearer ${token}` } : {} }),
    async evidence(token: string, disputeId: string) {
      const result = await server.gql(token, GET, { id: disputeId });
      expect(result.errors).toBeUndefined();
      return result.data.dispute.evidence as Array<Record<string, any>>;
    },
    async audit(token: string, disputeId: string) {
      const result = await server.gql(token, AUDIT, { id: disputeId });
      expect(result.errors).toBeUndefined();
      return result.data.auditTrail as Array<{ type: string; actor: { userId: string } }>;
    },
    async events(disputeId: string) {
      return server.platform.store.readStream(disputeStream(disputeId));
    },
  };
}

async function fileDispute(server: TestServer, consumer: TestUser, officer?: TestUser): Promise<string> {
  const filed = await server.gql(consumer.token, `mutation($input: FileDisputeInput!) { fileDispute(input: $input) { id } }`, { input: complaint() });
  expect(filed.errors).toBeUndefined();
  const id = filed.data.fileDispute.id as string;
  if (officer) {
    const accepted = await server.gql(officer.token, `mutation($id: ID!) { acceptDispute(disputeId: $id, procedure: MEDICAL_DISPUTE_MEDIATION) { status } }`, { id });
    expect(accepted.errors).toBeUndefined();
  }
  return id;
}

describe('evidence over HTTP', () => {
  let server: TestServer;
  let api: ReturnType<typeof client>;
  let consumer: TestUser;
  let stranger: TestUser;
  let officer: TestUser;
  let clinic: TestUser;
  let disputeId: string;

  beforeAll(async () => {
    ({ server, cast: { consumer, officer, clinic } } = await startWithCast());
    stranger = await server.user('CONSUMER');
    api = client(server);
    disputeId = await fileDispute(server, consumer, officer);
  });
  afterAll(() => server.close());

  it('stores a photo by its SHA-256, records the hash in the event and lists the item', async () => {
    const bytes = sample.png('first photo');
    const uploaded = await api.upload(consumer.token, disputeId, { bytes, name: '术后第三天.png', description: '术后第三天，右眼肿胀' });
    expect(uploaded.status).toBe(201);
    expect(uploaded.body).toEqual({ id: expect.any(String), sha256: sha256(bytes), size: bytes.length, mediaType: 'image/png' });

    const submitted = (await api.events(disputeId)).find((e) => e.type === 'EvidenceSubmitted' && (e.data as any).evidenceId === uploaded.body.id);
    expect((submitted?.data as any).sha256).toBe(sha256(bytes));
    expect(readFileSync(join(server.dataDir, 'evidence', sha256(bytes).slice(0, 2), sha256(bytes)))).toEqual(bytes);

    const listed = (await api.evidence(clinic.token, disputeId)).find((e) => e.id === uploaded.body.id);
    expect(listed).toEqual({
      id: uploaded.body.id,
      kind: 'PHOTO',
      description: '术后第三天，右眼肿胀',
      fileName: '术后第三天.png',
      mediaType: 'image/png',
      size: bytes.length,
      sha256: sha256(bytes),
      submittedBy: { userId: consumer.id, role: 'CONSUMER' },
      submittedAt: expect.any(String),
      withdrawn: false,
    });
  });

  it('types files by content: PDF and HEIC accepted, a chat export as text/plain', async () => {
    const pdf = await api.upload(clinic.token, disputeId, { kind: 'INVOICE', bytes: sample.pdf(), name: 'invoice.jpg', type: 'image/jpeg' });
    expect(pdf).toMatchObject({ status: 201, body: { mediaType: 'application/pdf' } });
    const heic = await api.upload(consumer.token, disputeId, { bytes: sample.heic(), name: 'IMG_0001.HEIC' });
    expect(heic).toMatchObject({ status: 201, body: { mediaType: 'image/heic' } });
    const chat = await api.upload(consumer.token, disputeId, { kind: 'CHAT_RECORD', bytes: sample.chatExport(), name: '微信聊天记录.txt' });
    expect(chat).toMatchObject({ status: 201, body: { mediaType: 'text/plain' } });

    const download = await api.download(consumer.token, disputeId, chat.body.id);
    expect(download.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(await download.text()).toBe(sample.chatExport().toString('utf8'));
  });

  it('refuses a shell script named photo.png with 415, naming the detected type, and keeps nothing', async () => {
    const before = { files: filesUnder(join(server.dataDir, 'evidence')).length, events: (await api.events(disputeId)).length };
    const refused = await api.upload(consumer.token, disputeId, { bytes: sample.shellScript(), name: 'photo.png', type: 'image/png' });
    expect(refused.status).toBe(415);
    expect(refused.body.error).toMatchObject({ code: 'BAD_USER_INPUT', detectedType: 'text/x-script' });
    expect(refused.body.error.message).toContain('text/x-script');
    expect(filesUnder(join(server.dataDir, 'evidence'))).toHaveLength(before.files);
    expect(await api.events(disputeId)).toHaveLength(before.events);

    const exe = await api.upload(consumer.token, disputeId, { bytes: sample.exe(), name: 'invoice.pdf' });
    expect(exe).toMatchObject({ status: 415, body: { error: { detectedType: 'application/x-msdownload' } } });
  });

  it('stores the same bytes once, as two items', async () => {
    const bytes = sample.png('twice');
    const first = await api.upload(consumer.token, disputeId, { bytes, name: 'a.png' });
    const second = await api.upload(consumer.token, disputeId, { bytes, name: 'b.png' });
    expect([first.status, second.status]).toEqual([201, 201]);
    expect(second.body.id).not.toBe(first.body.id);
    expect(second.body.sha256).toBe(first.body.sha256);
    expect(filesUnder(join(server.dataDir, 'evidence')).filter((f) => f.endsWith(sha256(bytes)))).toHaveLength(1);
    const items = (await api.evidence(consumer.token, disputeId)).filter((e) => e.sha256 === sha256(bytes));
    expect(items.map((e) => e.fileName)).toEqual(['a.png', 'b.png']);
  });

  it('streams a file larger than the JSON body limit', async () => {
    const bytes = sample.png('x'.repeat(3 * 1024 * 1024));
    const uploaded = await api.upload(consumer.token, disputeId, { bytes, name: 'large.png' });
    expect(uploaded).toMatchObject({ status: 201, body: { size: bytes.length, sha256: sha256(bytes) } });
  });

  it('sends the file with its stored type, nosniff, an encoded name and the hash as ETag, and records the download', async () => {
    const bytes = sample.png('download me');
    const uploaded = await api.upload(consumer.token, disputeId, { bytes, name: '术后照片 (1).png' });
    const response = await api.download(officer.token, disputeId, uploaded.body.id);
    expect(response.status).toBe(200);
    expect(Buffer.from(await response.arrayBuffer())).toEqual(bytes);
    expect(response.headers.get('content-type')).toBe('image/png');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('etag')).toBe(`"${sha256(bytes)}"`);
    const disposition = response.headers.get('content-disposition')!;
    expect(disposition).toMatch(/^attachment; /);
    expect(decodeURIComponent(disposition.split("filename*=UTF-8''")[1]!)).toBe('术后照片 (1).png');

    const trail = await api.audit(consumer.token, disputeId);
    expect(trail.at(-1)).toEqual({ type: 'EvidenceDownloaded', actor: { userId: officer.id } });
    const downloaded = (await api.events(disputeId)).at(-1)!;
    expect(downloaded).toMatchObject({ type: 'EvidenceDownloaded', data: { evidenceId: uploaded.body.id } });

    // A HEAD would record a download that sends nothing: there is none.
    const events = (await api.events(disputeId)).length;
    const head = await fetch(`${server.url}/disputes/${disputeId}/evidence/${uploaded.body.id}`, { method: 'HEAD', headers: { authorization: `Bearer ${officer.token}` } });
    expect(head.status).toBe(404);
    expect(await api.events(disputeId)).toHaveLength(events);
  });

  it('answers an outsider 404 on both routes, exactly as for an unknown dispute, and a caller without a token 401', async () => {
    const uploaded = await api.upload(consumer.token, disputeId, { bytes: sample.png('private') });
    const events = (await api.events(disputeId)).length;

    const upload = await api.upload(stranger.token, disputeId);
    const unknownUpload = await api.upload(stranger.token, '00000000-0000-0000-0000-000000000000');
    expect(upload.status).toBe(404);
    expect(upload.body).toEqual(unknownUpload.body);
    expect(upload.body.error.code).toBe('NOT_FOUND');

    const download = await api.download(stranger.token, disputeId, uploaded.body.id);
    const unknownDownload = await api.download(stranger.token, '00000000-0000-0000-0000-000000000000', uploaded.body.id);
    expect(download.status).toBe(404);
    expect(await download.json()).toEqual(await unknownDownload.json());
    expect(await api.events(disputeId)).toHaveLength(events);

    const anonymous = await api.download(undefined, disputeId, uploaded.body.id);
    expect(anonymous.status).toBe(401);
    expect(((await anonymous.json()) as any).error.code).toBe('UNAUTHENTICATED');
    expect((await api.upload('not-a-token', disputeId)).status).toBe(401);
  });

  it('is 404 to the clinic before acceptance, 403 to the intake officer, and names each bad field', async () => {
    const unaccepted = await fileDispute(server, consumer);
    expect((await api.upload(clinic.token, unaccepted)).status).toBe(404);

    const staff = await api.upload(officer.token, disputeId);
    expect(staff).toMatchObject({ status: 403, body: { error: { code: 'FORBIDDEN' } } });

    const bad = await api.upload(consumer.token, disputeId, { kind: 'SELFIE', description: '' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('BAD_USER_INPUT');
    expect(bad.body.error.issues.map((i: { path: string }) => i.path).sort()).toEqual(['description', 'kind']);

    const noFile = await api.upload(consumer.token, disputeId, { bytes: null });
    expect(noFile).toMatchObject({ status: 400, body: { error: { code: 'BAD_USER_INPUT', issues: [{ path: 'file' }] } } });
  });

  it('keeps caucus evidence in the caucus: hidden from the other side and the intake officer, listing and download', async () => {
    const uploaded = await api.upload(consumer.token, disputeId, { caucus: 'true', kind: 'MEDICAL_RECORD', bytes: sample.pdf(), name: '病历.pdf' });
    expect(uploaded.status).toBe(201);

    expect((await api.evidence(consumer.token, disputeId)).map((e) => e.id)).toContain(uploaded.body.id);
    for (const other of [clinic, officer]) {
      expect((await api.evidence(other.token, disputeId)).map((e) => e.id)).not.toContain(uploaded.body.id);
      expect((await api.download(other.token, disputeId, uploaded.body.id)).status).toBe(404);
    }
    expect((await api.download(consumer.token, disputeId, uploaded.body.id)).status).toBe(200);
    const clinicTrail = await api.audit(clinic.token, disputeId);
    const consumerTrail = await api.audit(consumer.token, disputeId);
    // The caucus submission and its download: listed to the clinic as hashes only, with no type.
    expect(clinicTrail).toHaveLength(consumerTrail.length);
    const hidden = clinicTrail.flatMap((e, i) => (e.type === 'REDACTED' ? [consumerTrail[i]!.type] : []));
    expect(hidden).toEqual(['EvidenceSubmitted', 'EvidenceDownloaded']);
  });

  it('withdraws an item by the side that submitted it; the file stays downloadable and is marked withdrawn', async () => {
    const bytes = sample.png('withdrawn');
    const uploaded = await api.upload(consumer.token, disputeId, { bytes });
    const WITHDRAW = `mutation($d: ID!, $e: ID!) { withdrawEvidence(disputeId: $d, evidenceId: $e) { ${EVIDENCE} } }`;

    const byClinic = await server.gql(clinic.token, WITHDRAW, { d: disputeId, e: uploaded.body.id });
    expect(byClinic.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const withdrawn = await server.gql(consumer.token, WITHDRAW, { d: disputeId, e: uploaded.body.id });
    expect(withdrawn.errors).toBeUndefined();
    expect(withdrawn.data.withdrawEvidence.evidence.find((e: { id: string }) => e.id === uploaded.body.id).withdrawn).toBe(true);

    const again = await server.gql(consumer.token, WITHDRAW, { d: disputeId, e: uploaded.body.id });
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'INVALID_TRANSITION', status: 'ACCEPTED' });

    const download = await api.download(clinic.token, disputeId, uploaded.body.id);
    expect(download.status).toBe(200);
    expect(Buffer.from(await download.arrayBuffer())).toEqual(bytes);
  });

  it('takes no evidence once the dispute is withdrawn (409), but still serves and records downloads', async () => {
    const closed = await fileDispute(server, consumer);
    const bytes = sample.jpeg();
    const uploaded = await api.upload(consumer.token, closed, { bytes, name: 'before.jpg' });
    expect(uploaded).toMatchObject({ status: 201, body: { mediaType: 'image/jpeg' } });
    const withdrawn = await server.gql(consumer.token, `mutation($id: ID!) { withdrawDispute(disputeId: $id, reason: "已私下和解") { status } }`, { id: closed });
    expect(withdrawn.data.withdrawDispute.status).toBe('WITHDRAWN');

    const late = await api.upload(consumer.token, closed, { bytes: sample.png('late') });
    expect(late).toMatchObject({ status: 409, body: { error: { code: 'INVALID_TRANSITION', status: 'WITHDRAWN' } } });

    const download = await api.download(officer.token, closed, uploaded.body.id);
    expect(download.status).toBe(200);
    expect((await api.audit(officer.token, closed)).at(-1)?.type).toBe('EvidenceDownloaded');
  });
});

describe('evidence size limit', () => {
  let server: TestServer;
  let api: ReturnType<typeof client>;
  let consumer: TestUser;
  let disputeId: string;

  beforeAll(async () => {
    server = await startServer({ env: { EVIDENCE_MAX_BYTES: '1024' } });
    api = client(server);
    consumer = await server.user('CONSUMER');
    disputeId = await fileDispute(server, consumer);
  });
  afterAll(() => server.close());

  it('refuses a file over EVIDENCE_MAX_BYTES with 413 and leaves nothing in DATA_DIR', async () => {
    const events = (await api.events(disputeId)).length;
    for (const size of [4096, 16 * 1024 * 1024]) {
      const refused = await api.upload(consumer.token, disputeId, { bytes: sample.png('x'.repeat(size)) });
      expect(refused.status).toBe(413);
      expect(refused.body.error).toMatchObject({ code: 'BAD_USER_INPUT', maxBytes: 1024 });
    }
    expect(filesUnder(join(server.dataDir, 'evidence'))).toEqual([]);
    expect(await api.events(disputeId)).toHaveLength(events);

    const small = sample.png('small');
    expect(small.length).toBeLessThan(1024);
    expect(await api.upload(consumer.token, disputeId, { bytes: small })).toMatchObject({ status: 201, body: { size: small.length } });
  });
});
