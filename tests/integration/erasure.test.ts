/**
 * erasePersonalData over GraphQL (PIPL Art. 47): one person's data reads 已删除 everywhere, the other
 * people's stays; after a full rebuild by the CLI no byte of their plaintext is left in DATA_DIR
 * (events, keys, read model, mail outbox and .eml files, evidence, every -wal); the chain verifies
 * before and after.
 */
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cast, filed, inMediation, ok, type Cast } from '../support/cases.ts';
import { runCli, startServer, tempDir, type TestServer, type TestUser } from '../support/server.ts';
import * as sample from '../unit/evidence/samples.ts';

const ERASE = `mutation($personId: ID!, $reason: String!) { erasePersonalData(personId: $personId, reason: $reason) { personId erasedAt what disputeIds evidenceFilesDeleted } }`;
const VERIFY = `query($id: ID!) { verifyAuditTrail(disputeId: $id) { valid checkedEvents firstBrokenPosition } }`;
const VIEW = `query($id: ID!) { dispute(id: $id) { description procedure claimant { name phone idNumber address }
  messages { body } evidence { fileName description } }
  auditTrail(disputeId: $id) { type summary } }`;

// The erased person's data, each value unique in the whole test, and the other consumer's.
const THEIRS = {
  email: 'ouyang.erase@test.cn',
  name: '欧阳明月',
  phone: '13712345678',
  idNumber: '11010519491231002X',
  address: '杭州市西湖区龙井路88号',
  description: '线雕提升术后左脸神经麻木三个月',
  procedure: '线雕提升术',
  message: '我的左脸至今没有知觉',
  fileName: '欧阳病历扫描.png',
  evidence: '浙大附属医院神经科诊断书',
};
const OTHERS = { name: '司马青云', description: '隆鼻假体移位需要取出' };

/** Every file under DATA_DIR, -wal and -shm included. */
const filesIn = (dir: string) =>
  readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));

/** The files holding any of these byte strings, and which. */
function holding(dir: string, needles: Buffer[], key?: Buffer): string[] {
  return filesIn(dir).flatMap((file) => {
    const bytes = readFileSync(file);
    return needles.filter((needle) => bytes.includes(needle)).map((needle) => `${file}: ${needle === key ? 'the key' : needle.toString('utf8')}`);
  });
}

async function drained(server: TestServer) {
  for (let i = 0; i < 400 && server.platform.mail.nextAttemptAt() !== undefined; i++) await new Promise((r) => setTimeout(r, 25));
}

describe('erasing a person', () => {
  const dataDir = tempDir('yimei-erasure-');
  let server: TestServer;
  let c: Cast;
  let person: TestUser;
  let other: TestUser;
  let admin: TestUser;
  let theirDispute: string;
  let otherDispute: string;
  let key: Buffer;

  beforeAll(async () => {
    server = await startServer({ dataDir, mail: true });
    c = await cast(server, await server.institution());
    person = await server.user('CONSUMER', { name: THEIRS.name, email: THEIRS.email, phone: THEIRS.phone });
    other = await server.user('CONSUMER', { name: OTHERS.name });
    admin = await server.user('ADMIN');
    const claimant = { name: THEIRS.name, phone: THEIRS.phone, idNumber: THEIRS.idNumber, address: THEIRS.address };
    theirDispute = await inMediation(server, { ...c, consumer: person }, { claimant, description: THEIRS.description, procedure: THEIRS.procedure });
    await ok(server, person, theirDispute, 'postMessage', { body: THEIRS.message });
    await ok(server, c.clinic, theirDispute, 'postMessage', { body: '诊所愿意承担复诊费用' });
    const form = new FormData();
    form.append('kind', 'MEDICAL_RECORD');
    form.append('description', THEIRS.evidence);
    form.append('file', new Blob([new Uint8Array(sample.png())], { type: 'image/png' }), THEIRS.fileName);
    const upload = await fetch(`${server.url}/disputes/${theirDispute}/evidence`, { method: 'POST', headers: { authorization: `Bearer ${person.token}` }, body: form });
    expect(upload.status).toBe(201);
    otherDispute = await filed(server, { ...c, consumer: other }, { claimant: { name: OTHERS.name, phone: '13600001111' }, description: OTHERS.description });
    await drained(server);
    key = (await server.platform.store.keys.keyFor(person.id)).key;
  }, 60_000);

  afterAll(async () => {
    await server?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('is for an ADMIN only, names a bad field, and an unknown person is NOT_FOUND; none of it changes anything', async () => {
    const head = await server.platform.store.headPosition();
    const byOfficer = await server.gql(c.officer.token, ERASE, { personId: person.id, reason: '本人申请' });
    expect(byOfficer.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const blank = await server.gql(admin.token, ERASE, { personId: person.id, reason: '  ' });
    expect(blank.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(blank.errors?.[0]?.extensions?.issues).toEqual([expect.objectContaining({ path: 'reason' })]);
    const unknown = await server.gql(admin.token, ERASE, { personId: 'no-such-person', reason: '本人申请' });
    expect(unknown.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(await server.platform.store.headPosition()).toBe(head);
    const seen = await server.gql(c.officer.token, VIEW, { id: theirDispute });
    expect(seen.data.dispute.claimant.name).toBe(THEIRS.name);
  });

  it('erases at once: 已删除 in every view, the others untouched, the erasure in the audit trail, the chain valid', async () => {
    const before = await server.gql(person.token, VERIFY, { id: theirDispute });
    expect(before.data.verifyAuditTrail.valid).toBe(true);

    const erased = await server.gql(admin.token, ERASE, { personId: person.id, reason: '本人依《个人信息保护法》第四十七条申请删除' });
    expect(erased.errors).toBeUndefined();
    expect(erased.data.erasePersonalData).toMatchObject({ personId: person.id, disputeIds: [theirDispute], evidenceFilesDeleted: 1 });
    expect(erased.data.erasePersonalData.what).toEqual(
      expect.arrayContaining(['AccountCreated.name', 'DisputeFiled.claimant.name', 'DisputeFiled.description', 'MessagePosted.body', 'EvidenceSubmitted.fileName', 'EvidenceFile']),
    );
    expect(JSON.stringify(erased.data)).not.toContain(THEIRS.name);

    const view = (await server.gql(c.officer.token, VIEW, { id: theirDispute })).data.dispute;
    expect(view.claimant).toEqual({ name: '已删除', phone: '已删除', idNumber: '已删除', address: '已删除' });
    expect(view.description).toBe('已删除');
    expect(view.messages.map((m: { body: string }) => m.body)).toEqual(['已删除', '诊所愿意承担复诊费用']);
    expect(view.evidence).toEqual([{ fileName: '已删除', description: '已删除' }]);
    const trail = (await server.gql(c.officer.token, VIEW, { id: theirDispute })).data.auditTrail;
    expect(trail.at(-1).type).toBe('PersonalDataErased');
    const after = await server.gql(c.officer.token, VERIFY, { id: theirDispute });
    expect(after.data.verifyAuditTrail).toMatchObject({ valid: true, checkedEvents: trail.length });

    const others = (await server.gql(c.officer.token, VIEW, { id: otherDispute })).data.dispute;
    expect(others.claimant.name).toBe(OTHERS.name);
    expect(others.description).toBe(OTHERS.description);
    // While the server runs, with its files open: nothing left in a page or a -wal frame either.
    expect(holding(dataDir, [...Object.values(THEIRS).map((v) => Buffer.from(v, 'utf8')), key], key)).toEqual([]);
  });

  it('after a full rebuild leaves no byte of their plaintext, or their key, anywhere in DATA_DIR', async () => {
    await server.close();
    const rebuilt = await runCli(dataDir, ['projections:rebuild']);
    expect(rebuilt.code, rebuilt.stderr).toBe(0);
    const verified = await runCli(dataDir, ['audit:verify']);
    expect(verified.stdout).toContain('OK: 2 dispute stream(s) verified');

    const files = filesIn(dataDir);
    expect(files.some((f) => f.endsWith('.eml'))).toBe(true);
    expect(holding(dataDir, [...Object.values(THEIRS).map((v) => Buffer.from(v, 'utf8')), key], key)).toEqual([]);
    // The same scan finds the other consumer's data: it would find theirs.
    expect(holding(dataDir, [Buffer.from(OTHERS.name, 'utf8')])).not.toEqual([]);
    // Mail is encoded (base64, quoted-printable): read each message as a mail client would.
    for (const file of files.filter((f) => f.endsWith('.eml'))) {
      const mail = await simpleParser(readFileSync(file));
      const shown = [mail.subject, mail.text, mail.html, JSON.stringify(mail.to)].join('\n');
      for (const value of Object.values(THEIRS)) expect(shown, file).not.toContain(value);
    }
    server = await startServer({ dataDir, mail: true });
    const view = (await server.gql(c.officer.token, VIEW, { id: theirDispute })).data.dispute;
    expect(view.claimant.name).toBe('已删除');
  }, 60_000);
});
