import { describe, expect, it } from 'vitest';
import { loginCodeMail } from '../../../src/auth/codeMail.ts';
import { registerConsumerInput } from '../../../src/auth/inputs.ts';
import { windowLimiter } from '../../../src/auth/limiter.ts';
import {
  CODE_VALID_MS,
  decideAttempt,
  foldLogin,
  issueCode,
  liveCode,
  MAX_FAILED_ATTEMPTS,
  mayIssue,
  type LoginEvent,
  type StoredLoginEvent,
} from '../../../src/auth/loginCodes.ts';
import { loginKeys, newLoginCode } from '../../../src/auth/secrets.ts';
import { manualClock } from '../../../src/shared/clock.ts';

const T0 = new Date('2027-03-01T08:00:00Z');
const at = (ms: number) => new Date(T0.getTime() + ms);
let seq = 0;
const stored = (event: LoginEvent, when: Date, id = `e${++seq}`): StoredLoginEvent => ({ ...event, id, metadata: { occurredAt: when.toISOString() } });
const issued = (when: Date, id: string) => stored(issueCode(`hmac-${id}`, when), when, id);
const failed = (codeId: string, when = T0) => stored({ type: 'LoginAttemptFailed', data: { codeId } }, when);
const used = (codeId: string, when = T0) => stored({ type: 'LoginCodeUsed', data: { codeId } }, when);
const yes = () => true;
const no = () => false;

describe('login code decisions', () => {
  it('a code is live for ten minutes, then dead', () => {
    const state = foldLogin([issued(T0, 'c1')]);
    expect(state.current?.expiresAt).toBe(at(CODE_VALID_MS).toISOString());
    expect(liveCode(state, at(CODE_VALID_MS - 1))?.id).toBe('c1');
    expect(liveCode(state, at(CODE_VALID_MS))).toBeUndefined();
    expect(decideAttempt(state, at(CODE_VALID_MS), yes)).toBeUndefined();
  });

  it('the right code is used once; the next attempt finds nothing to use', () => {
    const state = foldLogin([issued(T0, 'c1')]);
    expect(decideAttempt(state, T0, yes)).toEqual({ type: 'LoginCodeUsed', data: { codeId: 'c1' } });
    expect(decideAttempt(foldLogin([issued(T0, 'c1'), used('c1')]), T0, yes)).toBeUndefined();
  });

  it('a wrong code counts against the live code; after five the code is dead even for the right one', () => {
    const events = [issued(T0, 'c1')];
    for (let i = 0; i < MAX_FAILED_ATTEMPTS; i++) {
      expect(decideAttempt(foldLogin(events), T0, no)).toEqual({ type: 'LoginAttemptFailed', data: { codeId: 'c1' } });
      events.push(failed('c1'));
    }
    expect(decideAttempt(foldLogin(events), T0, yes)).toBeUndefined();
  });

  it('a new code supersedes the earlier ones, with a fresh count of attempts', () => {
    const state = foldLogin([issued(T0, 'c1'), failed('c1'), failed('c1'), issued(at(60_000), 'c2'), failed('c1')]);
    expect(state.current).toMatchObject({ id: 'c2', failedAttempts: 0, used: false });
    expect(decideAttempt(state, at(60_000), (code) => code.id === 'c1')).toEqual({ type: 'LoginAttemptFailed', data: { codeId: 'c2' } });
  });

  it('matches is asked about the live code only', () => {
    const asked: string[] = [];
    decideAttempt(foldLogin([issued(T0, 'c1'), issued(T0, 'c2')]), T0, (code) => (asked.push(code.id), false));
    expect(asked).toEqual(['c2']);
  });

  it('throttles an address to one code a minute and five an hour', () => {
    expect(mayIssue(foldLogin([]), T0)).toBe(true);
    const one = foldLogin([issued(T0, 'c1')]);
    expect(mayIssue(one, at(59_999))).toBe(false);
    expect(mayIssue(one, at(60_000))).toBe(true);
    const five = foldLogin([0, 1, 2, 3, 4].map((m) => issued(at(m * 60_000), `h${m}`)));
    expect(mayIssue(five, at(5 * 60_000))).toBe(false);
    // The oldest leaves the hour at 60 minutes.
    expect(mayIssue(five, at(60 * 60_000 - 1))).toBe(false);
    expect(mayIssue(five, at(60 * 60_000))).toBe(true);
  });
});

describe('login code secrets', () => {
  it('codes are six digits, leading zeros kept, and vary', () => {
    const codes = Array.from({ length: 200 }, newLoginCode);
    for (const code of codes) expect(code).toMatch(/^\d{6}$/);
    expect(new Set(codes).size).toBeGreaterThan(190);
  });

  it('an HMAC matches its own code and event only, and depends on the secret', () => {
    const keys = loginKeys('s'.repeat(32));
    const stored = keys.codeHmac('c1', '012345');
    expect(stored).not.toContain('012345');
    expect(keys.matches('c1', stored, '012345')).toBe(true);
    expect(keys.matches('c1', stored, '012346')).toBe(false);
    expect(keys.matches('c2', stored, '012345')).toBe(false);
    expect(keys.matches('c1', 'not-hex', '012345')).toBe(false);
    expect(loginKeys('t'.repeat(32)).codeHmac('c1', '012345')).not.toBe(stored);
  });

  it('the address digest is stable, keyed, and does not contain the address', () => {
    const keys = loginKeys('s'.repeat(32));
    const digest = keys.addressDigest('wang@example.cn');
    expect(digest).toMatch(/^[0-9a-f]{32}$/);
    expect(keys.addressDigest('wang@example.cn')).toBe(digest);
    expect(loginKeys('t'.repeat(32)).addressDigest('wang@example.cn')).not.toBe(digest);
  });
});

describe('per-client limiter', () => {
  it('allows the limit within a window, refuses beyond it, and starts again with the next window', () => {
    const clock = manualClock(T0);
    const limiter = windowLimiter({ limit: 3, windowMs: 60_000 }, clock);
    expect([1, 2, 3].map(() => limiter('1.2.3.4').allowed)).toEqual([true, true, true]);
    clock.advance(20_000);
    expect(limiter('1.2.3.4')).toEqual({ allowed: false, retryAfterMs: 40_000 });
    expect(limiter('5.6.7.8').allowed).toBe(true);
    clock.advance(40_000);
    expect(limiter('1.2.3.4').allowed).toBe(true);
  });
});

describe('registerConsumer input', () => {
  it('normalises the address and the phone', () => {
    expect(registerConsumerInput.parse({ email: ' Li.Na@Example.CN ', name: ' 李娜 ', phone: '+86 139-1234-5678' })).toEqual({
      email: 'li.na@example.cn',
      name: '李娜',
      phone: '13912345678',
    });
  });

  it('names each bad field', () => {
    const result = registerConsumerInput.safeParse({ email: 'no-at-sign', name: '李', phone: '12345678901' });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join('.')).sort()).toEqual(['email', 'name', 'phone']);
    expect(registerConsumerInput.safeParse({ email: 'a@b.cn', name: '李'.repeat(51), phone: '13912345678' }).success).toBe(false);
  });
});

describe('the code e-mail', () => {
  it('gives the code and its validity, Chinese first, and keeps the code out of the subject', () => {
    const mail = loginCodeMail('li@example.cn', '042917');
    expect(mail.to).toBe('li@example.cn');
    expect(mail.subject).not.toContain('042917');
    expect(mail.subject.indexOf('验证码')).toBeLessThan(mail.subject.indexOf('code'));
    expect(mail.text).toContain('042917');
    expect(mail.text.indexOf('10 分钟')).toBeGreaterThanOrEqual(0);
    expect(mail.text.indexOf('10 分钟')).toBeLessThan(mail.text.indexOf('10 minutes'));
  });
});
