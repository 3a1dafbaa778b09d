/**
 * A dispute from acceptance to a court's confirmation, with the mail each step sends: to whom,
 * and what never goes out (offers to the court, caucus messages to anyone).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyJointly, confirm, drafted, inMediation, ok, signedByAll, startWithCast, type Cast } from '../support/cases.ts';
import type { TestServer, TestUser } from '../support/server.ts';
import { startSmtpServer, type ReceivedMail, type TestSmtpServer } from '../support/smtp.ts';

const CAUCUS = '私下说：诊所最多愿意退一半';

describe('mail along a dispute', () => {
  let smtp: TestSmtpServer;
  let server: TestServer;
  let c: Cast;
  let colleague: TestUser;
  let otherCourt: TestUser;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    ({ server, cast: c } = await startWithCast({ env: { SMTP_URL: smtp.url }, mail: true }));
    colleague = await server.user('RESPONDENT', { institutionId: c.institution.id });
    otherCourt = await server.user('COURT', { court: '深圳市南山区人民法院' });
  });
  afterAll(async () => {
    await server?.close();
    await smtp?.close();
  });

  /** Runs `act`, then returns the mail it caused, by recipient's address. */
  async function mailOf(act: () => Promise<unknown>, expected: number): Promise<Map<string, ReceivedMail[]>> {
    const before = smtp.received.length;
    await act();
    await smtp.waitFor(before + expected);
    await new Promise((r) => setTimeout(r, 300));
    const fresh = smtp.received.slice(before);
    expect(fresh).toHaveLength(expected);
    const byRecipient = new Map<string, ReceivedMail[]>();
    for (const m of fresh) byRecipient.set(m.to[0]!, [...(byRecipient.get(m.to[0]!) ?? []), m]);
    return byRecipient;
  }
  const notices = (mail: Map<string, ReceivedMail[]>, user: TestUser) => (mail.get(user.email) ?? []).map((m) => m.notice).sort();

  it('tells the right people at each step, and no more than they may know', async () => {
    let id = '';
    const start = smtp.received.length;
    // Filing (receipt), acceptance (consumer + two staff), consent (consumer), mediator assigned (mediator, consumer, two staff).
    await mailOf(async () => (id = await inMediation(server, c)), 1 + 3 + 1 + 4);
    const opening = smtp.received.slice(start);
    expect(opening.filter((m) => m.to[0] === c.mediator.email).map((m) => m.notice)).toEqual(['MEDIATOR_ASSIGNED']);
    expect(opening.find((m) => m.to[0] === c.mediator.email)!.text).toContain('disclose any conflict of interest');
    expect(opening.find((m) => m.to[0] === c.consumer.email && m.notice === 'MEDIATOR_ASSIGNED')!.text).toContain('王调解');
    expect(opening.filter((m) => m.to[0] === c.consumer.email).map((m) => m.notice)).toEqual(['FILING_RECEIVED', 'DISPUTE_ACCEPTED', 'RESPONDENT_AGREED', 'MEDIATOR_ASSIGNED']);

    const link = 'https://meet.example.cn/room/42';
    const session = await mailOf(() => ok(server, c.mediator, id, 'scheduleSession', { startsAt: '2026-12-01T06:30:00Z', mode: 'ONLINE', link }), 3);
    for (const party of [c.consumer, c.clinic, colleague]) {
      const [mail] = session.get(party.email)!;
      expect(mail!.notice).toBe('SESSION_SCHEDULED');
      expect(mail!.text).toContain(`2026-12-01 14:30（北京时间）在线进行，会议链接：${link}`);
    }
    expect(session.has(c.mediator.email)).toBe(false);

    // A caucus message mails nobody; an offer goes to the other side only.
    const offer = await mailOf(async () => {
      await ok(server, c.mediator, id, 'postMessage', { body: CAUCUS, caucusWith: c.consumer.id });
      await ok(server, c.clinic, id, 'proposeSettlement', { items: [{ kind: 'REFUND', amountFen: 640_000 }] });
    }, 1);
    expect(notices(offer, c.consumer)).toEqual(['OFFER_RECEIVED']);
    expect(offer.get(c.consumer.email)![0]!.text).not.toMatch(/6,?400|640000/);

    let agreementHash = '';
    const draft = await mailOf(async () => (agreementHash = await drafted(server, c, id, [{ debtor: 'RESPONDENT', kind: 'REFUND', amountFen: 640_000, dueDate: '2026-12-31' }])), 3);
    for (const user of [c.consumer, c.clinic, colleague]) expect(notices(draft, user)).toEqual(['AGREEMENT_READY']);
    const signing = await mailOf(() => signedByAll(server, c, id, agreementHash), 3);
    for (const user of [c.consumer, c.clinic, colleague]) expect(notices(signing, user)).toEqual(['SETTLEMENT_IN_EFFECT']);
    // The mediator's was the last signature: they need no mail about it.
    expect(signing.has(c.mediator.email)).toBe(false);
    expect(signing.get(c.consumer.email)![0]!.text).toMatch(/共同向人民法院申请司法确认[\s\S]*judicial confirmation by 20\d\d-\d\d-\d\d/);

    const applied = await mailOf(() => applyJointly(server, c, id), 1);
    expect(notices(applied, c.court)).toEqual(['CONFIRMATION_REQUESTED']);

    const ruled = await mailOf(() => confirm(server, c, id), 4);
    for (const user of [c.consumer, c.clinic, colleague, c.mediator]) {
      expect(notices(ruled, user)).toEqual(['COURT_RULING']);
      expect(ruled.get(user.email)![0]!.text).toContain('(2026)粤0304民特88号');
    }

    const all = smtp.received.slice(start);
    // The court heard of the application only; another court nothing; nobody of the caucus; the officer of nothing they did.
    expect(all.filter((m) => m.to[0] === c.court.email).map((m) => m.notice)).toEqual(['CONFIRMATION_REQUESTED']);
    expect(all.filter((m) => m.to[0] === otherCourt.email)).toEqual([]);
    expect(all.filter((m) => m.to[0] === c.officer.email)).toEqual([]);
    for (const m of all) {
      expect(m.text).not.toContain(CAUCUS);
      expect(m.text).not.toContain('13912341111');
    }
    expect(new Set(all.map((m) => m.messageId)).size).toBe(all.length);
  });
});
