import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allProjections } from '../../projections/index.ts';
import { rebuildProjections } from '../../projections/runner.ts';
import { startMailReactor } from '../../src/mail/reactor.ts';
import { configuredMailTransport } from '../../src/mail/transport.ts';
import { manualClock } from '../../src/shared/clock.ts';
import { complaint, startServer, type TestServer, type TestUser } from '../support/server.ts';
import { startSmtpServer, type ReceivedMail, type TestSmtpServer } from '../support/smtp.ts';

const FILE = `mutation($input: FileDisputeInput!) { fileDispute(input: $input) { id caseNumber } }`;
const ACCEPT = `mutation($id: ID!) { acceptDispute(disputeId: $id, procedure: MEDICAL_DISPUTE_MEDIATION) { status } }`;
const PUBLIC_URL = 'https://tiaojie.example.cn';

const to = (mails: ReceivedMail[], email: string) => mails.filter((m) => m.to.includes(email));
const settle = () => new Promise((r) => setTimeout(r, 300));

/** Until every message in the outbox is sent. */
async function drained(server: TestServer) {
  for (let i = 0; i < 400 && server.platform.mail.nextAttemptAt() !== undefined; i++) await new Promise((r) => setTimeout(r, 25));
  expect(server.platform.mail.nextAttemptAt()).toBeUndefined();
}

describe('mail through SMTP', () => {
  let smtp: TestSmtpServer;
  let server: TestServer;
  let consumer: TestUser;
  let officer: TestUser;
  let staffById: TestUser;
  let staffByCode: TestUser;
  let otherClinic: TestUser;
  let clinicCode: string;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    server = await startServer({ env: { SMTP_URL: smtp.url, PUBLIC_URL }, mail: true });
    const institution = await server.institution();
    clinicCode = institution.code;
    const other = await server.institution('另一家诊所');
    consumer = await server.user('CONSUMER');
    officer = await server.user('INTAKE_OFFICER');
    staffById = await server.user('RESPONDENT', { institutionId: institution.id });
    staffByCode = await server.user('RESPONDENT', { institutionCode: institution.code });
    otherClinic = await server.user('RESPONDENT', { institutionId: other.id, institutionCode: other.code });
  });
  afterAll(async () => {
    await server?.close();
    await smtp?.close();
  });

  it('tells the consumer the filing was received, with the case number, in Chinese then English; the clinic hears nothing yet', async () => {
    const filed = await server.gql(consumer.token, FILE, { input: complaint({ respondent: { name: '美丽医疗美容诊所', code: clinicCode } }) });
    const { id, caseNumber } = filed.data.fileDispute;
    const [mail] = await smtp.waitFor(1);
    await settle();
    expect(smtp.received).toHaveLength(1);

    expect(mail!.to).toEqual([consumer.email]);
    expect(mail!.notice).toBe('FILING_RECEIVED');
    expect(mail!.subject).toContain(caseNumber);
    expect(mail!.subject).toMatch(/投诉已收到.*Complaint received/);
    const zh = mail!.text.indexOf('我们已收到您的投诉');
    const en = mail!.text.indexOf('We have received your complaint');
    expect(zh).toBeGreaterThanOrEqual(0);
    expect(en).toBeGreaterThan(zh);
    expect(mail!.text.split(caseNumber).length - 1).toBeGreaterThanOrEqual(2);
    expect(mail!.text).toContain(`${PUBLIC_URL}/disputes/${id}`);
    expect(mail!.html).toContain('lang="zh-CN"');
    // No personal data of the complaint in the mail.
    for (const secret of ['13912341111', '11010519491231002X', '深圳市福田区福华路1号', '张三']) expect(mail!.text + mail!.subject).not.toContain(secret);
    expect(mail!.messageId).toMatch(/^<[0-9a-f]{40}@yimei-mediation\.local>$/);
  });

  it('on acceptance invites every staff member of the clinic (by institution id or credit code) and tells the consumer', async () => {
    const before = smtp.received.length;
    const filed = await server.gql(consumer.token, FILE, { input: complaint({ respondent: { name: '美丽医疗美容诊所', code: clinicCode } }) });
    const { id, caseNumber } = filed.data.fileDispute;
    await smtp.waitFor(before + 1);
    expect((await server.gql(officer.token, ACCEPT, { id })).data.acceptDispute.status).toBe('ACCEPTED');
    await smtp.waitFor(before + 4);
    await drained(server);
    const fresh = smtp.received.slice(before);
    expect(fresh).toHaveLength(4);

    for (const staff of [staffById, staffByCode]) {
      const [invitation, ...more] = to(fresh, staff.email);
      expect(more).toHaveLength(0);
      expect(invitation!.notice).toBe('MEDIATION_INVITATION');
      expect(invitation!.subject).toContain(caseNumber);
      expect(invitation!.text).toMatch(/邀请贵机构参加调解[\s\S]*You are invited to take part/);
      expect(invitation!.text).toContain('美丽医疗美容诊所');
      expect(invitation!.text).not.toContain('13912341111');
    }
    expect(to(fresh, otherClinic.email)).toHaveLength(0);
    expect(to(fresh, consumer.email).map((m) => m.notice).sort()).toEqual(['DISPUTE_ACCEPTED', 'FILING_RECEIVED']);
    // The officer acted; nobody mails them about it.
    expect(to(smtp.received, officer.email)).toHaveLength(0);
  });

  it('sends nothing again when the read model is rebuilt', async () => {
    await drained(server);
    const before = smtp.received.length;
    const rebuilt = await rebuildProjections(server.platform.readModel, server.platform.store, allProjections(server.config.rules));
    expect(rebuilt.events).toBeGreaterThan(0);
    expect(server.mail!.scanReminders()).toBe(0);
    await settle();
    expect(smtp.received.length).toBe(before);
    expect(server.platform.mail.nextAttemptAt()).toBeUndefined();
  });

  it('sends each message once across a reactor stopped and started again, with what happened meanwhile', async () => {
    await drained(server);
    const before = smtp.received.length;
    await server.mail!.stop();

    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await server.gql(consumer.token, FILE, { input: complaint({ respondent: { name: '美丽医疗美容诊所', code: clinicCode } }) })).data.fileDispute.id);
    await server.gql(officer.token, ACCEPT, { id: ids[0] });
    await settle();
    expect(smtp.received.length).toBe(before);

    // Two reactors in turn on the same outbox: the second one finds everything the first one enqueued.
    let reactor = startMailReactor(server.platform, configuredMailTransport(server.config));
    await smtp.waitFor(before + 1);
    await reactor.stop();
    reactor = startMailReactor(server.platform, configuredMailTransport(server.config));
    try {
      await smtp.waitFor(before + 6);
      await drained(server);
      await settle();
      const fresh = smtp.received.slice(before);
      expect(fresh).toHaveLength(6);
      expect(new Set(fresh.map((m) => m.messageId)).size).toBe(6);
      expect(new Set(smtp.received.map((m) => m.messageId)).size).toBe(smtp.received.length);
    } finally {
      await reactor.stop();
    }
  });

  it('shows failures to an ADMIN (with the address) and an INTAKE_OFFICER (with the case number) only', async () => {
    const admin = await server.user('ADMIN');
    const query = `{ mailFailures { id recipientRole kind caseNumber recipientEmail attempts lastError nextAttemptAt status } }`;
    expect((await server.gql(consumer.token, query)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await server.gql(staffById.token, query)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await server.gql(undefined, query)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await server.gql(admin.token, query)).data.mailFailures).toEqual([]);
    expect((await server.gql(officer.token, query)).data.mailFailures).toEqual([]);
  });
});

describe('deadline reminders', () => {
  // Monday 2026-03-02, 10:00 Beijing time.
  const clock = manualClock(new Date('2026-03-02T02:00:00Z'));
  let smtp: TestSmtpServer;
  let server: TestServer;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    server = await startServer({ env: { SMTP_URL: smtp.url, REMINDER_WORKING_DAYS: '2' }, clock, mail: { reminderScanMs: 3_600_000 } });
  });
  afterAll(async () => {
    await server?.close();
    await smtp?.close();
  });

  it('reminds the clinic 2 working days before its answer is due, once', async () => {
    const institution = await server.institution();
    const consumer = await server.user('CONSUMER');
    const officer = await server.user('INTAKE_OFFICER');
    const staff = await server.user('RESPONDENT', { institutionId: institution.id, institutionCode: institution.code });
    const { id, caseNumber } = (await server.gql(consumer.token, FILE, { input: complaint({ occurredOn: '2026-02-01', respondent: { name: '美丽医疗美容诊所', code: institution.code } }) })).data.fileDispute;
    await server.gql(officer.token, ACCEPT, { id });
    await smtp.waitFor(3);
    const reminders = () => smtp.received.filter((m) => m.notice === 'DEADLINE_REMINDER');

    // The answer is due at the end of Monday 2026-03-09 (5 working days after acceptance).
    const deadlines = server.platform.queries.deadlinesOf(id);
    expect(deadlines.find((d) => d.kind === 'RESPONDENT_ANSWER')?.lastDay).toBe('2026-03-09');
    for (const day of ['2026-03-02', '2026-03-03', '2026-03-04']) {
      clock.set(new Date(`${day}T02:00:00Z`));
      expect(server.mail!.scanReminders()).toBe(0);
    }
    clock.set(new Date('2026-03-05T02:00:00Z'));
    expect(server.mail!.scanReminders()).toBe(1);
    const [reminder] = await smtp.waitFor(4).then(reminders);
    expect(reminder!.to).toEqual([staff.email]);
    expect(reminder!.subject).toContain(caseNumber);
    expect(reminder!.text).toMatch(/答复是否同意调解[\s\S]*2026-03-09 24:00[\s\S]*answer to the invitation to mediate/);

    clock.set(new Date('2026-03-06T02:00:00Z'));
    expect(server.mail!.scanReminders()).toBe(0);
    // Past the deadline: nothing more to remind of.
    clock.set(new Date('2026-03-10T02:00:00Z'));
    expect(server.mail!.scanReminders()).toBe(0);
    await settle();
    expect(reminders()).toHaveLength(1);
  });
});
