import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { afterEach, describe, expect, it } from 'vitest';
import type { MailLogger, MailReactorOptions } from '../../src/mail/reactor.ts';
import { complaint, startServer, type TestServer } from '../support/server.ts';
import { freePort, startSmtpServer, type TestSmtpServer } from '../support/smtp.ts';

const FILE = `mutation($input: FileDisputeInput!) { fileDispute(input: $input) { id caseNumber } }`;
const FAILURES = `{ mailFailures { id recipientRole kind caseNumber recipientEmail attempts lastError nextAttemptAt status } }`;

async function until<T>(what: () => T | undefined | false, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = what();
    if (value) return value;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** A logger that keeps what it is given, to check that no address reaches the log. */
function recordingLog(): MailLogger & { lines: string[] } {
  const lines: string[] = [];
  const keep = (obj: object, msg: string) => void lines.push(`${msg} ${JSON.stringify(obj)}`);
  return { lines, info: keep, warn: keep, error: keep };
}

describe('mail delivery when the SMTP server is down', () => {
  let server: TestServer | undefined;
  let smtp: TestSmtpServer | undefined;
  afterEach(async () => {
    await server?.close();
    await smtp?.close();
    server = smtp = undefined;
  });

  async function setUp(smtpUrl: string | undefined, mail: MailReactorOptions) {
    server = await startServer({ env: smtpUrl ? { SMTP_URL: smtpUrl } : {}, mail });
    const institution = await server.institution();
    const consumer = await server.user('CONSUMER');
    const officer = await server.user('INTAKE_OFFICER');
    const admin = await server.user('ADMIN');
    const filed = await server.gql(consumer.token, FILE, { input: complaint({ respondent: { name: '美丽医疗美容诊所', code: institution.code } }) });
    return { consumer, officer, admin, ...(filed.data.fileDispute as { id: string; caseNumber: string }) };
  }

  it('retries with backoff while nothing listens, shows the failure, and delivers once the server is back', async () => {
    const port = await freePort();
    const log = recordingLog();
    const { consumer, officer } = await setUp(`smtp://127.0.0.1:${port}`, { log, retry: { baseMs: 100, capMs: 400, maxAttempts: 100 } });

    const failing = await until(() => server!.platform.mail.failures().find((m) => m.attempts >= 3));
    expect(failing.status).toBe('PENDING');
    expect(failing.lastError).toMatch(/ECONNREFUSED/);
    const seen = (await server!.gql(officer.token, FAILURES)).data.mailFailures;
    expect(seen).toEqual([expect.objectContaining({ recipientRole: 'CLAIMANT', kind: 'FILING_RECEIVED', status: 'RETRYING', recipientEmail: null })]);
    expect(seen[0].attempts).toBeGreaterThanOrEqual(3);
    expect(log.lines.filter((l) => l.startsWith('mail delivery failed')).length).toBeGreaterThanOrEqual(3);
    expect(log.lines.join('\n')).not.toContain(consumer.email);

    smtp = await startSmtpServer({ port });
    const [mail] = await smtp.waitFor(1);
    expect(mail!.to).toEqual([consumer.email]);
    await until(() => server!.platform.mail.failures().length === 0);
    expect((await server!.gql(officer.token, FAILURES)).data.mailFailures).toEqual([]);
    await new Promise((r) => setTimeout(r, 300));
    expect(smtp.received).toHaveLength(1);
  });

  it('retries after 451 answers with growing delays, then delivers exactly once', async () => {
    smtp = await startSmtpServer();
    const times: number[] = [];
    smtp.respond = (attempt) => {
      times.push(Date.now());
      return attempt <= 4 ? { code: 451, message: 'mailbox busy, try again later' } : 'accept';
    };
    const { consumer } = await setUp(smtp.url, { retry: { baseMs: 150, capMs: 2000, maxAttempts: 10 } });
    const [mail] = await smtp.waitFor(1);
    expect(mail!.to).toEqual([consumer.email]);
    expect(times).toHaveLength(5);
    const gaps = times.slice(1).map((t, i) => t - times[i]!);
    // 150, 300, 600, 1200 ms at least: the delay doubles after each failure.
    gaps.forEach((gap, i) => expect(gap).toBeGreaterThanOrEqual(150 * 2 ** i - 20));
    const [stored] = server!.platform.mail.all();
    expect(stored).toMatchObject({ status: 'SENT', attempts: 4 });
    await new Promise((r) => setTimeout(r, 300));
    expect(smtp.received).toHaveLength(1);
  });

  it('marks a message FAILED after the last attempt (or at once on a permanent 5xx) and shows it to staff', async () => {
    smtp = await startSmtpServer();
    smtp.respond = () => ({ code: 451, message: 'try later' });
    const { consumer, officer, admin, caseNumber } = await setUp(smtp.url, { retry: { baseMs: 50, capMs: 50, maxAttempts: 3, failedRetryMs: 3_600_000 } });

    const failed = await until(() => server!.platform.mail.failures().find((m) => m.status === 'FAILED'));
    expect(failed.attempts).toBe(3);
    expect(smtp.attempts).toBe(3);
    expect(failed.nextAttemptAt).toBeGreaterThan(Date.now() + 3_000_000);

    const asOfficer = (await server!.gql(officer.token, FAILURES)).data.mailFailures;
    expect(asOfficer).toEqual([
      expect.objectContaining({ kind: 'FILING_RECEIVED', recipientRole: 'CLAIMANT', status: 'FAILED', attempts: 3, caseNumber, recipientEmail: null }),
    ]);
    expect(asOfficer[0].lastError).toMatch(/451/);
    const asAdmin = (await server!.gql(admin.token, FAILURES)).data.mailFailures;
    expect(asAdmin).toEqual([expect.objectContaining({ status: 'FAILED', recipientEmail: consumer.email, caseNumber: null })]);

    // A permanent refusal is not tried again and again.
    smtp.respond = () => ({ code: 550, message: `mailbox ${consumer.email} unavailable` });
    await server!.gql(consumer.token, FILE, { input: complaint() });
    const permanent = await until(() => server!.platform.mail.failures().find((m) => m.id !== failed.id && m.status === 'FAILED'));
    expect(permanent.attempts).toBe(1);
    expect(permanent.lastError).toMatch(/550/);
    expect(permanent.lastError).not.toContain(consumer.email);
  });

  it('writes .eml files under DATA_DIR/outbox when SMTP_URL is unset', async () => {
    const { consumer, caseNumber } = await setUp(undefined, {});
    const dir = join(server!.dataDir, 'outbox');
    const files = await until(() => {
      try {
        const names = readdirSync(dir).filter((f) => f.endsWith('.eml'));
        return names.length > 0 && names;
      } catch {
        return false;
      }
    });
    expect(files).toHaveLength(1);
    const parsed = await simpleParser(readFileSync(join(dir, files[0]!)));
    expect(parsed.to && !Array.isArray(parsed.to) ? parsed.to.value[0]?.address : undefined).toBe(consumer.email);
    expect(parsed.subject).toContain(caseNumber);
    expect(parsed.text).toMatch(/我们已收到您的投诉[\s\S]*We have received your complaint/);
    expect(parsed.messageId).toBe(server!.platform.mail.all()[0]!.messageId);
    await until(() => server!.platform.mail.all()[0]!.status === 'SENT');
  });
});
