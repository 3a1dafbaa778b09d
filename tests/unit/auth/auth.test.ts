import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAccount, findAccountByEmail } from '../../../src/accounts/accounts.ts';
import { tokenVerifier } from '../../../src/accounts/tokens.ts';
import { createAuth, IP_LIMITS, type Auth, type Caller } from '../../../src/auth/auth.ts';
import { LOGIN_STREAM_PREFIX, MAX_FAILED_ATTEMPTS } from '../../../src/auth/loginCodes.ts';
import type { EventStore } from '../../../src/eventstore/port.ts';
import { openSqliteEventStore } from '../../../src/eventstore/sqlite.ts';
import type { OutgoingMail } from '../../../src/mail/transport.ts';
import { manualClock } from '../../../src/shared/clock.ts';
import { DomainError } from '../../../src/shared/errors.ts';

const SECRET = 'unit-test-secret-unit-test-secret-0123';
const EMAIL = 'zhao.lei@example.cn';

describe('sign-in service', () => {
  let dir: string;
  let store: EventStore;
  let clock: ReturnType<typeof manualClock>;
  let sent: OutgoingMail[];
  let failMail: boolean;
  let warnings: Array<{ obj: object; msg: string }>;
  let auth: Auth;
  let caller: Caller;

  const open = (limits = IP_LIMITS) =>
    createAuth({
      store,
      clock,
      secret: SECRET,
      limits,
      mail: {
        async send(mail) {
          if (failMail) throw Object.assign(new Error(`550 mailbox unavailable: <${mail.to}>`), { code: 'EENVELOPE', responseCode: 550 });
          sent.push(mail);
        },
        close() {},
      },
    });

  // The fake transport settles at once; the service does not await it.
  const delivered = () => new Promise((resolve) => setImmediate(resolve));
  const codeIn = (mail: OutgoingMail) => /(\d{6})/.exec(mail.text)![1]!;
  const loginEvents = async () => (await store.readAll({ streamPrefixes: [LOGIN_STREAM_PREFIX] })).map((e) => e.type);
  const refusal = (promise: Promise<unknown>) =>
    promise.then(
      () => 'SIGNED_IN',
      (error: unknown) => (error instanceof DomainError ? error.code : String(error)),
    );

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'auth-unit-'));
    store = openSqliteEventStore({ path: join(dir, 'events.sqlite') });
    clock = manualClock(new Date('2027-03-01T08:00:00Z'));
    sent = [];
    failMail = false;
    warnings = [];
    caller = { ip: '10.0.0.1', correlationId: 'req-1', log: { warn: (obj, msg) => warnings.push({ obj, msg }) } };
    auth = open();
    await createAccount(store, clock, { email: EMAIL, name: '赵磊', role: 'CONSUMER' });
  });
  afterEach(async () => {
    await auth.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('signs in with the mailed code, as the account in its first role', async () => {
    await auth.requestLoginCode(EMAIL, caller);
    await delivered();
    expect(sent.map((m) => m.to)).toEqual([EMAIL]);
    const token = await auth.signIn(EMAIL, codeIn(sent[0]!), undefined, caller);
    const account = await findAccountByEmail(store, EMAIL);
    expect(tokenVerifier(SECRET)(token)).toMatchObject({ sub: account!.id, role: 'CONSUMER' });
    expect(await loginEvents()).toEqual(['LoginCodeIssued', 'LoginCodeUsed']);
  });

  it('does the same work for an unknown address, but mails nothing', async () => {
    expect(await auth.requestLoginCode('nobody@example.cn', caller)).toBe(true);
    await delivered();
    expect(sent).toEqual([]);
    expect(await loginEvents()).toEqual(['LoginCodeIssued']);
  });

  it('counts concurrent wrong guesses one by one: at most five, then the code is dead', async () => {
    await auth.requestLoginCode(EMAIL, caller);
    await delivered();
    const right = codeIn(sent[0]!);
    const wrong = right === '000000' ? '000001' : '000000';
    const outcomes = await Promise.all(Array.from({ length: 12 }, () => refusal(auth.signIn(EMAIL, wrong, undefined, caller))));
    expect(outcomes.every((o) => o === 'UNAUTHENTICATED')).toBe(true);
    expect((await loginEvents()).filter((t) => t === 'LoginAttemptFailed')).toHaveLength(MAX_FAILED_ATTEMPTS);
    expect(await refusal(auth.signIn(EMAIL, right, undefined, caller))).toBe('UNAUTHENTICATED');
  });

  it('lets concurrent sign-ins with the right code use it once', async () => {
    await auth.requestLoginCode(EMAIL, caller);
    await delivered();
    const code = codeIn(sent[0]!);
    const outcomes = await Promise.all(Array.from({ length: 6 }, () => refusal(auth.signIn(EMAIL, code, undefined, caller))));
    expect(outcomes.filter((o) => o === 'SIGNED_IN')).toHaveLength(1);
    expect(outcomes.filter((o) => o === 'UNAUTHENTICATED')).toHaveLength(5);
  });

  it('answers true when the mail cannot be sent, and logs no address', async () => {
    failMail = true;
    expect(await auth.requestLoginCode(EMAIL, caller)).toBe(true);
    await delivered();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.msg).toBe('sign-in code mail not sent');
    expect(JSON.stringify(warnings)).not.toContain(EMAIL);
    expect(warnings[0]!.obj).toEqual({ err: { name: 'Error', code: 'EENVELOPE', responseCode: 550, command: undefined } });
  });

  it('registering an address that has an account changes nothing but sends a code', async () => {
    const before = await findAccountByEmail(store, EMAIL);
    expect(await auth.registerConsumer({ email: EMAIL, name: '冒名者', phone: '13800000000' }, caller)).toBe(true);
    await delivered();
    expect(await findAccountByEmail(store, EMAIL)).toEqual(before);
    expect(sent.map((m) => m.to)).toEqual([EMAIL]);
  });

  it('limits each client address: silently for code requests, RATE_LIMITED for sign-ins and registrations', async () => {
    auth = open({
      requestLoginCode: { limit: 2, windowMs: 60_000 },
      signIn: { limit: 2, windowMs: 60_000 },
      registerConsumer: { limit: 1, windowMs: 60_000 },
    });
    for (const email of ['a@example.cn', 'b@example.cn', EMAIL]) expect(await auth.requestLoginCode(email, caller)).toBe(true);
    await delivered();
    expect(sent).toEqual([]);
    expect(await loginEvents()).toHaveLength(2);

    await refusal(auth.signIn(EMAIL, '123456', undefined, caller));
    await refusal(auth.signIn(EMAIL, '123456', undefined, caller));
    const limited = await auth.signIn(EMAIL, '123456', undefined, caller).catch((e: DomainError) => e);
    expect(limited).toMatchObject({ code: 'RATE_LIMITED', extensions: { retryAfterSeconds: 60 } });
    expect(await refusal(auth.signIn(EMAIL, '123456', undefined, { ...caller, ip: '10.0.0.2' }))).toBe('UNAUTHENTICATED');

    await auth.registerConsumer({ email: 'c@example.cn', name: '钱多', phone: '13900000000' }, caller);
    expect(await refusal(auth.registerConsumer({ email: 'd@example.cn', name: '孙丽', phone: '13900000001' }, caller))).toBe('RATE_LIMITED');
    clock.advance(60_000);
    expect(await auth.registerConsumer({ email: 'd@example.cn', name: '孙丽', phone: '13900000001' }, caller)).toBe(true);
  });
});
