import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { backoffMs, DEFAULT_RETRY, mailDomain, messageIdFor, openMailOutbox, scrubError, type NewMail } from '../../../src/mail/outbox.ts';
import { tempDir } from '../../support/server.ts';

const mail = (key: string): NewMail => ({
  key,
  disputeId: 'd-1',
  caseNumber: '2026-YM-000001',
  kind: 'FILING_RECEIVED',
  recipientId: 'consumer',
  recipientRole: 'CLAIMANT',
  email: 'consumer@test.cn',
  subject: 's',
  text: 't',
});

describe('the mail outbox', () => {
  const dirs: string[] = [];
  const open = (dir = tempDir()) => {
    dirs.push(dir);
    return { dir, outbox: openMailOutbox(join(dir, 'mail.sqlite'), { domain: 'example.cn' }) };
  };
  afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('keeps one message per key and moves the checkpoint with it, across reopening', () => {
    const { dir, outbox } = open();
    const now = new Date('2026-03-02T02:00:00Z');
    expect(outbox.checkpoint()).toBe(0n);
    expect(outbox.enqueue([mail('event/e1/consumer'), mail('event/e1/consumer'), mail('event/e2/consumer')], now, 7n)).toBe(2);
    outbox.close();
    const again = open(dir).outbox;
    expect(again.checkpoint()).toBe(7n);
    expect(again.enqueue([mail('event/e2/consumer'), mail('event/e3/consumer')], now, 9n)).toBe(1);
    expect(again.checkpoint()).toBe(9n);
    expect(again.all().map((m) => [m.key, m.messageId])).toEqual(
      ['event/e1/consumer', 'event/e2/consumer', 'event/e3/consumer'].map((k) => [k, messageIdFor(k, 'example.cn')]),
    );
    again.close();
  });

  it('enqueues nothing, checkpoint included, when the transaction fails', () => {
    const { outbox } = open();
    expect(() => outbox.enqueue([mail('a'), { ...mail('b'), email: null as never }], new Date(), 5n)).toThrow();
    expect(outbox.all()).toEqual([]);
    expect(outbox.checkpoint()).toBe(0n);
    outbox.close();
  });

  it('backs off exponentially up to a cap, then marks FAILED and retries rarely', () => {
    const { outbox } = open();
    const policy = { baseMs: 1000, capMs: 5000, maxAttempts: 4, failedRetryMs: 3_600_000 };
    expect([1, 2, 3, 4, 5].map((n) => backoffMs(n, policy))).toEqual([1000, 2000, 4000, 5000, 5000]);
    outbox.enqueue([mail('k')], new Date(0));
    const t = 1_000_000;
    const results = [];
    for (let i = 0; i < 4; i++) {
      const [due] = outbox.due(Number.MAX_SAFE_INTEGER);
      results.push(outbox.markFailed(due!, 'ECONNREFUSED', t, policy));
    }
    expect(results).toEqual([
      { status: 'PENDING', attempts: 1, nextAttemptAt: t + 1000 },
      { status: 'PENDING', attempts: 2, nextAttemptAt: t + 2000 },
      { status: 'PENDING', attempts: 3, nextAttemptAt: t + 4000 },
      { status: 'FAILED', attempts: 4, nextAttemptAt: t + 3_600_000 },
    ]);
    expect(outbox.due(t + 3_599_999)).toEqual([]);
    expect(outbox.nextAttemptAt()).toBe(t + 3_600_000);
    expect(outbox.failures()).toEqual([expect.objectContaining({ key: 'k', status: 'FAILED', attempts: 4, lastError: 'ECONNREFUSED' })]);

    const [due] = outbox.due(t + 3_600_000);
    outbox.markSent(due!.id, new Date());
    expect(outbox.failures()).toEqual([]);
    expect(outbox.nextAttemptAt()).toBeUndefined();
    expect(DEFAULT_RETRY.capMs).toBeLessThanOrEqual(DEFAULT_RETRY.failedRetryMs);
    outbox.close();
  });

  it('fails at once on a permanent error', () => {
    const { outbox } = open();
    outbox.enqueue([mail('k')], new Date(0));
    const [due] = outbox.due(Date.now());
    expect(outbox.markFailed(due!, '550', 0, DEFAULT_RETRY, true)).toEqual({ status: 'FAILED', attempts: 1, nextAttemptAt: DEFAULT_RETRY.failedRetryMs });
    outbox.close();
  });

  it('keeps addresses out of errors; derives Message-IDs from the key and the sender domain', () => {
    const error = Object.assign(new Error('Message failed: 550 5.1.1 <zhang.san@qq.com>: Recipient address rejected'), { code: 'EENVELOPE', responseCode: 550 });
    expect(scrubError(error)).toBe('EENVELOPE: Message failed: 550 5.1.1 <<address>>: Recipient address rejected');
    expect(mailDomain('医美纠纷调解平台 <noreply@yimei-mediation.local>')).toBe('yimei-mediation.local');
    expect(mailDomain('noreply@tiaojie.cn')).toBe('tiaojie.cn');
    expect(messageIdFor('event/e1/u1', 'x.cn')).toBe(messageIdFor('event/e1/u1', 'x.cn'));
    expect(messageIdFor('event/e1/u1', 'x.cn')).not.toBe(messageIdFor('event/e1/u2', 'x.cn'));
    expect(messageIdFor('event/e1/u1', 'x.cn')).toMatch(/^<[0-9a-f]{40}@x\.cn>$/);
  });
});
