import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { relationOf } from '../../../src/dispute/access.ts';
import { openDeadlines } from '../../../src/dispute/deadlines.ts';
import type { DisputeCommand } from '../../../src/dispute/dispute.ts';
import type { StoredDisputeEvent } from '../../../src/dispute/events.ts';
import { RULES } from '../../../src/rules/parameters.ts';
import { by, given, people, stateOf } from '../../support/decider.ts';
import { at, dueOn, mediationFailed, settled, step } from '../settlement/scenario.ts';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const COMMISSION = '深圳国际仲裁院';
const signArb = (commission = COMMISSION): DisputeCommand => ({ type: 'signArbitrationAgreement', data: { commission } });
const appoint = (viewer: { userId: string; name: string }): DisputeCommand => ({ type: 'appointArbitrator', data: { arbitratorId: viewer.userId, name: viewer.name } });
const award = (obligations = dueOn('2026-03-31')): DisputeCommand => ({
  type: 'renderAward',
  data: { award: '裁决被申请人向申请人退款并书面赔礼道歉。', obligations },
});
const receipt = (receivedOn: string): DisputeCommand => ({ type: 'recordAwardReceipt', data: { receivedOn } });

/** The respondent declined mediation on Monday 2026-01-12. */
const failed = mediationFailed('2026-01-12');
const claimantSigned = step(failed, people.consumer, at('2026-01-13'), signArb());
const commenced = step(claimantSigned, people.respondent, at('2026-01-13', '11:00'), signArb());
const appointed = step(commenced, people.officer, at('2026-01-14'), appoint(people.arbitrator));
/** Award rendered Friday 2026-02-20. */
const awarded = step(appointed, people.arbitrator, at('2026-02-20'), award());

const AGREEMENT_TEXT = [
  '仲裁协议书',
  '案号：2026-YM-000001',
  '投诉人：张三',
  '被投诉方：美丽医疗美容诊所（统一社会信用代码：91440300MA5F0JXC83）',
  '',
  '双方当事人就下列争议，于纠纷发生后（投诉人已于2026年1月12日向本平台投诉）自愿订立本仲裁协议：',
  '一、请求仲裁的意思表示：双方同意将下列争议提交深圳国际仲裁院仲裁。仲裁裁决是终局的，对双方均有约束力。',
  '二、仲裁事项：投诉人于2025年12月20日接受“玻尿酸注射”所引起的医疗美容消费纠纷（医疗损害）；投诉人的请求：退款人民币12,800.00元。',
  '三、选定的仲裁委员会：深圳国际仲裁院。',
  '',
  '本协议自双方当事人签署之日起生效（《中华人民共和国仲裁法》第十六条）。',
].join('\n');

describe('signArbitrationAgreement', () => {
  it('the platform writes the submission agreement (AL Art. 16) and each party signs its hash', () => {
    given(failed)
      .when(people.consumer, at('2026-01-13'), signArb())
      .then([{ type: 'ArbitrationAgreementSigned', data: { side: 'CLAIMANT', commission: COMMISSION, text: AGREEMENT_TEXT, textHash: sha256(AGREEMENT_TEXT) } }]);
  });

  it('the second party naming the same commission commences arbitration', () => {
    given(claimantSigned)
      .when(people.respondent, at('2026-01-13', '11:00'), signArb())
      .then([
        { type: 'ArbitrationAgreementSigned', data: { side: 'RESPONDENT', commission: COMMISSION, text: AGREEMENT_TEXT, textHash: sha256(AGREEMENT_TEXT) } },
        { type: 'ArbitrationCommenced', data: { commission: COMMISSION, agreementText: AGREEMENT_TEXT, agreementHash: sha256(AGREEMENT_TEXT) } },
      ]);
    const state = stateOf(commenced);
    expect(state.status).toBe('IN_ARBITRATION');
    expect(state.arbitration).toMatchObject({ commission: COMMISSION, agreementHash: sha256(AGREEMENT_TEXT), commencedAt: new Date(at('2026-01-13', '11:00')).toISOString() });
    expect(state.arbitration!.signatures.map((s) => [s.side, s.userId])).toEqual([
      ['CLAIMANT', people.consumer.userId],
      ['RESPONDENT', people.respondent.userId],
    ]);
  });

  it('different commissions agree on nothing until one side signs again naming the other\'s', () => {
    const split = step(claimantSigned, people.respondent, at('2026-01-13'), signArb('广州仲裁委员会'));
    expect(stateOf(split).status).toBe('MEDIATION_FAILED');
    const events = given(split).when(people.consumer, at('2026-01-14'), signArb('广州仲裁委员会')).thenEvents();
    expect(events.map((e) => e.type)).toEqual(['ArbitrationAgreementSigned', 'ArbitrationCommenced']);
    expect(events[1]!.data).toMatchObject({ commission: '广州仲裁委员会' });
    // The same side signing again is not a second party.
    expect(given(claimantSigned).when(people.consumer, at('2026-01-14'), signArb()).thenEvents().map((e) => e.type)).toEqual(['ArbitrationAgreementSigned']);
  });

  it('is open after a refused confirmation too', () => {
    let history = settled('2026-08-24', at('2026-09-04'), at('2026-09-05'), dueOn('2026-10-30'));
    for (const party of [people.consumer, people.respondent]) history = step(history, party, at('2026-09-07'), { type: 'applyForConfirmation', data: { court: people.court.court } });
    history = step(history, people.court, at('2026-09-08'), { type: 'ruleOnConfirmation', data: { confirmed: false, grounds: ['VIOLATES_MANDATORY_LAW'] } });
    history = step(history, people.consumer, at('2026-09-09'), signArb());
    history = step(history, people.respondent, at('2026-09-09'), signArb());
    expect(stateOf(history).status).toBe('IN_ARBITRATION');
  });

  it('the legal-aid lawyer signs only with a power of attorney', () => {
    const aid: StoredDisputeEvent[] = [
      by(people.consumer, at('2026-01-12', '11:00'), { type: 'LegalAidApplied', data: { circumstances: '无收入', urgent: false } }),
      by(people.coordinator, at('2026-01-12', '12:00'), { type: 'LegalAidDecided', data: { granted: true, reason: '经济困难' } }),
      by(people.coordinator, at('2026-01-12', '13:00'), { type: 'LegalAidLawyerAssigned', data: { lawyerId: people.lawyer.userId, name: people.lawyer.name } }),
    ];
    given([...failed, ...aid]).when(people.lawyer, at('2026-01-13'), signArb()).thenFails('FORBIDDEN');
    const poa = by(people.consumer, at('2026-01-12', '14:00'), { type: 'PowerOfAttorneyRecorded', data: { lawyerId: people.lawyer.userId } });
    expect(given([...failed, ...aid, poa]).when(people.lawyer, at('2026-01-13'), signArb()).thenEvents()[0]).toMatchObject({ data: { side: 'CLAIMANT' } });
  });

  it('is for the parties, after mediation failed or confirmation was refused', () => {
    given(failed).when(people.officer, at('2026-01-13'), signArb()).thenFails('FORBIDDEN');
    given(failed).when(people.otherConsumer, at('2026-01-13'), signArb()).thenFails('NOT_FOUND');
    given(commenced).when(people.consumer, at('2026-01-14'), signArb()).thenFails('INVALID_TRANSITION', { status: 'IN_ARBITRATION' });
    const binding = settled('2026-08-24', at('2026-09-04'), at('2026-09-05'), dueOn('2026-10-30'));
    given(binding).when(people.consumer, at('2026-09-07'), signArb()).thenFails('INVALID_TRANSITION', { status: 'SETTLED' });
  });
});

describe('appointArbitrator', () => {
  it('the intake officer appoints; from then on that arbitrator, and no other, sees the dispute', () => {
    given(commenced).when(people.officer, at('2026-01-14'), appoint(people.arbitrator)).then([
      { type: 'ArbitratorAppointed', data: { arbitratorId: people.arbitrator.userId, name: people.arbitrator.name } },
    ]);
    expect(relationOf(stateOf(commenced), people.arbitrator)).toBeUndefined();
    expect(relationOf(stateOf(appointed), people.arbitrator)).toBe('ARBITRATOR');
    expect(stateOf(appointed).arbitration!.arbitrators).toEqual([{ id: people.arbitrator.userId, name: people.arbitrator.name, appointedAt: new Date(at('2026-01-14')).toISOString() }]);
  });

  it('a sole arbitrator or three (AL Art. 30), each once, never the dispute\'s mediator', () => {
    given(appointed).when(people.officer, at('2026-01-15'), appoint(people.arbitrator)).thenFails('BAD_USER_INPUT', { issues: [{ path: 'arbitratorId', message: expect.any(String) }] });
    let three = appointed;
    for (const n of [2, 3]) three = step(three, people.officer, at('2026-01-15'), appoint({ userId: `u-arb-${n}`, name: `仲裁员${n}` }));
    expect(stateOf(three).arbitration!.arbitrators).toHaveLength(3);
    given(three).when(people.officer, at('2026-01-15'), appoint({ userId: 'u-arb-4', name: '仲裁员4' })).thenFails('BAD_USER_INPUT', { issues: [{ path: 'arbitratorId', message: expect.any(String) }] });

    const mediated = [
      ...failed.slice(0, 2),
      by(people.officer, at('2026-01-12', '09:15'), { type: 'MediatorAssigned', data: { mediatorId: people.mediator.userId, name: people.mediator.name } }),
      ...failed.slice(2),
    ];
    let history = step(mediated, people.consumer, at('2026-01-13'), signArb());
    history = step(history, people.respondent, at('2026-01-13'), signArb());
    given(history).when(people.officer, at('2026-01-14'), appoint({ userId: people.mediator.userId, name: people.mediator.name })).thenFails('BAD_USER_INPUT');
  });

  it('is for the intake officer, in arbitration', () => {
    given(commenced).when(people.consumer, at('2026-01-14'), appoint(people.arbitrator)).thenFails('FORBIDDEN');
    given(commenced).when(people.arbitrator, at('2026-01-14'), appoint(people.arbitrator)).thenFails('NOT_FOUND');
    given(failed).when(people.officer, at('2026-01-14'), appoint(people.arbitrator)).thenFails('INVALID_TRANSITION', { status: 'MEDIATION_FAILED' });
  });
});

describe('scheduleHearing', () => {
  const hearing = (data: Partial<Extract<DisputeCommand, { type: 'scheduleHearing' }>['data']>): DisputeCommand => ({
    type: 'scheduleHearing',
    data: { startsAt: '2026-02-05T01:30:00.000Z', mode: 'ONLINE', link: 'https://meeting.example.cn/h/1', ...data },
  });

  it('an appointed arbitrator schedules an online hearing with its link, or in person with a place', () => {
    given(appointed).when(people.arbitrator, at('2026-01-15'), hearing({})).then([
      { type: 'HearingScheduled', data: { hearingId: 'id-1', startsAt: '2026-02-05T01:30:00.000Z', mode: 'ONLINE', link: 'https://meeting.example.cn/h/1' } },
    ]);
    const inPerson = hearing({ mode: 'IN_PERSON', link: undefined, place: '深圳国际仲裁院第三庭' });
    given(appointed).when(people.arbitrator, at('2026-01-15'), inPerson).then([
      { type: 'HearingScheduled', data: { hearingId: 'id-1', startsAt: '2026-02-05T01:30:00.000Z', mode: 'IN_PERSON', place: '深圳国际仲裁院第三庭' } },
    ]);
    const state = stateOf(step(appointed, people.arbitrator, at('2026-01-15'), inPerson));
    expect(state.arbitration!.hearings).toEqual([{ id: 'id-1', startsAt: '2026-02-05T01:30:00.000Z', mode: 'IN_PERSON', place: '深圳国际仲裁院第三庭' }]);
  });

  it('needs a future time, and the link or the place its mode calls for', () => {
    given(appointed).when(people.arbitrator, '2026-02-05T09:30:00+08:00', hearing({})).thenFails('BAD_USER_INPUT', { issues: [{ path: 'startsAt', message: expect.any(String) }] });
    given(appointed).when(people.arbitrator, at('2026-01-15'), hearing({ link: undefined })).thenFails('BAD_USER_INPUT', { issues: [{ path: 'link', message: expect.any(String) }] });
    given(appointed).when(people.arbitrator, at('2026-01-15'), hearing({ mode: 'IN_PERSON' })).thenFails('BAD_USER_INPUT', { issues: [{ path: 'place', message: expect.any(String) }] });
  });

  it('is for an appointed arbitrator, in arbitration', () => {
    given(appointed).when(people.officer, at('2026-01-15'), hearing({})).thenFails('FORBIDDEN');
    given(commenced).when(people.arbitrator, at('2026-01-15'), hearing({})).thenFails('NOT_FOUND');
    given(awarded).when(people.arbitrator, at('2026-02-21'), hearing({ startsAt: '2026-03-05T01:30:00.000Z' })).thenFails('INVALID_TRANSITION', { status: 'AWARDED' });
  });
});

describe('renderAward', () => {
  it('the award is final on rendering: AWARDED, its obligations in force', () => {
    const events = given(appointed).when(people.arbitrator, at('2026-02-20'), award()).thenEvents();
    expect(events).toEqual([
      {
        type: 'AwardRendered',
        data: {
          text: '裁决被申请人向申请人退款并书面赔礼道歉。',
          obligations: [
            { id: 'id-1', debtor: 'RESPONDENT', kind: 'REFUND', amountFen: 1_280_050, dueDate: '2026-03-31', status: 'PENDING' },
            { id: 'id-2', debtor: 'RESPONDENT', kind: 'APOLOGY', description: '书面赔礼道歉', dueDate: '2026-03-31', status: 'PENDING' },
          ],
        },
      },
    ]);
    const state = stateOf(awarded);
    expect(state.status).toBe('AWARDED');
    expect(state.arbitration!.award).toMatchObject({ text: '裁决被申请人向申请人退款并书面赔礼道歉。', decidedAt: new Date(at('2026-02-20')).toISOString() });
    expect(state.obligations.map((o) => o.id)).toEqual(['id-1', 'id-2']);
    // No receipt recorded yet: no set-aside window.
    expect(openDeadlines(state, RULES).map((d) => d.kind)).toEqual(['OBLIGATION_DUE', 'OBLIGATION_DUE']);
  });

  it('its obligations follow the same rules as an agreement\'s', () => {
    given(appointed)
      .when(people.arbitrator, at('2026-02-20'), award([{ debtor: 'RESPONDENT', kind: 'REFUND', dueDate: '2026-02-19' }]))
      .thenFails('BAD_USER_INPUT', {
        issues: [
          { path: 'obligations.0.amountFen', message: expect.any(String) },
          { path: 'obligations.0.dueDate', message: expect.any(String) },
        ],
      });
  });

  it('is for an appointed arbitrator, once', () => {
    given(appointed).when(people.officer, at('2026-02-20'), award()).thenFails('FORBIDDEN');
    given(appointed).when(people.consumer, at('2026-02-20'), award()).thenFails('FORBIDDEN');
    given(commenced).when(people.arbitrator, at('2026-02-20'), award()).thenFails('NOT_FOUND');
    given(awarded).when(people.arbitrator, at('2026-02-21'), award()).thenFails('INVALID_TRANSITION', { status: 'AWARDED' });
  });
});

describe('recordAwardReceipt', () => {
  const setAside = (history: StoredDisputeEvent[]) => openDeadlines(stateOf(history), RULES).find((d) => d.kind === 'AWARD_SET_ASIDE');

  it('received 2026-02-27, under the 2017 law: 6 months, to 2026-08-27', () => {
    given(awarded).when(people.consumer, at('2026-03-03'), receipt('2026-02-27')).then([{ type: 'AwardReceiptRecorded', data: { receivedOn: '2026-02-27', side: 'CLAIMANT' } }]);
    expect(setAside(step(awarded, people.consumer, at('2026-03-03'), receipt('2026-02-27')))).toEqual({
      kind: 'AWARD_SET_ASIDE',
      dueAt: '2026-08-27T16:00:00.000Z',
      lastDay: '2026-08-27',
      provisional: false,
      source: 'AL (2017) Art. 59',
    });
  });

  it('received 2026-03-02, under the revised law: 3 months, to 2026-06-02', () => {
    expect(setAside(step(awarded, people.respondent, at('2026-03-03'), receipt('2026-03-02')))).toMatchObject({
      lastDay: '2026-06-02',
      source: 'AL (2025) Art. 72',
    });
  });

  it('the change falls between 2026-02-28 (6 months: 8/28) and 2026-03-01 (3 months: 6/1)', () => {
    expect(setAside(step(awarded, people.consumer, at('2026-03-03'), receipt('2026-02-28')))).toMatchObject({ lastDay: '2026-08-28' });
    expect(setAside(step(awarded, people.consumer, at('2026-03-03'), receipt('2026-03-01')))).toMatchObject({ lastDay: '2026-06-01' });
  });

  it('when both parties record, the window shown runs from the earlier receipt', () => {
    let history = step(awarded, people.respondent, at('2026-03-03'), receipt('2026-03-02'));
    history = step(history, people.consumer, at('2026-03-04'), receipt('2026-03-04'));
    expect(stateOf(history).arbitration!.award!.receivedOn).toBe('2026-03-02');
    expect(setAside(history)).toMatchObject({ lastDay: '2026-06-02' });
  });

  it('the date is not in the future (Shanghai) and not before the award', () => {
    given(awarded).when(people.consumer, '2026-03-03T00:30:00+08:00', receipt('2026-03-03')).then([{ type: 'AwardReceiptRecorded', data: { receivedOn: '2026-03-03', side: 'CLAIMANT' } }]);
    given(awarded).when(people.consumer, '2026-03-03T23:59:00+08:00', receipt('2026-03-04')).thenFails('BAD_USER_INPUT', { issues: [{ path: 'receivedOn', message: expect.any(String) }] });
    given(awarded).when(people.consumer, at('2026-03-03'), receipt('2026-02-19')).thenFails('BAD_USER_INPUT', { issues: [{ path: 'receivedOn', message: expect.any(String) }] });
  });

  it('is for the parties, once the award exists', () => {
    given(awarded).when(people.arbitrator, at('2026-03-03'), receipt('2026-03-02')).thenFails('FORBIDDEN');
    given(awarded).when(people.officer, at('2026-03-03'), receipt('2026-03-02')).thenFails('FORBIDDEN');
    given(appointed).when(people.consumer, at('2026-02-19'), receipt('2026-02-19')).thenFails('INVALID_TRANSITION', { status: 'IN_ARBITRATION' });
  });
});
