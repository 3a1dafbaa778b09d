import { describe, expect, it } from 'vitest';
import { fileDisputeInput } from '../../../src/intake/commands.ts';
import { badInput } from '../../../src/shared/errors.ts';
import { parseInput } from '../../../src/shared/validation.ts';
import { openDeadlines } from '../../../src/dispute/deadlines.ts';
import { RULES } from '../../../src/rules/parameters.ts';
import { accepted, by, filed, FILING, given, people, stateOf } from '../../support/decider.ts';


describe('fileDispute', () => {
  it('files the complaint for the consumer who files it', () => {
    const [event] = given([]).when(people.consumer, '2026-03-02T10:00:00+08:00', { type: 'fileDispute', data: FILING }).thenEvents();
    expect(event).toMatchObject({
      type: 'DisputeFiled',
      data: { caseNumber: '2026-YM-000001', claimant: { userId: people.consumer.userId, name: '张三' }, limitationWarning: false },
    });
  });

  it('warns, and does not refuse, when the event is older than the 3-year limitation period (CC Art. 188)', () => {
    const [late] = given([]).when(people.consumer, '2026-03-02T10:00:00+08:00', { type: 'fileDispute', data: { ...FILING, occurredOn: '2023-02-27' } }).thenEvents();
    // Three years from 1 March 2023 end on Sunday 1 March 2026, which rolls to Monday 2 March (CC Art. 203).
    const [inTime] = given([]).when(people.consumer, '2026-03-02T10:00:00+08:00', { type: 'fileDispute', data: { ...FILING, occurredOn: '2023-03-01' } }).thenEvents();
    expect(late).toMatchObject({ data: { limitationWarning: true } });
    expect(inTime).toMatchObject({ data: { limitationWarning: false } });
  });

  it('is open to consumers only', () => {
    for (const person of [people.officer, people.respondent, people.mediator, people.admin]) {
      given([]).when(person, '2026-03-02T10:00:00+08:00', { type: 'fileDispute', data: FILING }).thenFails('FORBIDDEN');
    }
  });

  it('cannot file the same dispute twice', () => {
    given([filed()]).when(people.consumer, '2026-03-02T10:00:00+08:00', { type: 'fileDispute', data: FILING }).thenFails('INVALID_TRANSITION');
  });
});

describe('fileDispute input', () => {
  const schema = fileDisputeInput('2026-03-02');
  const valid = {
    respondent: { name: '诊所', code: '91440300MA5F0JXC83' },
    categories: ['MEDICAL_INJURY'],
    procedure: '双眼皮',
    occurredOn: '2026-03-02',
    description: '效果不佳',
    amountPaidFen: 100,
    remedies: [{ kind: 'REFUND' }],
    claimant: { name: '张三', phone: '+86 139-1234-1111', idNumber: '11010519491231002x' },
  };
  const issues = (value: unknown) => {
    try {
      parseInput(schema, value, 'input');
      return [];
    } catch (error) {
      return (error as ReturnType<typeof badInput>).extensions.issues as Array<{ path: string }>;
    }
  };

  it('accepts a valid filing and normalises the phone and ID number', () => {
    const parsed = parseInput(schema, valid);
    expect(parsed.claimant.phone).toBe('13912341111');
    expect(parsed.claimant.idNumber).toBe('11010519491231002X');
  });

  it.each([
    ['input.respondent.code', { respondent: { name: '诊所', code: '91440300MA5F0JXC84' } }],
    ['input.claimant.idNumber', { claimant: { ...valid.claimant, idNumber: '110105194912310021' } }],
    ['input.claimant.phone', { claimant: { ...valid.claimant, phone: '0755-1234567' } }],
    ['input.occurredOn', { occurredOn: '2026-03-03' }],
    ['input.occurredOn', { occurredOn: '2026-02-30' }],
    ['input.amountPaidFen', { amountPaidFen: 12.5 }],
    ['input.categories', { categories: [] }],
    ['input.remedies', { remedies: [] }],
    ['input.description', { description: '   ' }],
  ])('names %s when it is bad', (path, change) => {
    expect(issues({ ...valid, ...change }).map((i) => i.path)).toEqual([path]);
  });

  it('names every bad field at once', () => {
    expect(issues({ ...valid, procedure: '', amountPaidFen: -1, claimant: { name: '', phone: '1' } }).map((i) => i.path).sort()).toEqual(
      ['input.amountPaidFen', 'input.claimant.name', 'input.claimant.phone', 'input.procedure'].sort(),
    );
  });
});

describe('requests for information', () => {
  const request = { type: 'requestInformation', data: { message: '请补充发票' } } as const;

  it('the intake officer asks; the claimant supplements; the acceptance period starts again', () => {
    given([filed()]).when(people.officer, '2026-03-03T09:00:00+08:00', request).then([{ type: 'InformationRequested', data: { message: '请补充发票' } }]);
    const events = [
      filed('2026-03-02T10:00:00+08:00'),
      by(people.officer, '2026-03-03T09:00:00+08:00', { type: 'InformationRequested', data: { message: '请补充发票' } }),
    ];
    given(events)
      .when(people.consumer, '2026-03-06T09:00:00+08:00', { type: 'supplementInformation', data: { text: '发票见附件' } })
      .then([{ type: 'InformationSupplemented', data: { text: '发票见附件' } }]);
    const state = stateOf([...events, by(people.consumer, '2026-03-06T09:00:00+08:00', { type: 'InformationSupplemented', data: { text: '发票见附件' } })]);
    expect(state.status).toBe('SUBMITTED');
    // Supplemented Friday 6 March: three working days are Mon 9, Tue 10, Wed 11 March.
    expect(openDeadlines(state, RULES)).toEqual([expect.objectContaining({ kind: 'INTAKE_ACCEPTANCE', lastDay: '2026-03-11' })]);
  });

  it('only the intake officer asks, only the claimant side supplements, each in its status', () => {
    given([filed()]).when(people.consumer, '2026-03-03T09:00:00+08:00', request).thenFails('FORBIDDEN');
    given([filed()]).when(people.consumer, '2026-03-03T09:00:00+08:00', { type: 'supplementInformation', data: { text: 'x' } }).thenFails('INVALID_TRANSITION', { status: 'SUBMITTED' });
    given([filed(), accepted()]).when(people.officer, '2026-03-04T09:00:00+08:00', request).thenFails('INVALID_TRANSITION', { status: 'ACCEPTED' });
  });
});

describe('acceptance and rejection', () => {
  it('accepts with the procedure that selects the mediation limit', () => {
    given([filed()])
      .when(people.officer, '2026-03-03T09:00:00+08:00', { type: 'acceptDispute', data: { procedure: 'CONSUMER_COMPLAINT_MEDIATION' } })
      .then([{ type: 'DisputeAccepted', data: { procedure: 'CONSUMER_COMPLAINT_MEDIATION' } }]);
  });

  it('rejects with a reason code', () => {
    given([filed()])
      .when(people.officer, '2026-03-03T09:00:00+08:00', { type: 'rejectDispute', data: { reason: 'ALREADY_BEFORE_COURT_OR_ARBITRATION', note: '已起诉' } })
      .then([{ type: 'DisputeRejected', data: { reason: 'ALREADY_BEFORE_COURT_OR_ARBITRATION', note: '已起诉' } }]);
  });

  it('refuses from the wrong status or the wrong person, and hides the dispute from outsiders', () => {
    const accept = { type: 'acceptDispute', data: { procedure: 'MEDICAL_DISPUTE_MEDIATION' } } as const;
    given([filed(), accepted()]).when(people.officer, '2026-03-04T09:00:00+08:00', accept).thenFails('INVALID_TRANSITION', { status: 'ACCEPTED' });
    given([filed()]).when(people.consumer, '2026-03-03T09:00:00+08:00', accept).thenFails('FORBIDDEN');
    given([filed()]).when(people.otherConsumer, '2026-03-03T09:00:00+08:00', accept).thenFails('NOT_FOUND');
    // The clinic does not see a complaint before acceptance: it cannot learn it exists.
    given([filed()]).when(people.respondent, '2026-03-03T09:00:00+08:00', accept).thenFails('NOT_FOUND');
    given([]).when(people.officer, '2026-03-03T09:00:00+08:00', accept).thenFails('NOT_FOUND');
    given([filed(), by(people.officer, '2026-03-03T09:00:00+08:00', { type: 'DisputeRejected', data: { reason: 'NO_DISPUTE', note: '' } })])
      .when(people.officer, '2026-03-04T09:00:00+08:00', accept)
      .thenFails('INVALID_TRANSITION', { status: 'REJECTED' });
  });
});

describe('withdrawal', () => {
  const withdraw = { type: 'withdrawDispute', data: { reason: '已和解' } } as const;

  it('the claimant withdraws before settlement', () => {
    given([filed(), accepted()]).when(people.consumer, '2026-03-04T09:00:00+08:00', withdraw).then([{ type: 'DisputeWithdrawn', data: { reason: '已和解' } }]);
  });

  it('nobody else withdraws, and a withdrawn dispute takes no command', () => {
    given([filed(), accepted()]).when(people.respondent, '2026-03-04T09:00:00+08:00', withdraw).thenFails('FORBIDDEN');
    given([filed(), accepted()]).when(people.officer, '2026-03-04T09:00:00+08:00', withdraw).thenFails('FORBIDDEN');
    const withdrawn = [filed(), by(people.consumer, '2026-03-03T09:00:00+08:00', { type: 'DisputeWithdrawn', data: {} })];
    given(withdrawn).when(people.consumer, '2026-03-04T09:00:00+08:00', withdraw).thenFails('INVALID_TRANSITION', { status: 'WITHDRAWN' });
    given(withdrawn).when(people.officer, '2026-03-04T09:00:00+08:00', { type: 'acceptDispute', data: { procedure: 'MEDICAL_DISPUTE_MEDIATION' } }).thenFails('INVALID_TRANSITION');
  });
});

describe('referral to the authorities', () => {
  const refer = {
    type: 'referToAuthority' as const,
    data: { authority: 'HEALTH' as const, categories: ['UNLICENSED_INSTITUTION' as const], note: '无医疗机构执业许可证' },
  };

  it('refers without stopping the civil dispute; the regulator of that authority records the outcome', () => {
    const [event] = given([filed(), accepted()]).when(people.officer, '2026-03-04T09:00:00+08:00', refer).thenEvents();
    expect(event).toEqual({ type: 'ReferredToAuthority', data: { referralId: 'id-1', ...refer.data } });
    const referred = [filed(), accepted(), by(people.officer, '2026-03-04T09:00:00+08:00', event!)];
    expect(stateOf(referred).status).toBe('ACCEPTED');
    const outcome = { type: 'recordAuthorityOutcome', data: { referralId: 'id-1', outcome: '罚款五万元', violationConfirmed: true } } as const;
    given(referred).when(people.regulator, '2026-04-01T09:00:00+08:00', outcome).then([{ type: 'AuthorityOutcomeRecorded', data: { ...outcome.data, authority: 'HEALTH' } }]);
    given(referred).when({ ...people.regulator, authority: 'MARKET_REGULATION' }, '2026-04-01T09:00:00+08:00', outcome).thenFails('NOT_FOUND');
    given(referred)
      .when(people.regulator, '2026-04-01T09:00:00+08:00', { ...outcome, data: { ...outcome.data, referralId: 'nope' } })
      .thenFails('BAD_USER_INPUT');
  });

  it('only the intake officer or the mediator refers', () => {
    given([filed(), accepted()]).when(people.consumer, '2026-03-04T09:00:00+08:00', refer).thenFails('FORBIDDEN');
    given([filed(), accepted()]).when(people.respondent, '2026-03-04T09:00:00+08:00', refer).thenFails('FORBIDDEN');
  });
});

describe('the acceptance deadline (INTAKE_ACCEPTANCE, 3 working days)', () => {
  it.each([
    // Friday before the 2026 Spring Festival: Sat 14 Feb is a working day, 15–23 Feb off, then Tue 24, Wed 25.
    ['2026-02-13T10:00:00+08:00', '2026-02-25'],
    // 23:30 in Shanghai is still Friday 13 Feb although it is 15:30 UTC.
    ['2026-02-13T23:30:00+08:00', '2026-02-25'],
    // Filed on 30 Sept 2026: 1–7 Oct off; Fri 9 Oct, Sat 10 Oct (a working day) count.
    ['2026-09-30T10:00:00+08:00', '2026-10-10'],
  ])('filed at %s is due at the end of %s (Asia/Shanghai)', (at, lastDay) => {
    const [deadline] = openDeadlines(stateOf([filed(at)]), RULES);
    expect(deadline).toMatchObject({ kind: 'INTAKE_ACCEPTANCE', lastDay, provisional: false });
    // 24:00 in Shanghai is 16:00 UTC of the same day.
    expect(deadline!.dueAt).toBe(`${lastDay}T16:00:00.000Z`);
  });

  it('is provisional when it runs into 2027, whose calendar is not published', () => {
    const [deadline] = openDeadlines(stateOf([filed('2026-12-30T10:00:00+08:00')]), RULES);
    // Thu 31 Dec, then 1 Jan (New Year, fixed by the regulation), Mon 4 Jan, Tue 5 Jan.
    expect(deadline).toMatchObject({ kind: 'INTAKE_ACCEPTANCE', lastDay: '2027-01-05', provisional: true });
  });
});
