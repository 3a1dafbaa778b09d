import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../src/shared/clock.ts';
import { applyJointly, FIELDS, GET, negotiating, obligations, ok, refused, settle, startWithCast, type Cast } from '../support/cases.ts';
import type { TestServer } from '../support/server.ts';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const COMMISSION = '深圳国际仲裁院';
const clock = manualClock(new Date('2026-09-01T10:00:00+08:00'));

describe('refused confirmation, then arbitration, over GraphQL', () => {
  let server: TestServer;
  let cast: Cast;

  beforeAll(async () => {
    ({ server, cast } = await startWithCast({ clock }));
  });
  afterAll(() => server.close());

  it('the court refuses → both sign a submission agreement → appointed arbitrator holds a hearing and awards → receipt opens the set-aside window', async () => {
    const id = await negotiating(server, cast, { occurredOn: '2026-08-01' });
    clock.set(new Date('2026-09-03T10:00:00+08:00'));
    await settle(server, cast, id, obligations('2026-10-30'), { clock, at: '2026-09-05T15:00:00+08:00' });
    clock.set(new Date('2026-09-07T10:00:00+08:00'));
    await applyJointly(server, cast, id);

    const refusal = await refused(server, cast.court, id, 'ruleOnConfirmation', { confirmed: false });
    expect(refusal.extensions).toMatchObject({ code: 'BAD_USER_INPUT', issues: [{ path: 'grounds', message: expect.any(String) }] });
    clock.set(new Date('2026-09-08T10:00:00+08:00'));
    // Refused without having accepted: the court declines the application.
    const refusedByCourt = await ok(server, cast.court, id, 'ruleOnConfirmation', { confirmed: false, grounds: ['NOT_VOLUNTARY'], note: '投诉人称系被迫签署' }, FIELDS);
    expect(refusedByCourt.status).toBe('CONFIRMATION_REFUSED');
    expect(refusedByCourt.confirmation).toMatchObject({ status: 'REFUSED', grounds: ['NOT_VOLUNTARY'] });
    expect(refusedByCourt.obligations).toEqual([]);

    clock.set(new Date('2026-09-09T10:00:00+08:00'));
    const first = await ok(server, cast.consumer, id, 'signArbitrationAgreement', { commission: COMMISSION }, FIELDS);
    expect(first.status).toBe('CONFIRMATION_REFUSED');
    const commenced = await ok(server, cast.clinic, id, 'signArbitrationAgreement', { commission: COMMISSION }, FIELDS);
    expect(commenced.status).toBe('IN_ARBITRATION');
    const { agreementText, agreementHash } = commenced.arbitration;
    expect(agreementHash).toBe(sha256(agreementText));
    for (const part of ['投诉人：张三', '被投诉方：美丽医疗美容诊所', `提交${COMMISSION}仲裁`, '纠纷发生后', '仲裁事项', '玻尿酸注射']) {
      expect(agreementText).toContain(part);
    }
    expect(commenced.arbitration.agreementSignatures.map((s: { role: string; userId: string }) => [s.role, s.userId])).toEqual([
      ['CLAIMANT', cast.consumer.id],
      ['RESPONDENT', cast.clinic.id],
    ]);

    // Only an arbitrator's account can be appointed; before appointment no arbitrator sees the dispute.
    const notArbitrator = await refused(server, cast.officer, id, 'appointArbitrator', { arbitratorId: cast.consumer.id });
    expect(notArbitrator.extensions).toMatchObject({ code: 'BAD_USER_INPUT', issues: [{ path: 'arbitratorId', message: expect.any(String) }] });
    expect((await refused(server, cast.consumer, id, 'appointArbitrator', { arbitratorId: cast.arbitrator.id })).extensions?.code).toBe('FORBIDDEN');
    expect((await server.gql(cast.arbitrator.token, GET, { id })).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');

    clock.set(new Date('2026-09-10T10:00:00+08:00'));
    const appointed = await ok(server, cast.officer, id, 'appointArbitrator', { arbitratorId: cast.arbitrator.id }, FIELDS);
    expect(appointed.arbitration.arbitrators).toEqual([{ id: cast.arbitrator.id, name: '陈仲裁' }]);
    expect((await server.gql(cast.otherArbitrator.token, GET, { id })).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');

    // Concessions made in mediation stay out of the arbitrator's sight (OMR Art. 18).
    const asArbitrator = (await server.gql(cast.arbitrator.token, GET, { id })).data.dispute;
    expect(asArbitrator.viewerRelation).toBe('ARBITRATOR');
    expect(asArbitrator.offers).toEqual([]);
    expect(asArbitrator.messages).toEqual([]);
    expect(asArbitrator.sessions).toEqual([]);
    expect(asArbitrator.agreement).toBeNull();
    const asConsumer = (await server.gql(cast.consumer.token, GET, { id })).data.dispute;
    expect(asConsumer.offers).toHaveLength(1);
    expect(asConsumer.messages).toHaveLength(1);

    const hearing = await ok(server, cast.arbitrator, id, 'scheduleHearing', {
      startsAt: '2026-09-15T09:30:00+08:00',
      mode: 'ONLINE',
      link: 'https://hearing.example.cn/r/1',
    }, FIELDS);
    expect(hearing.arbitration.hearings).toEqual([
      { id: expect.any(String), startsAt: '2026-09-15T01:30:00.000Z', mode: 'ONLINE', link: 'https://hearing.example.cn/r/1', place: null },
    ]);

    clock.set(new Date('2026-09-18T16:00:00+08:00'));
    const awarded = await ok(server, cast.arbitrator, id, 'renderAward', {
      award: '被申请人于2026年10月30日前退款人民币12,800元并书面赔礼道歉。',
      obligations: obligations('2026-10-30'),
    }, FIELDS);
    expect(awarded.status).toBe('AWARDED');
    expect(awarded.arbitration.award).toEqual({ text: '被申请人于2026年10月30日前退款人民币12,800元并书面赔礼道歉。', decidedAt: '2026-09-18T08:00:00.000Z', receivedAt: null });
    expect(awarded.obligations.map((o: { kind: string; amount: { amountFen: number } | null }) => [o.kind, o.amount?.amountFen ?? null])).toEqual([
      ['REFUND', 1_280_000],
      ['APOLOGY', null],
    ]);

    clock.set(new Date('2026-09-21T10:00:00+08:00'));
    const future = await refused(server, cast.consumer, id, 'recordAwardReceipt', { receivedOn: '2026-09-22' });
    expect(future.extensions).toMatchObject({ code: 'BAD_USER_INPUT', issues: [{ path: 'receivedOn', message: expect.any(String) }] });
    const received = await ok(server, cast.consumer, id, 'recordAwardReceipt', { receivedOn: '2026-09-21' }, FIELDS);
    expect(received.arbitration.award.receivedAt).toBe('2026-09-21');
    // Received from 2026-03-01 on: 3 months (AL 2025 Art. 72), to Monday 12/21.
    expect(received.deadlines).toContainEqual({ kind: 'AWARD_SET_ASIDE', dueAt: '2026-12-21T16:00:00.000Z', lastDay: '2026-12-21' });
    expect((await server.gql(cast.arbitrator.token, GET, { id })).data.dispute.deadlines).toContainEqual(expect.objectContaining({ kind: 'AWARD_SET_ASIDE' }));
  });
});
