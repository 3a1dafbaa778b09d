import { readdirSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount, findAccountByEmail } from '../../src/accounts/accounts.ts';
import { buildApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { openPlatform } from '../../src/platform.ts';
import { manualClock } from '../../src/shared/clock.ts';
import { graphql, startServer, tempDir, type TestServer } from '../support/server.ts';

/** A real SMTP server on a free port, keeping every message it receives. */
async function startMailCatcher() {
  const received: ParsedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream).then(
        (mail) => (received.push(mail), callback()),
        (error: Error) => callback(error),
      );
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  const to = (mail: ParsedMail) => (Array.isArray(mail.to) ? mail.to : mail.to ? [mail.to] : []).flatMap((a) => a.value.map((v) => v.address));
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    mailsTo: (address: string) => received.filter((m) => to(m).includes(address)),
    /** The next message to the address, after `already` earlier ones. */
    async next(address: string, already = 0): Promise<ParsedMail> {
      const deadline = Date.now() + 10_000;
      for (;;) {
        const mails = received.filter((m) => to(m).includes(address));
        if (mails.length > already) return mails[already]!;
        if (Date.now() > deadline) throw new Error(`no mail for the address within 10 s`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

type MailCatcher = Awaited<ReturnType<typeof startMailCatcher>>;

const REQUEST = `mutation($email: String!) { requestLoginCode(email: $email) }`;
const SIGN_IN = `mutation($email: String!, $code: String!, $role: Role) { signIn(email: $email, code: $code, role: $role) }`;
const REGISTER = `mutation($input: RegisterConsumerInput!) { registerConsumer(input: $input) }`;
const ME = `{ me { id email name roles role } }`;

const codeOf = (mail: ParsedMail) => /(?<!\d)(\d{6})(?!\d)/.exec(mail.text ?? '')![1]!;
/** A bit longer than a mail takes to arrive on this machine: for asserting that none does. */
const quietly = () => new Promise((r) => setTimeout(r, 500));
let seq = 0;
const address = (name: string) => `${name}-${++seq}-${Math.random().toString(36).slice(2, 8)}@example.cn`;

describe('sign-in by e-mailed code', () => {
  let smtp: MailCatcher;
  let server: TestServer;
  const clock = manualClock(new Date('2027-03-01T08:00:00+08:00'));
  const tick = () => clock.advance(61_000); // past the per-address spacing between codes

  beforeAll(async () => {
    smtp = await startMailCatcher();
    server = await startServer({ env: { SMTP_URL: smtp.url }, clock });
  });
  afterAll(async () => {
    await server?.close();
    await smtp?.close();
  });

  async function consumer(name = 'consumer') {
    const email = address(name);
    await createAccount(server.platform.store, clock, { email, name: '王芳', role: 'CONSUMER' });
    return email;
  }

  async function mailedCode(email: string, already = 0) {
    expect((await server.gql(undefined, REQUEST, { email })).data).toEqual({ requestLoginCode: true });
    return codeOf(await smtp.next(email, already));
  }

  it('mails a code to the account, which signs in and acts as that account', async () => {
    const email = await consumer();
    expect((await server.gql(undefined, REQUEST, { email: email.toUpperCase() })).data).toEqual({ requestLoginCode: true });
    const mail = await smtp.next(email);
    expect(mail.subject).toMatch(/^医美纠纷调解平台登录验证码 \/ Your sign-in code$/);
    expect(mail.text).toMatch(/10 分钟内有效[\s\S]*valid for 10 minutes/);

    const signedIn = await server.gql(undefined, SIGN_IN, { email, code: codeOf(mail) });
    expect(signedIn.errors).toBeUndefined();
    const me = await server.gql(signedIn.data.signIn, ME);
    expect(me.data.me).toMatchObject({ email, name: '王芳', roles: ['CONSUMER'], role: 'CONSUMER' });
  });

  it('refuses a used code', async () => {
    const email = await consumer();
    const code = await mailedCode(email);
    expect((await server.gql(undefined, SIGN_IN, { email, code })).data?.signIn).toEqual(expect.any(String));
    const again = await server.gql(undefined, SIGN_IN, { email, code });
    expect(again.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(again.data).toBeNull();
  });

  it('answers true for an unknown address and mails nothing; signing in there is refused alike', async () => {
    const known = await consumer();
    const knownCode = await mailedCode(known);
    const wrong = knownCode === '000000' ? '000001' : '000000';
    const wrongCode = await server.gql(undefined, SIGN_IN, { email: known, code: wrong });

    const unknown = address('nobody');
    expect(await server.gql(undefined, REQUEST, { email: unknown })).toEqual({ data: { requestLoginCode: true } });
    await quietly();
    expect(smtp.mailsTo(unknown)).toEqual([]);
    const noAccount = await server.gql(undefined, SIGN_IN, { email: unknown, code: '123456' });
    expect(noAccount.errors?.[0]).toEqual(wrongCode.errors?.[0]);
  });

  it('kills a code after five wrong attempts, even for the right code', async () => {
    const email = await consumer();
    const code = await mailedCode(email);
    const wrong = code === '999999' ? '999998' : String(Number(code) + 1).padStart(6, '0');
    const messages = new Set<string>();
    for (let i = 0; i < 5; i++) {
      const result = await server.gql(undefined, SIGN_IN, { email, code: wrong });
      expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      messages.add(result.errors![0]!.message);
    }
    const right = await server.gql(undefined, SIGN_IN, { email, code });
    expect(right.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    messages.add(right.errors![0]!.message);
    expect(messages.size).toBe(1); // wrong and dead alike: one message that does not say which

    // A new code works again.
    tick();
    const fresh = await mailedCode(email, 1);
    expect((await server.gql(undefined, SIGN_IN, { email, code: fresh })).data?.signIn).toEqual(expect.any(String));
  });

  it('a code expires after 10 minutes on the platform clock', async () => {
    const early = await consumer();
    const late = await consumer();
    const earlyCode = await mailedCode(early);
    const lateCode = await mailedCode(late);
    clock.advance(10 * 60_000 - 1000);
    expect((await server.gql(undefined, SIGN_IN, { email: early, code: earlyCode })).data?.signIn).toEqual(expect.any(String));
    clock.advance(1000);
    const expired = await server.gql(undefined, SIGN_IN, { email: late, code: lateCode });
    expect(expired.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('a new code supersedes the earlier one; requests within a minute send nothing more', async () => {
    const email = await consumer();
    const first = await mailedCode(email);
    expect((await server.gql(undefined, REQUEST, { email })).data).toEqual({ requestLoginCode: true });
    await quietly();
    expect(smtp.mailsTo(email)).toHaveLength(1);
    tick();
    const second = await mailedCode(email, 1);
    const old = await server.gql(undefined, SIGN_IN, { email, code: first });
    if (first !== second) expect(old.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await server.gql(undefined, SIGN_IN, { email, code: second })).data?.signIn).toEqual(expect.any(String));
  });

  it('signs in in a chosen role the account has, and refuses one it lacks', async () => {
    const email = address('staff');
    await createAccount(server.platform.store, clock, { email, name: '刘调解', role: 'INTAKE_OFFICER' });
    await createAccount(server.platform.store, clock, { email, name: '刘调解', role: 'MEDIATOR' });
    const code = await mailedCode(email);
    const lacking = await server.gql(undefined, SIGN_IN, { email, code, role: 'COURT' });
    expect(lacking.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const asMediator = await server.gql(undefined, SIGN_IN, { email, code, role: 'MEDIATOR' });
    expect((await server.gql(asMediator.data.signIn, ME)).data.me).toMatchObject({ roles: ['INTAKE_OFFICER', 'MEDIATOR'], role: 'MEDIATOR' });
  });

  it('registerConsumer names each bad field', async () => {
    const result = await server.gql(undefined, REGISTER, { input: { email: 'not-an-address', name: '王', phone: '1391234' } });
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const issues = result.errors![0]!.extensions!.issues as Array<{ path: string; message: string }>;
    expect(issues.map((i) => i.path).sort()).toEqual(['input.email', 'input.name', 'input.phone']);
  });

  it('registers a consumer, who then signs in with the mailed code', async () => {
    const email = address('new');
    const registered = await server.gql(undefined, REGISTER, { input: { email, name: ' 陈静 ', phone: '+86 139 1234 5678' } });
    expect(registered).toEqual({ data: { registerConsumer: true } });
    const token = (await server.gql(undefined, SIGN_IN, { email, code: codeOf(await smtp.next(email)) })).data.signIn;
    expect((await server.gql(token, ME)).data.me).toMatchObject({ email, name: '陈静', roles: ['CONSUMER'] });
    expect((await findAccountByEmail(server.platform.store, email))?.phone).toBe('13912345678');
  });

  it('registering an address that has an account answers the same, changes nothing and mails a sign-in code', async () => {
    const email = address('staff');
    await createAccount(server.platform.store, clock, { email, name: '周医生', role: 'RESPONDENT' });
    const before = await findAccountByEmail(server.platform.store, email);
    expect(await server.gql(undefined, REGISTER, { input: { email, name: '冒名者', phone: '13800000000' } })).toEqual({
      data: { registerConsumer: true },
    });
    expect(await findAccountByEmail(server.platform.store, email)).toEqual(before);
    const token = (await server.gql(undefined, SIGN_IN, { email, code: codeOf(await smtp.next(email)) })).data.signIn;
    expect((await server.gql(token, ME)).data.me).toMatchObject({ name: '周医生', roles: ['RESPONDENT'] });
  });

  it('keeps no code in plain text in the event store', async () => {
    const codes = smtp.received.map(codeOf);
    expect(codes.length).toBeGreaterThan(5);
    const files = readdirSync(server.dataDir).filter((f) => f.startsWith('events.sqlite'));
    const bytes = files.map((f) => readFileSync(join(server.dataDir, f)).toString('latin1')).join('\n');
    expect(bytes).toContain('LoginCodeIssued');
    // A code standing alone (hex digests and UUIDs contain digit runs, never a lone six-digit token).
    for (const code of codes) expect(bytes).not.toMatch(new RegExp(`(?<![0-9A-Za-z])${code}(?![0-9A-Za-z])`));
  });
});

describe('sign-in limits per client address', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(() => server?.close());

  it('refuses sign-in attempts past 30 a minute with RATE_LIMITED', async () => {
    const email = address('target');
    const codes = await Promise.all(Array.from({ length: 31 }, () => server.gql(undefined, SIGN_IN, { email, code: '123456' })));
    const errorCodes = codes.map((r) => r.errors?.[0]?.extensions?.code);
    expect(errorCodes.filter((c) => c === 'UNAUTHENTICATED')).toHaveLength(30);
    expect(errorCodes.filter((c) => c === 'RATE_LIMITED')).toHaveLength(1);
  });
});

/** The app as in production, but logging everything (trace) into a string. */
async function startLoggedServer(smtpUrl: string) {
  const dataDir = tempDir();
  const log = { text: '' };
  const stream = new Writable({
    write(chunk, _encoding, done) {
      log.text += String(chunk);
      done();
    },
  });
  const config = loadConfig({ DATA_DIR: dataDir, NODE_ENV: 'test', SMTP_URL: smtpUrl });
  const platform = await openPlatform(config);
  const app = await buildApp(platform, { logger: { level: 'trace', stream } });
  await platform.runner.start();
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  return {
    url,
    platform,
    log,
    async close() {
      await app.close();
      await platform.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

describe('what the logs say', () => {
  it('a whole sign-in logs neither the code nor the address', async () => {
    const smtp = await startMailCatcher();
    const server = await startLoggedServer(smtp.url);
    try {
      const email = address('private');
      await createAccount(server.platform.store, server.platform.config.clock, { email, name: '郑红', role: 'CONSUMER' });
      await graphql(server.url, undefined, REQUEST, { email });
      const code = codeOf(await smtp.next(email));
      await graphql(server.url, undefined, SIGN_IN, { email, code: code === '000000' ? '000001' : '000000' });
      expect((await graphql(server.url, undefined, SIGN_IN, { email, code })).data?.signIn).toEqual(expect.any(String));
      expect(server.log.text).toContain('"reqId"'); // the log was written
      expect(server.log.text).not.toContain(email.split('@')[0]);
      expect(server.log.text).not.toMatch(new RegExp(`(?<![0-9A-Za-z])${code}(?![0-9A-Za-z])`));
    } finally {
      await server.close();
      await smtp.close();
    }
  });

  it('answers true when mail cannot be sent, and logs that without the address', async () => {
    const smtp = await startMailCatcher();
    await smtp.close(); // nothing listens on its port now
    const server = await startLoggedServer(smtp.url);
    try {
      const email = address('unlucky');
      await createAccount(server.platform.store, server.platform.config.clock, { email, name: '吴敏', role: 'CONSUMER' });
      expect(await graphql(server.url, undefined, REQUEST, { email })).toEqual({ data: { requestLoginCode: true } });
      await server.platform.auth.close(); // waits for the failed delivery
      expect(server.log.text).toContain('sign-in code mail not sent');
      expect(server.log.text).not.toContain(email.split('@')[0]);
    } finally {
      await server.close();
    }
  });
});
