import { describe, expect, it } from 'vitest';
import type { DisputeEvent } from '../../../src/dispute/events.ts';
import type { PublishedTypicalCase } from '../../../src/typicalcases/events.ts';
import { by, given, people, stateOf } from '../../support/decider.ts';
import { refund, settled, takeDownReview, withLawyer } from '../performance/scenarios.ts';

const CLOSED_AT = '2026-05-10T10:00:00+08:00';

/** Settled, both obligations performed and confirmed: CLOSED(FULFILLED) on 2026-05-10. */
function closed() {
  return [
    ...settled(),
    by(people.respondent, '2026-05-06T10:00:00+08:00', { type: 'PerformanceRecorded', data: { obligationId: refund.id } }),
    by(people.consumer, '2026-05-07T10:00:00+08:00', { type: 'PerformanceConfirmed', data: { obligationId: refund.id } }),
    by(people.consumer, '2026-05-08T10:00:00+08:00', { type: 'PerformanceRecorded', data: { obligationId: takeDownReview.id } }),
    by(people.respondent, CLOSED_AT, { type: 'PerformanceConfirmed', data: { obligationId: takeDownReview.id } }),
    by(people.respondent, CLOSED_AT, { type: 'DisputeClosed', data: { outcome: 'FULFILLED' } }),
  ];
}

const TITLE = '玻尿酸注射致血管栓塞退费案';
const SUMMARY = '消费者张三（电话13912341111）于2026年3月5日在美丽医疗美容诊所注射玻尿酸，支付12800元后出现血管栓塞。经调解，诊所退还12,800元。';
const PUBLISHED_SUMMARY = '消费者某某（电话［电话已隐去］）于2026年3月在某医疗美容机构注射玻尿酸，支付12800元后出现血管栓塞。经调解，诊所退还12,800元。';

const at = (day: string) => `2026-05-${day}T10:00:00+08:00`;
const propose = { type: 'proposeTypicalCase', data: { title: TITLE, summary: SUMMARY } } as const;
const answer = (consent: boolean) => ({ type: 'answerTypicalCaseConsent', data: { consent } }) as const;
const publish = { type: 'publishTypicalCase', data: {} } as const;
const withdraw = (reason?: string) => ({ type: 'withdrawTypicalCase', data: reason ? { reason } : {} }) as const;

const proposed = (id = 'tc-1', summary = SUMMARY) => [
  ...closed(),
  by(people.mediator, at('11'), { type: 'TypicalCaseProposed', data: { typicalCaseId: id, title: TITLE, summary } }),
];
const answered = (history: ReturnType<typeof closed>, side: 'CLAIMANT' | 'RESPONDENT', consent: boolean, id = 'tc-1') => [
  ...history,
  by(side === 'CLAIMANT' ? people.consumer : people.respondent, at('12'), { type: 'TypicalCaseConsentAnswered', data: { typicalCaseId: id, side, consent } }),
];
const bothConsented = () => answered(answered(proposed(), 'CLAIMANT', true), 'RESPONDENT', true);

/** What the published event fixes for SUMMARY on this case. */
const PUBLISHED: PublishedTypicalCase = {
  title: TITLE,
  summary: PUBLISHED_SUMMARY,
  procedure: '玻尿酸注射',
  categories: ['MEDICAL_INJURY'],
  mediationProcedure: 'MEDICAL_DISPUTE_MEDIATION',
  outcome: 'FULFILLED',
  filedMonth: '2026-03',
  closedMonth: '2026-05',
  amountPaidFen: 1_280_000,
  amountClaimedFen: 1_280_000,
  amountAgreedFen: 1_280_000,
};

const published = () => [
  ...bothConsented(),
  by(people.officer, at('13'), { type: 'TypicalCasePublished', data: { typicalCaseId: 'tc-1', published: PUBLISHED } }),
];

const withEvents = (history: ReturnType<typeof closed>, actor: (typeof people)[keyof typeof people], day: string, events: DisputeEvent[]) => [
  ...history,
  ...events.map((e) => by(actor, at(day), e)),
];

describe('proposeTypicalCase', () => {
  it("the closed case's mediator proposes it with a title and summary", () => {
    given(closed()).when(people.mediator, at('11'), propose).then([
      { type: 'TypicalCaseProposed', data: { typicalCaseId: 'id-1', title: TITLE, summary: SUMMARY } },
    ]);
    expect(stateOf(proposed()).typicalCase).toMatchObject({ id: 'tc-1', title: TITLE, consents: {}, proposedBy: people.mediator.userId });
    expect(stateOf(proposed()).status).toBe('CLOSED');
  });

  it('is refused to the parties and staff, NOT_FOUND for strangers, and before the case is closed', () => {
    for (const who of [people.consumer, people.respondent, people.officer]) given(closed()).when(who, at('11'), propose).thenFails('FORBIDDEN');
    for (const who of [people.otherMediator, people.otherConsumer, people.admin]) given(closed()).when(who, at('11'), propose).thenFails('NOT_FOUND');
    given(settled()).when(people.mediator, at('11'), propose).thenFails('INVALID_TRANSITION', { status: 'SETTLED' });
  });

  it('a new proposal replaces the last and voids its consents: the parties consent to the text that is published', () => {
    const events = given(bothConsented()).when(people.mediator, at('14'), { ...propose, data: { title: TITLE, summary: '改写后的摘要' } }).thenEvents();
    const state = stateOf(withEvents(bothConsented(), people.mediator, '14', events));
    expect(state.typicalCase).toMatchObject({ id: 'id-1', summary: '改写后的摘要', consents: {} });
    given(withEvents(bothConsented(), people.mediator, '14', events)).when(people.officer, at('15'), publish).thenFails('INVALID_TRANSITION', {
      missingConsent: ['CLAIMANT', 'RESPONDENT'],
    });
  });

  it('is refused while the case is published; possible again once withdrawn', () => {
    given(published()).when(people.mediator, at('14'), propose).thenFails('INVALID_TRANSITION', { typicalCaseStatus: 'PUBLISHED' });
    const down = [...published(), by(people.officer, at('14'), { type: 'TypicalCaseWithdrawn', data: { typicalCaseId: 'tc-1' } })];
    given(down).when(people.mediator, at('15'), propose).then([{ type: 'TypicalCaseProposed', data: { typicalCaseId: 'id-1', title: TITLE, summary: SUMMARY } }]);
  });
});

describe('answerTypicalCaseConsent (MDR Art. 42: both parties)', () => {
  it('records the consumer and the institution each on their side', () => {
    given(proposed()).when(people.consumer, at('12'), answer(true)).then([
      { type: 'TypicalCaseConsentAnswered', data: { typicalCaseId: 'tc-1', side: 'CLAIMANT', consent: true } },
    ]);
    given(proposed()).when(people.respondent, at('12'), answer(false)).then([
      { type: 'TypicalCaseConsentAnswered', data: { typicalCaseId: 'tc-1', side: 'RESPONDENT', consent: false } },
    ]);
    expect(stateOf(bothConsented()).typicalCase?.consents).toEqual({
      CLAIMANT: { consent: true, at: '2026-05-12T02:00:00.000Z', by: people.consumer.userId },
      RESPONDENT: { consent: true, at: '2026-05-12T02:00:00.000Z', by: people.respondent.userId },
    });
  });

  it('a party may change its answer before publication; the same answer again appends nothing', () => {
    const declined = answered(proposed(), 'CLAIMANT', false);
    given(declined).when(people.consumer, at('13'), answer(true)).then([
      { type: 'TypicalCaseConsentAnswered', data: { typicalCaseId: 'tc-1', side: 'CLAIMANT', consent: true } },
    ]);
    given(declined).when(people.consumer, at('13'), answer(false)).then([]);
  });

  it("the consumer's lawyer answers only with a power of attorney: consent is hers to give", () => {
    const lawyer = [...proposed(), ...withLawyer()];
    given(lawyer).when(people.lawyer, at('12'), answer(true)).thenFails('FORBIDDEN');
    const authorised = [...lawyer, by(people.consumer, at('12'), { type: 'PowerOfAttorneyRecorded', data: { lawyerId: people.lawyer.userId } })];
    given(authorised).when(people.lawyer, at('13'), answer(true)).then([
      { type: 'TypicalCaseConsentAnswered', data: { typicalCaseId: 'tc-1', side: 'CLAIMANT', consent: true } },
    ]);
  });

  it('is refused to the neutrals and staff, and when nothing was proposed', () => {
    for (const who of [people.mediator, people.officer]) given(proposed()).when(who, at('12'), answer(true)).thenFails('FORBIDDEN');
    given(proposed()).when(people.otherRespondent, at('12'), answer(true)).thenFails('NOT_FOUND');
    given(closed()).when(people.consumer, at('12'), answer(true)).thenFails('INVALID_TRANSITION', { status: 'CLOSED' });
  });

  it('revoking consent after publication withdraws the case at once', () => {
    given(published()).when(people.respondent, at('20'), answer(false)).then([
      { type: 'TypicalCaseConsentAnswered', data: { typicalCaseId: 'tc-1', side: 'RESPONDENT', consent: false } },
      { type: 'TypicalCaseWithdrawn', data: { typicalCaseId: 'tc-1', consentRevoked: 'RESPONDENT' } },
    ]);
    given(published()).when(people.consumer, at('20'), answer(true)).thenFails('INVALID_TRANSITION', { typicalCaseStatus: 'PUBLISHED' });
  });
});

describe('publishTypicalCase', () => {
  it('an intake officer publishes once both consented; the event fixes the de-identified text and the facts', () => {
    given(bothConsented()).when(people.officer, at('13'), publish).then([
      { type: 'TypicalCasePublished', data: { typicalCaseId: 'tc-1', published: PUBLISHED } },
    ]);
  });

  it('a party who declined, or has not answered, blocks publication, and nothing is appended', () => {
    given(answered(answered(proposed(), 'CLAIMANT', true), 'RESPONDENT', false)).when(people.officer, at('13'), publish).thenFails('INVALID_TRANSITION', {
      missingConsent: ['RESPONDENT'],
    });
    given(answered(proposed(), 'RESPONDENT', true)).when(people.officer, at('13'), publish).thenFails('INVALID_TRANSITION', { missingConsent: ['CLAIMANT'] });
  });

  it('consents given to an earlier proposal do not count', () => {
    const again = [...bothConsented(), by(people.mediator, at('14'), { type: 'TypicalCaseProposed', data: { typicalCaseId: 'tc-2', title: TITLE, summary: SUMMARY } })];
    const late = [...again, by(people.consumer, at('15'), { type: 'TypicalCaseConsentAnswered', data: { typicalCaseId: 'tc-1', side: 'CLAIMANT', consent: true } })];
    given(late).when(people.officer, at('16'), publish).thenFails('INVALID_TRANSITION', { missingConsent: ['CLAIMANT', 'RESPONDENT'] });
  });

  it('only an intake officer publishes (ADMIN sees no case content); not twice', () => {
    for (const who of [people.mediator, people.consumer, people.respondent]) given(bothConsented()).when(who, at('13'), publish).thenFails('FORBIDDEN');
    given(bothConsented()).when(people.admin, at('13'), publish).thenFails('NOT_FOUND');
    given(published()).when(people.officer, at('14'), publish).thenFails('INVALID_TRANSITION', { typicalCaseStatus: 'PUBLISHED' });
    given(closed()).when(people.officer, at('13'), publish).thenFails('INVALID_TRANSITION');
  });

  it('publishes no evidence: not even an evidence file named in the summary', () => {
    const withFile = [
      ...closed(),
      by(people.consumer, at('10'), {
        type: 'EvidenceSubmitted',
        data: { evidenceId: 'ev-1', kind: 'PHOTO', description: '术后照片', fileName: 'IMG_20260305_张三.jpg', mediaType: 'image/jpeg', size: 10, sha256: 'c'.repeat(64) },
      }),
    ];
    const history = answered(
      answered([...withFile, by(people.mediator, at('11'), { type: 'TypicalCaseProposed', data: { typicalCaseId: 'tc-1', title: TITLE, summary: '见照片 IMG_20260305_张三.jpg。' } })], 'CLAIMANT', true),
      'RESPONDENT',
      true,
    );
    const [event] = given(history).when(people.officer, at('13'), publish).thenEvents();
    expect(JSON.stringify(event)).not.toContain('IMG_20260305');
    expect(JSON.stringify(event)).not.toContain('c'.repeat(64));
    expect((event as Extract<DisputeEvent, { type: 'TypicalCasePublished' }>).data.published.summary).toBe('见照片 ［材料已隐去］。');
  });
});

describe('withdrawTypicalCase', () => {
  it('an intake officer takes a published case down, with a reason', () => {
    given(published()).when(people.officer, at('20'), withdraw('发现可识别信息')).then([
      { type: 'TypicalCaseWithdrawn', data: { typicalCaseId: 'tc-1', reason: '发现可识别信息' } },
    ]);
    const down = [...published(), by(people.officer, at('20'), { type: 'TypicalCaseWithdrawn', data: { typicalCaseId: 'tc-1' } })];
    expect(stateOf(down).typicalCase?.withdrawn).toEqual({ at: '2026-05-20T02:00:00.000Z', by: people.officer.userId });
    given(down).when(people.officer, at('21'), withdraw()).thenFails('INVALID_TRANSITION', { typicalCaseStatus: 'WITHDRAWN' });
    given(down).when(people.consumer, at('21'), answer(true)).thenFails('INVALID_TRANSITION', { typicalCaseStatus: 'WITHDRAWN' });
  });

  it('is refused for a case not published, and to anyone but intake', () => {
    given(bothConsented()).when(people.officer, at('20'), withdraw()).thenFails('INVALID_TRANSITION', { typicalCaseStatus: 'PROPOSED' });
    for (const who of [people.mediator, people.consumer, people.respondent]) given(published()).when(who, at('20'), withdraw()).thenFails('FORBIDDEN');
  });
});
