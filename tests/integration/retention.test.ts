import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { proposeErasures } from '../../src/reactors/retention.ts';
import { erasureStream } from '../../src/privacy/erasure.ts';
import { manualClock } from '../../src/shared/clock.ts';
import { newId } from '../../src/shared/ids.ts';
import { ok, startWithCast, type Cast } from '../support/cases.ts';
import { complaint, type TestServer, type TestUser } from '../support/server.ts';

const PROPOSALS = `{ erasureProposals { personId personName recordType rule years source dueAt proposedAt } }`;

describe('retention: the reactor proposes erasures, an erasure settles them', () => {
  // Filed and withdrawn in 2021, so that the five-year case-file period ends in 2026.
  const clock = manualClock(new Date('2021-09-20T10:00:00+08:00'));
  let server: TestServer;
  let c: Cast;
  let admin: TestUser;
  let idle: TestUser;
  // One pass, then the read model up to date with what it appended.
  const pass = async () => {
    const appended = await proposeErasures(server.platform, clock);
    await server.platform.runner.waitFor(await server.platform.store.headPosition());
    return appended;
  };
  const proposals = async () => {
    const result = await server.gql(admin.token, PROPOSALS);
    expect(result.errors).toBeUndefined();
    return result.data.erasureProposals as Array<Record<string, any>>;
  };
  const fileAs = async (user: TestUser) => {
    const filed = await server.gql(user.token, `mutation($input: FileDisputeInput!) { fileDispute(input: $input) { id } }`, {
      input: complaint({ occurredOn: '2021-08-01', respondent: { name: '美丽医疗美容诊所', code: c.institution.code } }),
    });
    expect(filed.errors).toBeUndefined();
    return filed.data.fileDispute.id as string;
  };

  beforeAll(async () => {
    ({ server, cast: c } = await startWithCast({ clock }));
    admin = await server.user('ADMIN');
    idle = await server.user('CONSUMER', { name: '李四' });
    const id = await fileAs(c.consumer);
    clock.set(new Date('2021-10-01T11:00:00+08:00'));
    await ok(server, c.consumer, id, 'withdrawDispute', { reason: '已与机构和解' });
  });
  afterAll(() => server.close());

  it('proposes nothing before a period ends', async () => {
    clock.set(new Date('2024-09-20T12:00:00+08:00'));
    expect(await pass()).toBe(0);
    expect(await proposals()).toEqual([]);
  });

  it('proposes an idle account three years after it was created (2021-09-20 + 3 years: Friday 2024-09-20)', async () => {
    clock.set(new Date('2024-09-21T00:00:01+08:00'));
    expect(await pass()).toBe(1);
    const [proposal] = await proposals();
    expect(proposal).toMatchObject({ personId: idle.id, personName: '李四', recordType: 'IDLE_ACCOUNT', rule: 'RETENTION_IDLE_ACCOUNT', years: 3, dueAt: '2024-09-20T16:00:00.000Z' });
    expect(proposal!.source).toMatch(/PIPL Art\. 47/);
  });

  it('does not end the case-file period on the 2026 National Day holiday, but on the next working day', async () => {
    // Withdrawn on 2021-10-01: five years end on 2026-10-01, a holiday; 1–7 October 2026 are off.
    clock.set(new Date('2026-10-08T23:59:00+08:00'));
    expect(await pass()).toBe(0);
    clock.set(new Date('2026-10-09T00:00:00+08:00'));
    expect(await pass()).toBe(1);
    const mine = (await proposals()).filter((p) => p.personId === c.consumer.id);
    expect(mine).toEqual([expect.objectContaining({ recordType: 'CASE_FILE', rule: 'RETENTION_CASE_FILE', years: 5, dueAt: '2026-10-08T16:00:00.000Z', proposedAt: '2026-10-08T16:00:00.000Z' })]);
  });

  it('is idempotent: passes again append nothing', async () => {
    const before = await server.platform.store.headPosition();
    expect(await pass()).toBe(0);
    expect(await Promise.all([pass(), pass()])).toEqual([0, 0]);
    expect(await server.platform.store.headPosition()).toBe(before);
  });

  it('is for ADMIN only', async () => {
    for (const user of [c.consumer, c.officer, c.mediator]) {
      expect((await server.gql(user.token, PROPOSALS)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    expect((await server.gql(undefined, PROPOSALS)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('closes a proposal once the person was erased (PersonalDataErased), and proposes nothing for them again', async () => {
    // What erasePersonalData appends (the mutation is the other half of issue 11).
    const erasedAt = clock.now().toISOString();
    await server.platform.store.appendToStream(erasureStream(c.consumer.id), [
      {
        id: newId(),
        type: 'PersonalDataErased',
        data: { personId: c.consumer.id, reason: 'retention period ended (RETENTION_CASE_FILE)', erasedAt, what: ['account', 'disputes'] },
        metadata: { occurredAt: erasedAt, actor: { userId: admin.id, role: 'ADMIN' } },
      },
    ]);
    const head = await server.platform.store.headPosition();
    await server.platform.runner.waitFor(head);
    expect((await proposals()).map((p) => p.personId)).toEqual([idle.id]);
    clock.set(new Date('2031-01-01T00:00:00+08:00'));
    await pass();
    expect((await proposals()).map((p) => p.personId)).toEqual([idle.id]);
  });

  it('withdraws a proposal when the person becomes active again', async () => {
    clock.set(new Date('2031-01-02T10:00:00+08:00'));
    // Filed today: the occurrence must lie within the limitation period for a plain filing.
    const filed = await server.gql(idle.token, `mutation($input: FileDisputeInput!) { fileDispute(input: $input) { id } }`, {
      input: complaint({ occurredOn: '2030-12-01', respondent: { name: '美丽医疗美容诊所', code: c.institution.code } }),
    });
    expect(filed.errors).toBeUndefined();
    expect(await pass()).toBe(1);
    expect(await proposals()).toEqual([]);
    const types = (await server.platform.store.readStream(erasureStream(idle.id))).map((e) => e.type);
    expect(types).toEqual(['ErasureProposed', 'ErasureProposalWithdrawn']);
  });
});
