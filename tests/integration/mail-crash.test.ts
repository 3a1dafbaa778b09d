/**
 * Exactly once across kill -9: the server process is killed while the SMTP server holds a message
 * unanswered, and again right after a command (its mail enqueued or not), then restarted on the
 * same DATA_DIR. Every message the events call for arrives, none twice (by Message-ID).
 */
import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { createAccount, registerInstitution } from '../../src/accounts/accounts.ts';
import { tokenSigner } from '../../src/accounts/tokens.ts';
import { loadConfig } from '../../src/config.ts';
import { DISPUTE_STREAM_PREFIX } from '../../src/dispute/events.ts';
import { openEventStore } from '../../src/eventstore/open.ts';
import { mailDomain, messageIdFor } from '../../src/mail/outbox.ts';
import { complaint, graphql, spawnServer, tempDir, USCC, type SpawnedServer } from '../support/server.ts';
import { startSmtpServer, type TestSmtpServer } from '../support/smtp.ts';

const FILE = `mutation($input: FileDisputeInput!) { fileDispute(input: $input) { id } }`;
const ACCEPT = `mutation($id: ID!) { acceptDispute(disputeId: $id, procedure: MEDICAL_DISPUTE_MEDIATION) { status } }`;

async function killed(server: SpawnedServer): Promise<void> {
  if (server.process.exitCode !== null || server.process.signalCode !== null) return;
  const exited = new Promise((resolve) => server.process.once('exit', resolve));
  server.process.kill('SIGKILL');
  await exited;
}

describe('mail across kill -9', () => {
  const dataDir = tempDir('yimei-mail-crash-');
  const config = loadConfig({ DATA_DIR: dataDir, NODE_ENV: 'test' });
  let smtp: TestSmtpServer;
  let server: SpawnedServer | undefined;

  afterAll(async () => {
    await server?.stop();
    await smtp?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('sends every message exactly once', { timeout: 90_000 }, async () => {
    const store = await openEventStore(config);
    const institution = await registerInstitution(store, config.clock, { name: '美丽医疗美容诊所', code: USCC[1] });
    const account = (role: 'CONSUMER' | 'INTAKE_OFFICER' | 'RESPONDENT', email: string) =>
      createAccount(store, config.clock, { email, name: email, role, ...(role === 'RESPONDENT' ? { institutionId: institution.id, institutionCode: USCC[1] } : {}) });
    const consumer = await account('CONSUMER', 'consumer@crash.test.cn');
    const officer = await account('INTAKE_OFFICER', 'officer@crash.test.cn');
    const staff = [await account('RESPONDENT', 'staff1@crash.test.cn'), await account('RESPONDENT', 'staff2@crash.test.cn')];
    await store.close();
    const sign = tokenSigner(config.jwtSecret);
    const consumerToken = sign({ sub: consumer.id, role: 'CONSUMER' });
    const officerToken = sign({ sub: officer.id, role: 'INTAKE_OFFICER' });
    const input = complaint({ respondent: { name: '美丽医疗美容诊所', code: USCC[1] } });

    smtp = await startSmtpServer();
    const env = { SMTP_URL: smtp.url, REMINDER_WORKING_DAYS: '0', LOG_LEVEL: 'warn' };

    // 1. Killed while the SMTP server holds the third message unanswered.
    smtp.respond = (attempt) => (attempt === 3 ? 'hold' : 'accept');
    const held = smtp.held();
    server = await spawnServer(dataDir, env);
    const disputes: string[] = [];
    for (let i = 0; i < 3; i++) disputes.push((await graphql(server.url, consumerToken, FILE, { input })).data.fileDispute.id);
    for (const id of disputes.slice(0, 2)) expect((await graphql(server.url, officerToken, ACCEPT, { id })).data.acceptDispute.status).toBe('ACCEPTED');
    await held;
    await killed(server);
    expect(smtp.received).toHaveLength(2);

    // 2. Restarted, nothing is accepted; killed right after a command, mid-way through its mail.
    smtp.respond = () => 'hold';
    server = await spawnServer(dataDir, env);
    disputes.push((await graphql(server.url, consumerToken, FILE, { input })).data.fileDispute.id);
    await killed(server);
    expect(smtp.received).toHaveLength(2);

    // 3. Restarted with a working SMTP server: the rest arrives.
    smtp.respond = () => 'accept';
    server = await spawnServer(dataDir, env);
    await graphql(server.url, officerToken, ACCEPT, { id: disputes[2] });

    // Expected: a receipt per filing; per acceptance, the consumer and both staff members.
    const reopened = await openEventStore(config);
    const events = await reopened.readAll({ streamPrefixes: [DISPUTE_STREAM_PREFIX] });
    await reopened.close();
    const keys = events.flatMap((e) => {
      if (e.type === 'DisputeFiled') return [`event/${e.id}/${consumer.id}`];
      if (e.type === 'DisputeAccepted') return [consumer.id, ...staff.map((s) => s.id)].map((r) => `event/${e.id}/${r}`);
      return [];
    });
    expect(keys).toHaveLength(4 + 3 * 3);
    const expected = keys.map((key) => messageIdFor(key, mailDomain(config.mailFrom))).sort();

    await smtp.waitFor(expected.length, 30_000);
    await new Promise((r) => setTimeout(r, 1_000));
    expect(smtp.received.map((m) => m.messageId).sort()).toEqual(expected);
    expect(smtp.attempts).toBeGreaterThan(expected.length);
  });
});
