import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../src/shared/clock.ts';
import { applyJointly, COURT, FIELDS, GET, negotiating, obligations, ok, refused, settle, startWithCast, type Cast } from '../support/cases.ts';
import type { TestServer } from '../support/server.ts';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const clock = manualClock(new Date('2026-09-01T10:00:00+08:00'));

describe('settlement and judicial confirmation over GraphQL', () => {
  let server: TestServer;
  let cast: Cast;

  beforeAll(async () => {
    ({ server, cast } = await startWithCast({ clock }));
  });
  afterAll(() => server.close());

  it('draft → stale-hash signature refused → all sign → SETTLED → joint application → the court accepts and confirms', async () => {
    const id = await negotiating(server, cast, { occurredOn: '2026-08-01' });
    clock.set(new Date('2026-09-03T10:00:00+08:00'));

    // Bad obligations name each field at fault; nothing is appended.
    const bad = await refused(server, cast.mediator, id, 'draftAgreement', {
      terms: '退款',
      obligations: [{ debtor: 'RESPONDENT', kind: 'REFUND', dueDate: '2026-09-02' }],
    });
    expect(bad.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      issues: [
        { path: 'obligations.0.amountFen', message: expect.any(String) },
        { path: 'obligations.0.dueDate', message: expect.any(String) },
      ],
    });

    const first = await ok(server, cast.mediator, id, 'draftAgreement', { terms: '初稿：被投诉方退款。', obligations: obligations('2026-10-30').slice(0, 1) }, FIELDS);
    expect(first.status).toBe('AGREEMENT_DRAFTED');
    expect(first.agreement.hash).toBe(sha256(first.agreement.text));
    expect(first.agreement.text).toContain('人民币12,800.00元');

    const redrafted = await ok(server, cast.mediator, id, 'draftAgreement', { terms: '被投诉方退款并书面赔礼道歉。', obligations: obligations('2026-10-30') }, FIELDS);
    expect(redrafted.agreement.hash).not.toBe(first.agreement.hash);

    // The consumer signs the text they read before the redraft.
    const stale = await refused(server, cast.consumer, id, 'signAgreement', { agreementHash: first.agreement.hash });
    expect(stale.extensions?.code).toBe('CONCURRENCY_CONFLICT');
    expect((await server.gql(cast.consumer.token, GET, { id })).data.dispute.version).toBe(redrafted.version);

    const agreementHash = redrafted.agreement.hash;
    await ok(server, cast.consumer, id, 'signAgreement', { agreementHash });
    const twice = await refused(server, cast.consumer, id, 'signAgreement', { agreementHash });
    expect(twice.extensions).toMatchObject({ code: 'INVALID_TRANSITION', status: 'AGREEMENT_DRAFTED' });
    await ok(server, cast.clinic, id, 'signAgreement', { agreementHash });
    clock.set(new Date('2026-09-05T15:00:00+08:00'));
    const settled = await ok(server, cast.mediator, id, 'signAgreement', { agreementHash }, FIELDS);

    expect(settled.status).toBe('SETTLED');
    expect(settled.agreement.effectiveAt).toBe('2026-09-05T07:00:00.000Z');
    expect(settled.agreement.signatures.map((s: { role: string }) => s.role)).toEqual(['CLAIMANT', 'RESPONDENT', 'MEDIATOR']);
    expect(settled.obligations.map((o: { kind: string; status: string }) => [o.kind, o.status])).toEqual([
      ['REFUND', 'PENDING'],
      ['APOLOGY', 'PENDING'],
    ]);
    // 9/5 + 30 days = 10/5, in the National Day holiday: the window runs to Thursday 10/8.
    expect(settled.deadlines).toContainEqual({ kind: 'JC_APPLY_WINDOW', dueAt: '2026-10-08T16:00:00.000Z', lastDay: '2026-10-08' });

    // No court sees it before both parties applied to it.
    expect((await server.gql(cast.court.token, GET, { id })).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');

    clock.set(new Date('2026-09-07T10:00:00+08:00'));
    const requested = await applyJointly(server, cast, id, FIELDS);
    expect(requested.status).toBe('CONFIRMATION_REQUESTED');
    expect(requested.confirmation).toMatchObject({ court: COURT, status: 'REQUESTED' });
    expect(requested.confirmation.applications.map((a: { role: string; court: string }) => [a.role, a.court])).toEqual([
      ['CLAIMANT', COURT],
      ['RESPONDENT', COURT],
    ]);

    const asCourt = (await server.gql(cast.court.token, GET, { id })).data.dispute;
    expect(asCourt.viewerRelation).toBe('COURT');
    expect(asCourt.agreement.hash).toBe(agreementHash);
    expect(asCourt.offers).toEqual([]);
    expect(asCourt.messages).toEqual([]);
    expect((await server.gql(cast.otherCourt.token, GET, { id })).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');

    const ruling = { confirmed: true, rulingNumber: '（2026）粤0304民特88号' };
    expect((await refused(server, cast.consumer, id, 'ruleOnConfirmation', ruling)).extensions?.code).toBe('FORBIDDEN');
    expect((await refused(server, cast.court, id, 'ruleOnConfirmation', ruling)).extensions).toMatchObject({
      code: 'INVALID_TRANSITION',
      status: 'CONFIRMATION_REQUESTED',
    });

    clock.set(new Date('2026-09-08T10:00:00+08:00'));
    const accepted = await ok(server, cast.court, id, 'acceptConfirmationApplication', {}, FIELDS);
    expect(accepted.confirmation.acceptedAt).toBe('2026-09-08T02:00:00.000Z');
    expect(accepted.deadlines).toContainEqual({ kind: 'JC_DECISION', dueAt: '2026-09-23T16:00:00.000Z', lastDay: '2026-09-23' });

    const noNumber = await refused(server, cast.court, id, 'ruleOnConfirmation', { confirmed: true });
    expect(noNumber.extensions).toMatchObject({ code: 'BAD_USER_INPUT', issues: [{ path: 'rulingNumber', message: expect.any(String) }] });

    clock.set(new Date('2026-09-15T10:00:00+08:00'));
    const confirmed = await ok(server, cast.court, id, 'ruleOnConfirmation', ruling, FIELDS);
    expect(confirmed.status).toBe('CONFIRMED');
    expect(confirmed.confirmation).toMatchObject({ status: 'CONFIRMED', rulingNumber: '（2026）粤0304民特88号', decidedAt: '2026-09-15T02:00:00.000Z' });
    expect(confirmed.obligations).toHaveLength(2);
  });

  it('an application after the window is DEADLINE_PASSED', async () => {
    clock.set(new Date('2026-09-01T10:00:00+08:00'));
    const id = await negotiating(server, cast, { occurredOn: '2026-08-01' });
    await settle(server, cast, id, obligations('2026-10-30'), { clock, at: '2026-09-05T15:00:00+08:00' });
    clock.set(new Date('2026-10-09T00:00:00+08:00'));
    const late = await refused(server, cast.consumer, id, 'applyForConfirmation', { court: COURT });
    expect(late.extensions).toMatchObject({ code: 'DEADLINE_PASSED', kind: 'JC_APPLY_WINDOW', dueAt: '2026-10-08T16:00:00.000Z' });
  });
});
