/** Legal aid over GraphQL: application, decision, assignment, the lawyer acting, the power of attorney. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../src/shared/clock.ts';
import { accepted, drafted, inMediation, ok, run, startWithCast, type Cast } from '../support/cases.ts';
import type { TestServer, TestUser } from '../support/server.ts';

const FIELDS = `id status viewerRelation claimant { phone }
  legalAid { status circumstances urgent appliedAt decidedAt reason lawyer { id name } powerOfAttorney }
  deadlines { kind lastDay }`;
const GET = `query($id: ID!) { dispute(id: $id) { ${FIELDS} } }`;
const CASELOAD = `{ legalAidCaseload { dispute { id viewerRelation legalAid { status } } nextDeadline { kind lastDay } } }`;

// Thursday 24 September 2026, 10:00 in Shanghai: Mid-Autumn and National Day lie ahead.
const clock = manualClock(new Date('2026-09-24T10:00:00+08:00'));

describe('legal aid over GraphQL', () => {
  let server: TestServer;
  let c: Cast;
  let coordinator: TestUser;
  let lawyer: TestUser;
  let otherLawyer: TestUser;

  beforeAll(async () => {
    ({ server, cast: c } = await startWithCast({ clock }));
    coordinator = await server.user('LEGAL_AID_LAWYER', { name: '法援中心协调人', coordinator: true });
    lawyer = await server.user('LEGAL_AID_LAWYER', { name: '李律师' });
    otherLawyer = await server.user('LEGAL_AID_LAWYER', { name: '赵律师' });
  });
  afterAll(() => server.close());

  const act = (user: TestUser, id: string, mutation: string, args: Record<string, unknown> = {}) => run(server, user, id, mutation, args, FIELDS);
  const view = async (user: TestUser, id: string) => server.gql(user.token, GET, { id });

  it('applied for, decided, assigned: the lawyer then sees and acts as the consumer, and signs only with a power of attorney', async () => {
    clock.set(new Date('2026-09-24T10:00:00+08:00'));
    const id = await accepted(server, c);
    expect((await view(coordinator, id)).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect((await act(c.clinic, id, 'applyForLegalAid', { circumstances: '失业' })).error?.extensions?.code).toBe('FORBIDDEN');
    const blank = await act(c.consumer, id, 'applyForLegalAid', { circumstances: ' ' });
    expect(blank.error?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', issues: [{ path: 'circumstances' }] });

    const applied = await act(c.consumer, id, 'applyForLegalAid', { circumstances: '失业，无固定收入，有未成年子女' });
    // The clinic's answer (RESPONDENT_ANSWER) is due on 10-09, 15 days away across the holidays: not urgent.
    expect(applied.dispute.legalAid).toMatchObject({ status: 'APPLIED', urgent: false, circumstances: '失业，无固定收入，有未成年子女' });
    // LEGAL_AID_DECISION: 7 days from 09-24 is 10-01, in National Day: moved to 10-08.
    expect(applied.dispute.deadlines).toContainEqual({ kind: 'LEGAL_AID_DECISION', lastDay: '2026-10-08' });
    expect((await act(c.consumer, id, 'applyForLegalAid', { circumstances: '再次' })).error?.extensions).toMatchObject({
      code: 'INVALID_TRANSITION',
      legalAidStatus: 'APPLIED',
    });

    // The clinic never learns of the application or the consumer's circumstances.
    expect((await view(c.clinic, id)).data.dispute.legalAid).toBeNull();
    const asCoordinator = (await view(coordinator, id)).data.dispute;
    expect(asCoordinator).toMatchObject({ viewerRelation: 'LEGAL_AID_COORDINATOR', legalAid: { status: 'APPLIED' } });
    const waiting = await server.gql(coordinator.token, CASELOAD);
    expect(waiting.data.legalAidCaseload).toEqual([
      { dispute: { id, viewerRelation: 'LEGAL_AID_COORDINATOR', legalAid: { status: 'APPLIED' } }, nextDeadline: { kind: 'LEGAL_AID_DECISION', lastDay: '2026-10-08' } },
    ]);
    expect((await server.gql(lawyer.token, CASELOAD)).data.legalAidCaseload).toEqual([]);

    expect((await act(lawyer, id, 'decideLegalAid', { granted: true, reason: '符合' })).error?.extensions?.code).toBe('NOT_FOUND');
    expect((await act(c.officer, id, 'decideLegalAid', { granted: true, reason: '符合' })).error?.extensions?.code).toBe('FORBIDDEN');
    clock.set(new Date('2026-09-28T10:00:00+08:00'));
    const granted = await act(coordinator, id, 'decideLegalAid', { granted: true, reason: '符合经济困难标准（LAL 第 34 条）' });
    expect(granted.dispute.legalAid).toMatchObject({ status: 'GRANTED', reason: '符合经济困难标准（LAL 第 34 条）', decidedAt: '2026-09-28T02:00:00.000Z' });
    // LEGAL_AID_ASSIGN: 3 days from 09-28 end on 10-01, a holiday: 10-08.
    expect(granted.dispute.deadlines).toContainEqual({ kind: 'LEGAL_AID_ASSIGN', lastDay: '2026-10-08' });

    const notALawyer = await act(coordinator, id, 'assignLegalAidLawyer', { lawyerId: c.mediator.id });
    expect(notALawyer.error?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', issues: [{ path: 'lawyerId' }] });
    const assigned = await act(coordinator, id, 'assignLegalAidLawyer', { lawyerId: lawyer.id });
    expect(assigned.dispute.legalAid.lawyer).toEqual({ id: lawyer.id, name: '李律师' });

    const asLawyer = (await view(lawyer, id)).data.dispute;
    expect(asLawyer).toMatchObject({ viewerRelation: 'CLAIMANT_LAWYER', claimant: { phone: '13912341111' } });
    expect((await view(otherLawyer, id)).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const caseload = (await server.gql(lawyer.token, CASELOAD)).data.legalAidCaseload;
    expect(caseload).toEqual([{ dispute: { id, viewerRelation: 'CLAIMANT_LAWYER', legalAid: { status: 'GRANTED' } }, nextDeadline: { kind: 'RESPONDENT_ANSWER', lastDay: '2026-10-09' } }]);
    // Decided and assigned: nothing left for the coordinator.
    expect((await server.gql(coordinator.token, CASELOAD)).data.legalAidCaseload).toEqual([]);
    expect((await server.gql(c.consumer.token, CASELOAD)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('the lawyer acts for the consumer, recorded on her behalf, and signs once she records a power of attorney', async () => {
    clock.set(new Date('2026-09-14T10:00:00+08:00'));
    const id = await inMediation(server, c);
    await ok(server, c.consumer, id, 'applyForLegalAid', { circumstances: '低保户' });
    await ok(server, coordinator, id, 'decideLegalAid', { granted: true, reason: '低保户免予经济困难审查' });
    await ok(server, coordinator, id, 'assignLegalAidLawyer', { lawyerId: lawyer.id });

    const hash = await drafted(server, c, id, [{ debtor: 'RESPONDENT', kind: 'REFUND', amountFen: 500_000, dueDate: '2026-10-30' }]);
    const unauthorised = await run(server, lawyer, id, 'signAgreement', { agreementHash: hash });
    expect(unauthorised.error?.extensions?.code).toBe('FORBIDDEN');
    expect((await act(lawyer, id, 'recordPowerOfAttorney')).error?.extensions?.code).toBe('FORBIDDEN');
    expect((await act(c.consumer, id, 'recordPowerOfAttorney')).dispute.legalAid.powerOfAttorney).toBe(true);

    await ok(server, lawyer, id, 'signAgreement', { agreementHash: hash });
    const trail = await server.gql(c.consumer.token, `query($id: ID!) { auditTrail(disputeId: $id) { type actor { userId role onBehalfOf } } }`, { id });
    expect(trail.data.auditTrail.find((e: { type: string }) => e.type === 'AgreementSigned')).toEqual({
      type: 'AgreementSigned',
      actor: { userId: lawyer.id, role: 'LEGAL_AID_LAWYER', onBehalfOf: c.consumer.id },
    });
    expect(trail.data.auditTrail.find((e: { type: string }) => e.type === 'PowerOfAttorneyRecorded').actor).toEqual({
      userId: c.consumer.id,
      role: 'CONSUMER',
      onBehalfOf: null,
    });
  });

  it('a denied application may be made again; the intake officer may apply for the consumer', async () => {
    clock.set(new Date('2026-09-14T10:00:00+08:00'));
    const id = await accepted(server, c);
    // Accepted on Monday 09-14: the clinic's 5 working days end on Sunday 09-20, an adjusted working
    // day (调休), 6 days away: urgent (LAL Art. 44).
    const first = await act(c.officer, id, 'applyForLegalAid', { circumstances: '代为申请：无收入' });
    expect(first.dispute.deadlines).toContainEqual({ kind: 'RESPONDENT_ANSWER', lastDay: '2026-09-20' });
    expect(first.dispute.legalAid).toMatchObject({ status: 'APPLIED', urgent: true });
    await ok(server, coordinator, id, 'decideLegalAid', { granted: false, reason: '收入超过标准' });
    expect((await act(coordinator, id, 'assignLegalAidLawyer', { lawyerId: lawyer.id })).error?.extensions).toMatchObject({
      code: 'INVALID_TRANSITION',
      legalAidStatus: 'DENIED',
    });

    clock.set(new Date('2026-09-16T10:00:00+08:00'));
    const again = await act(c.consumer, id, 'applyForLegalAid', { circumstances: '已失业' });
    expect(again.dispute.legalAid).toMatchObject({ status: 'APPLIED', circumstances: '已失业', reason: null, decidedAt: null, appliedAt: '2026-09-16T02:00:00.000Z' });
  });
});
