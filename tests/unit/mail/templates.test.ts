import { describe, expect, it } from 'vitest';
import type { Relation } from '../../../src/dispute/access.ts';
import type { Notice, NoticeKind } from '../../../src/mail/notices.ts';
import { beijingTime, renderNotice, yuan } from '../../../src/mail/templates.ts';

const REF = { disputeId: 'd-1', caseNumber: '2026-YM-000042' };
const URL = 'https://tiaojie.example.cn/';
const obligation = { kind: 'REFUND', amountFen: 1_280_000, dueDate: '2026-05-08' } as const;

/** Every template, with the recipients it is written for: a missing kind does not compile. */
const SAMPLES: Record<NoticeKind, Array<[Notice, Relation[]]>> = {
  FILING_RECEIVED: [[{ kind: 'FILING_RECEIVED' }, ['CLAIMANT']]],
  INFORMATION_REQUESTED: [[{ kind: 'INFORMATION_REQUESTED' }, ['CLAIMANT', 'CLAIMANT_LAWYER']]],
  DISPUTE_ACCEPTED: [[{ kind: 'DISPUTE_ACCEPTED' }, ['CLAIMANT']]],
  DISPUTE_REJECTED: [[{ kind: 'DISPUTE_REJECTED', reason: 'TIME_BARRED' }, ['CLAIMANT']]],
  MEDIATION_INVITATION: [[{ kind: 'MEDIATION_INVITATION', institution: '美丽医疗美容诊所', answerBy: '2026-03-09' }, ['RESPONDENT']]],
  RESPONDENT_AGREED: [[{ kind: 'RESPONDENT_AGREED' }, ['CLAIMANT']]],
  MEDIATION_ENDED: [
    [{ kind: 'MEDIATION_ENDED', reason: 'DEADLINE_PASSED' }, ['CLAIMANT', 'RESPONDENT', 'MEDIATOR']],
    [{ kind: 'MEDIATION_ENDED', reason: 'NO_ANSWER' }, ['CLAIMANT']],
  ],
  MEDIATOR_ASSIGNED: [[{ kind: 'MEDIATOR_ASSIGNED', mediatorName: '王调解' }, ['MEDIATOR', 'CLAIMANT', 'RESPONDENT']]],
  SESSION_SCHEDULED: [
    [{ kind: 'SESSION_SCHEDULED', startsAt: '2026-03-10T06:30:00.000Z', mode: 'ONLINE', link: 'https://meet.example.cn/r/abc' }, ['CLAIMANT', 'RESPONDENT', 'MEDIATOR']],
    [{ kind: 'SESSION_SCHEDULED', startsAt: '2026-03-10T06:30:00.000Z', mode: 'IN_PERSON', place: '调解中心 3 号室' }, ['CLAIMANT']],
  ],
  HEARING_SCHEDULED: [[{ kind: 'HEARING_SCHEDULED', startsAt: '2026-06-01T01:00:00.000Z', mode: 'ONLINE', link: 'https://court.example.cn/h/1' }, ['CLAIMANT', 'ARBITRATOR']]],
  OFFER_RECEIVED: [
    [{ kind: 'OFFER_RECEIVED' }, ['CLAIMANT']],
    [{ kind: 'OFFER_RECEIVED', expiresAt: '2026-03-12T09:59:00.000Z' }, ['RESPONDENT']],
  ],
  AGREEMENT_READY: [[{ kind: 'AGREEMENT_READY' }, ['CLAIMANT', 'RESPONDENT']]],
  SETTLEMENT_IN_EFFECT: [[{ kind: 'SETTLEMENT_IN_EFFECT', effectiveOn: '2026-04-01', applyBy: '2026-05-06' }, ['CLAIMANT', 'MEDIATOR']]],
  CONFIRMATION_REQUESTED: [[{ kind: 'CONFIRMATION_REQUESTED' }, ['COURT']]],
  COURT_RULING: [
    [{ kind: 'COURT_RULING', confirmed: true, rulingNumber: '(2026)粤0304民特123号' }, ['CLAIMANT', 'RESPONDENT', 'MEDIATOR']],
    [{ kind: 'COURT_RULING', confirmed: false }, ['CLAIMANT']],
  ],
  ARBITRATOR_APPOINTED: [[{ kind: 'ARBITRATOR_APPOINTED' }, ['ARBITRATOR']]],
  AWARD_RENDERED: [[{ kind: 'AWARD_RENDERED' }, ['CLAIMANT', 'RESPONDENT']]],
  OBLIGATION_OVERDUE: [[{ kind: 'OBLIGATION_OVERDUE', debtor: 'RESPONDENT', obligation }, ['RESPONDENT', 'CLAIMANT', 'CLAIMANT_LAWYER']]],
  LEGAL_AID_APPLIED: [
    [{ kind: 'LEGAL_AID_APPLIED', urgent: false }, ['LEGAL_AID_COORDINATOR']],
    [{ kind: 'LEGAL_AID_APPLIED', urgent: true }, ['LEGAL_AID_COORDINATOR']],
  ],
  LEGAL_AID_DECIDED: [
    [{ kind: 'LEGAL_AID_DECIDED', granted: true }, ['CLAIMANT']],
    [{ kind: 'LEGAL_AID_DECIDED', granted: false }, ['CLAIMANT']],
  ],
  LEGAL_AID_LAWYER_ASSIGNED: [[{ kind: 'LEGAL_AID_LAWYER_ASSIGNED', lawyerName: '李律师' }, ['CLAIMANT_LAWYER', 'CLAIMANT']]],
  TYPICAL_CASE_PROPOSED: [[{ kind: 'TYPICAL_CASE_PROPOSED' }, ['CLAIMANT', 'CLAIMANT_LAWYER', 'RESPONDENT']]],
  TYPICAL_CASE_PUBLISHED: [[{ kind: 'TYPICAL_CASE_PUBLISHED' }, ['CLAIMANT', 'RESPONDENT', 'MEDIATOR']]],
  CONFIRMATION_WINDOW_CLOSING: [[{ kind: 'CONFIRMATION_WINDOW_CLOSING', lastDay: '2026-05-06' }, ['CLAIMANT', 'RESPONDENT']]],
  OBLIGATION_DUE: [[{ kind: 'OBLIGATION_DUE', obligation: { kind: 'CORRECTIVE_TREATMENT', dueDate: '2026-05-08' } }, ['RESPONDENT']]],
  DEADLINE_REMINDER: [
    [{ kind: 'DEADLINE_REMINDER', deadline: 'RESPONDENT_ANSWER', lastDay: '2026-03-09' }, ['RESPONDENT']],
    [{ kind: 'DEADLINE_REMINDER', deadline: 'JC_DECISION', lastDay: '2026-05-20' }, ['COURT']],
    [{ kind: 'DEADLINE_REMINDER', deadline: 'INTAKE_ACCEPTANCE', lastDay: '2026-03-05' }, ['INTAKE']],
  ],
};

const cases = Object.values(SAMPLES).flatMap((samples) =>
  samples.flatMap(([notice, recipients]) => recipients.map((recipient) => ({ notice, recipient }))),
);
const CJK = /[\u4e00-\u9fff]/;

describe('mail templates', () => {
  it.each(cases)('$notice.kind to $recipient: Chinese, then English, with the case number and the link', ({ notice, recipient }) => {
    const mail = renderNotice(notice, REF, recipient, URL);
    const [zh, en] = mail.text.split('\n——\n');
    expect(zh).toMatch(CJK);
    expect(zh).toContain(REF.caseNumber);
    expect(en).toBeDefined();
    expect(en).toMatch(/^\s*Hello,/);
    expect(en).toContain(REF.caseNumber);
    // The English part is English: no Chinese except names and places given to it.
    const given = Object.values(notice).filter((v): v is string => typeof v === 'string');
    expect(given.reduce((text, value) => text.split(value).join(''), en!)).not.toMatch(CJK);
    expect(mail.text).toContain('https://tiaojie.example.cn/disputes/d-1');
    expect(mail.subject).toMatch(/^【医美纠纷调解】.+（案件 2026-YM-000042）\/ [A-Z].+ \(case 2026-YM-000042\)$/);
    expect(mail.html.indexOf('lang="zh-CN"')).toBeLessThan(mail.html.indexOf('lang="en"'));
    expect(mail.html).toContain(REF.caseNumber);
    // No phone or ID number, nor anything shaped like one.
    expect(mail.text + mail.subject).not.toMatch(/1[3-9]\d{9}|\d{17}[\dXx]/);
  });

  it('shows times and deadlines in Beijing time, money in yuan from integer fen', () => {
    expect(beijingTime('2026-03-10T06:30:00.000Z')).toBe('2026-03-10 14:30');
    expect(yuan(1_280_000)).toBe('12,800.00');
    expect(yuan(5)).toBe('0.05');
    const session = renderNotice(SAMPLES.SESSION_SCHEDULED[0]![0], REF, 'CLAIMANT', URL).text;
    expect(session).toContain('2026-03-10 14:30（北京时间）在线进行，会议链接：https://meet.example.cn/r/abc');
    expect(session).toContain('2026-03-10 14:30 Beijing time, online, at https://meet.example.cn/r/abc');
    const invitation = renderNotice(SAMPLES.MEDIATION_INVITATION[0]![0], REF, 'RESPONDENT', URL).text;
    expect(invitation).toContain('2026-03-09 24:00（北京时间）');
    expect(invitation).toContain('24:00 Beijing time on 2026-03-09');
  });

  it('addresses the debtor and the creditor of an overdue obligation differently', () => {
    const [notice] = SAMPLES.OBLIGATION_OVERDUE[0]!;
    const debtor = renderNotice(notice, REF, 'RESPONDENT', URL).text;
    const creditor = renderNotice(notice, REF, 'CLAIMANT_LAWYER', URL).text;
    expect(debtor).toContain('您方应于 2026-05-08 前履行的义务（退款 12,800.00 元）已逾期');
    expect(creditor).toContain('对方应于 2026-05-08 前履行的义务');
    expect(creditor).toContain('apply for enforcement');
  });

  it('tells the mediator of their assignment, and the parties who the mediator is', () => {
    const [notice] = SAMPLES.MEDIATOR_ASSIGNED[0]!;
    expect(renderNotice(notice, REF, 'MEDIATOR', URL).text).toContain('disclose any conflict of interest');
    expect(renderNotice(notice, REF, 'CLAIMANT', URL).text).toContain('已指派调解员：王调解');
  });

  it('escapes HTML', () => {
    const mail = renderNotice({ kind: 'MEDIATOR_ASSIGNED', mediatorName: '<script>x</script>' }, REF, 'CLAIMANT', URL);
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('&#60;script&#62;');
  });
});
