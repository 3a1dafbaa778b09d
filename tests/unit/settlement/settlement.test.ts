import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { openDeadlines } from '../../../src/dispute/deadlines.ts';
import type { StoredDisputeEvent } from '../../../src/dispute/events.ts';
import { RULES } from '../../../src/rules/parameters.ts';
import { by, decideAs, given, people, stateOf } from '../../support/decider.ts';
import { apology, at, draft, inMediation, refund, settled, sign, step, TERMS } from './scenario.ts';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** In mediation from Monday 2026-03-02 (accepted that day: the medical limit's last day is 2026-04-14). */
const mediating = inMediation('2026-03-02');
const drafted = step(mediating, people.mediator, at('2026-03-10'), draft());
const hashOf = (history: StoredDisputeEvent[]) => stateOf(history).agreement!.hash;

const legalAidWithLawyer = (powerOfAttorney: boolean): StoredDisputeEvent[] => [
  by(people.consumer, at('2026-03-03'), { type: 'LegalAidApplied', data: { circumstances: '低保户', urgent: false } }),
  by(people.coordinator, at('2026-03-04'), { type: 'LegalAidDecided', data: { granted: true, reason: '符合经济困难标准' } }),
  by(people.coordinator, at('2026-03-05'), { type: 'LegalAidLawyerAssigned', data: { lawyerId: people.lawyer.userId, name: people.lawyer.name } }),
  ...(powerOfAttorney ? [by(people.consumer, at('2026-03-06'), { type: 'PowerOfAttorneyRecorded', data: { lawyerId: people.lawyer.userId } })] : []),
];

describe('draftAgreement', () => {
  it('renders the terms and obligations as the Chinese text to be signed, with its SHA-256, and obligations pending', () => {
    const [event, ...rest] = given(mediating).when(people.mediator, at('2026-03-10'), draft()).thenEvents();
    expect(rest).toEqual([]);
    const text = [
      '人民调解协议书',
      '案号：2026-YM-000001',
      '投诉人：张三',
      '被投诉方：美丽医疗美容诊所（统一社会信用代码：91440300MA5F0JXC83）',
      '',
      '一、协议内容',
      TERMS,
      '',
      '二、履行事项',
      '1. 义务人：被投诉方美丽医疗美容诊所；履行内容：退款；金额：人民币12,800.50元；履行期限：2026年4月10日前（含当日）',
      '2. 义务人：被投诉方美丽医疗美容诊所；履行内容：赔礼道歉；说明：书面赔礼道歉；履行期限：2026年3月20日前（含当日）',
      '',
      '本协议自双方当事人签名及调解员签名之日起生效。',
    ].join('\n');
    expect(event).toEqual({
      type: 'AgreementDrafted',
      data: {
        agreementId: 'id-1',
        terms: TERMS,
        text,
        hash: sha256(text),
        obligations: [
          { id: 'id-2', ...refund, status: 'PENDING' },
          { id: 'id-3', ...apology, status: 'PENDING' },
        ],
      },
    });
    const state = stateOf(drafted);
    expect(state.status).toBe('AGREEMENT_DRAFTED');
    expect(state.agreement).toMatchObject({ terms: TERMS, signatures: [], draftedAt: new Date(at('2026-03-10')).toISOString() });
    // Obligations come into force only when the agreement binds.
    expect(state.obligations).toEqual([]);
  });

  it('a redraft replaces the agreement and voids every earlier signature', () => {
    let history = step(drafted, people.consumer, at('2026-03-11'), sign(drafted));
    history = step(history, people.respondent, at('2026-03-11'), sign(history));
    const before = stateOf(history).agreement!;
    expect(before.signatures.map((s) => s.role)).toEqual(['CLAIMANT', 'RESPONDENT']);

    const redrafted = step(history, people.mediator, at('2026-03-12'), draft([refund]));
    const after = stateOf(redrafted).agreement!;
    expect(after.signatures).toEqual([]);
    expect(after.hash).not.toBe(before.hash);
    expect(after.text).not.toContain('履行内容：赔礼道歉');
    expect(after.obligations.map((o) => o.kind)).toEqual(['REFUND']);
  });

  it('counts "today" in Asia/Shanghai: just after midnight a due date of the day before is refused', () => {
    // 00:30 on 3/10 in Shanghai is still 3/9 in UTC.
    const now = '2026-03-10T00:30:00+08:00';
    expect(given(mediating).when(people.mediator, now, draft([{ ...refund, dueDate: '2026-03-10' }])).thenEvents()).toHaveLength(1);
    given(mediating)
      .when(people.mediator, now, draft([{ ...refund, dueDate: '2026-03-09' }]))
      .thenFails('BAD_USER_INPUT', { issues: [{ path: 'obligations.0.dueDate', message: expect.any(String) }] });
  });

  it('settles at least one obligation, or it could never be fulfilled and closed', () => {
    given(mediating)
      .when(people.mediator, at('2026-03-10'), draft([]))
      .thenFails('BAD_USER_INPUT', { issues: [{ path: 'obligations', message: expect.any(String) }] });
  });

  it('a refund or compensation needs its amount; an act needs its description', () => {
    given(mediating)
      .when(people.mediator, at('2026-03-10'), {
        type: 'draftAgreement',
        data: {
          terms: TERMS,
          obligations: [
            { debtor: 'RESPONDENT', kind: 'COMPENSATION', dueDate: '2026-04-10' },
            { debtor: 'RESPONDENT', kind: 'CORRECTIVE_TREATMENT', amountFen: 300_000, dueDate: '2026-04-10' },
            { debtor: 'CLAIMANT', kind: 'OTHER', dueDate: '2026-04-10' },
            { debtor: 'RESPONDENT', kind: 'REFUND', amountFen: 0, dueDate: '2026-04-10' },
          ],
        },
      })
      .thenFails('BAD_USER_INPUT', {
        issues: [
          { path: 'obligations.0.amountFen', message: expect.any(String) },
          { path: 'obligations.1.description', message: expect.any(String) },
          { path: 'obligations.2.description', message: expect.any(String) },
          { path: 'obligations.3.amountFen', message: expect.any(String) },
        ],
      });
  });

  it('only the acting mediator drafts', () => {
    for (const viewer of [people.consumer, people.respondent, people.officer]) {
      given(mediating).when(viewer, at('2026-03-10'), draft()).thenFails('FORBIDDEN');
    }
    for (const viewer of [people.otherConsumer, people.otherMediator, people.court, people.arbitrator]) {
      given(mediating).when(viewer, at('2026-03-10'), draft()).thenFails('NOT_FOUND');
    }
    // Assigned but conflicts not yet disclosed (OMR Art. 13).
    given(mediating.slice(0, -1)).when(people.mediator, at('2026-03-10'), draft()).thenFails('FORBIDDEN');
  });

  it('is refused before mediation started and once the agreement binds', () => {
    const notConsented = [...mediating.slice(0, 2), mediating[3]!, mediating[4]!];
    given(notConsented).when(people.mediator, at('2026-03-10'), draft()).thenFails('INVALID_TRANSITION', { status: 'ACCEPTED' });
    const done = settled('2026-03-02', at('2026-03-10'), at('2026-03-11'), [refund]);
    given(done).when(people.mediator, at('2026-03-12'), draft()).thenFails('INVALID_TRANSITION', { status: 'SETTLED' });
  });

  it('is refused once the mediation limit has passed (30 working days from 2026-03-02: through 2026-04-14, Qingming 4/4–6 off)', () => {
    const late = draft([{ ...refund, dueDate: '2026-05-01' }]);
    expect(given(mediating).when(people.mediator, '2026-04-14T23:59:00+08:00', late).thenEvents()).toHaveLength(1);
    given(mediating)
      .when(people.mediator, '2026-04-15T00:00:00+08:00', late)
      .thenFails('DEADLINE_PASSED', { kind: 'MEDIATION_LIMIT_MEDICAL', dueAt: '2026-04-14T16:00:00.000Z' });
  });
});

describe('signAgreement', () => {
  it('records each signature with the hash signed; the last of the three makes it binding', () => {
    const hash = hashOf(drafted);
    given(drafted)
      .when(people.consumer, at('2026-03-11'), sign(drafted))
      .then([{ type: 'AgreementSigned', data: { agreementId: 'id-1', hash, role: 'CLAIMANT' } }]);

    let history = step(drafted, people.consumer, at('2026-03-11'), sign(drafted));
    history = step(history, people.respondent, at('2026-03-12'), sign(history));
    given(history)
      .when(people.mediator, at('2026-03-13', '16:30'), sign(history))
      .then([
        { type: 'AgreementSigned', data: { agreementId: 'id-1', hash, role: 'MEDIATOR' } },
        { type: 'SettlementReached', data: { agreementId: 'id-1', effectiveAt: '2026-03-13T08:30:00.000Z' } },
      ]);
  });

  it('takes effect at the last signature whoever signs last', () => {
    let history = step(drafted, people.mediator, at('2026-03-11'), sign(drafted));
    history = step(history, people.respondent, at('2026-03-11'), sign(history));
    const events = given(history).when(people.consumer, at('2026-03-12'), sign(history)).thenEvents();
    expect(events.map((e) => e.type)).toEqual(['AgreementSigned', 'SettlementReached']);
  });

  it('once SETTLED the agreement\'s obligations are in force and the confirmation window opens', () => {
    const state = stateOf(settled('2026-03-02', at('2026-03-10'), at('2026-03-13'), [refund, apology]));
    expect(state.status).toBe('SETTLED');
    expect(state.agreement!.effectiveAt).toBe(new Date(at('2026-03-13')).toISOString());
    expect(state.agreement!.signatures.map((s) => [s.role, s.userId])).toEqual([
      ['CLAIMANT', people.consumer.userId],
      ['RESPONDENT', people.respondent.userId],
      ['MEDIATOR', people.mediator.userId],
    ]);
    expect(state.obligations).toEqual(state.agreement!.obligations);
    expect(state.obligations.map((o) => o.status)).toEqual(['PENDING', 'PENDING']);
    // 3/13 + 30 days = 4/12, a Sunday: the window runs to Monday 4/13.
    expect(openDeadlines(state, RULES).find((d) => d.kind === 'JC_APPLY_WINDOW')).toMatchObject({ lastDay: '2026-04-13' });
  });

  it('a hash other than the current agreement\'s is a concurrency conflict (the signer read another text)', () => {
    const stale = hashOf(drafted);
    const redrafted = step(drafted, people.mediator, at('2026-03-11'), draft([refund]));
    given(redrafted)
      .when(people.consumer, at('2026-03-12'), { type: 'signAgreement', data: { agreementHash: stale } })
      .thenFails('CONCURRENCY_CONFLICT');
  });

  it('signing twice is refused: the first signature stands', () => {
    const once = step(drafted, people.respondent, at('2026-03-11'), sign(drafted));
    given(once).when(people.respondent, at('2026-03-12'), sign(once)).thenFails('INVALID_TRANSITION', { status: 'AGREEMENT_DRAFTED' });
  });

  it('the legal-aid lawyer signs for the consumer only with a recorded power of attorney', () => {
    const withoutPoa = [...mediating, ...legalAidWithLawyer(false)];
    const draftedA = step(withoutPoa, people.mediator, at('2026-03-10'), draft());
    given(draftedA).when(people.lawyer, at('2026-03-11'), sign(draftedA)).thenFails('FORBIDDEN');

    const withPoa = [...mediating, ...legalAidWithLawyer(true)];
    const draftedB = step(withPoa, people.mediator, at('2026-03-10'), draft());
    given(draftedB)
      .when(people.lawyer, at('2026-03-11'), sign(draftedB))
      .then([{ type: 'AgreementSigned', data: { agreementId: 'id-1', hash: hashOf(draftedB), role: 'CLAIMANT' } }]);
  });

  it('a newly assigned mediator signs only after disclosing conflicts', () => {
    const replaced = [
      ...drafted,
      by(people.officer, at('2026-03-11'), { type: 'MediatorAssigned', data: { mediatorId: people.otherMediator.userId, name: people.otherMediator.name } }),
    ];
    given(replaced).when(people.otherMediator, at('2026-03-12'), sign(replaced)).thenFails('FORBIDDEN');
  });

  it('is refused to others, before a draft, after settlement and past the mediation limit', () => {
    given(drafted).when(people.officer, at('2026-03-11'), sign(drafted)).thenFails('FORBIDDEN');
    given(drafted).when(people.otherRespondent, at('2026-03-11'), sign(drafted)).thenFails('NOT_FOUND');
    given(mediating)
      .when(people.consumer, at('2026-03-11'), { type: 'signAgreement', data: { agreementHash: 'a'.repeat(64) } })
      .thenFails('INVALID_TRANSITION', { status: 'IN_MEDIATION' });
    const done = settled('2026-03-02', at('2026-03-10'), at('2026-03-11'), [refund]);
    given(done).when(people.consumer, at('2026-03-12'), sign(done)).thenFails('INVALID_TRANSITION', { status: 'SETTLED' });
    given(drafted).when(people.consumer, '2026-04-15T00:00:00+08:00', sign(drafted)).thenFails('DEADLINE_PASSED', { kind: 'MEDIATION_LIMIT_MEDICAL' });
  });
});

describe('declineAgreement', () => {
  it('a party declines: back to mediation, signatures void, the draft kept for rework', () => {
    const signedOnce = step(drafted, people.consumer, at('2026-03-11'), sign(drafted));
    given(signedOnce)
      .when(people.respondent, at('2026-03-12'), { type: 'declineAgreement', data: { reason: '金额过高' } })
      .then([{ type: 'AgreementDeclined', data: { agreementId: 'id-1', reason: '金额过高' } }]);
    const declined = step(signedOnce, people.respondent, at('2026-03-12'), { type: 'declineAgreement', data: {} });
    const state = stateOf(declined);
    expect(state.status).toBe('IN_MEDIATION');
    expect(state.agreement!.signatures).toEqual([]);
    expect(state.agreement!.terms).toBe(TERMS);
    // The mediator can redraft from IN_MEDIATION.
    expect(decideAs(people.mediator, at('2026-03-13'), declined, draft([refund])).map((e) => e.type)).toEqual(['AgreementDrafted']);
  });

  it('the legal-aid lawyer may decline for the consumer (declining is not signing)', () => {
    const history = step([...mediating, ...legalAidWithLawyer(false)], people.mediator, at('2026-03-10'), draft());
    expect(decideAs(people.lawyer, at('2026-03-11'), history, { type: 'declineAgreement', data: {} })).toEqual([
      { type: 'AgreementDeclined', data: { agreementId: 'id-1' } },
    ]);
  });

  it('is for the parties, and only while a draft awaits signatures', () => {
    given(drafted).when(people.mediator, at('2026-03-11'), { type: 'declineAgreement', data: {} }).thenFails('FORBIDDEN');
    given(drafted).when(people.otherConsumer, at('2026-03-11'), { type: 'declineAgreement', data: {} }).thenFails('NOT_FOUND');
    given(mediating).when(people.consumer, at('2026-03-11'), { type: 'declineAgreement', data: {} }).thenFails('INVALID_TRANSITION', { status: 'IN_MEDIATION' });
  });
});
