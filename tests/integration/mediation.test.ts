import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../src/shared/clock.ts';
import { run, startWithCast } from '../support/cases.ts';
import { complaint, type TestServer, type TestUser } from '../support/server.ts';

const FIELDS = `id status version
  respondentAnswer { consent lapsed }
  mediator { id name conflictsDisclosed hasConflict }
  sessions { id startsAt mode link place attendees minutes }
  messages { id body caucusWith author { userId role } }
  offers { id by status items { kind amount { amountFen currency } description } expiresAt responses { side accept } }
  appraisals { id subject completedAt }
  mediationEnd { reason note automatic }
  deadlines { kind lastDay }`;
const GET = `query($id: ID!) { dispute(id: $id) { ${FIELDS} } }`;

describe('mediation over GraphQL', () => {
  // Monday 2 March 2026, 09:00 in Shanghai.
  const clock = manualClock(new Date('2026-03-02T09:00:00+08:00'));
  let server: TestServer;
  let consumer: TestUser;
  let clinic: TestUser;
  let officer: TestUser;
  let mediator: TestUser;
  let stranger: TestUser;
  let otherMediator: TestUser;
  let disputeId: string;

  /** Runs a mutation on the dispute; returns the dispute as the caller sees it, or the first error. */
  const act = (user: TestUser, mutation: string, args: Record<string, unknown> = {}) => run(server, user, disputeId, mutation, args, FIELDS);
  const view = async (user: TestUser) => (await server.gql(user.token, GET, { id: disputeId })).data?.dispute;
  const post = (user: TestUser, body: string, caucusWith?: string) => act(user, 'postMessage', { body, caucusWith });

  beforeAll(async () => {
    ({ server, cast: { consumer, clinic, officer, mediator } } = await startWithCast({ clock }));
    otherMediator = await server.user('MEDIATOR');
    stranger = await server.user('CONSUMER');
    const filed = await server.gql(consumer.token, `mutation($input: FileDisputeInput!) { fileDispute(input: $input) { id } }`, {
      input: complaint({ occurredOn: '2026-02-01' }),
    });
    disputeId = filed.data.fileDispute.id;
    clock.set(new Date('2026-03-03T10:00:00+08:00'));
    expect((await act(officer, 'acceptDispute', { procedure: 'MEDICAL_DISPUTE_MEDIATION' })).dispute.status).toBe('ACCEPTED');
  });
  afterAll(() => server.close());

  it('the clinic consents within RESPONDENT_ANSWER: mediation opens with its 30-working-day limit', async () => {
    expect((await view(clinic)).deadlines).toEqual([{ kind: 'RESPONDENT_ANSWER', lastDay: '2026-03-10' }]);
    expect((await act(consumer, 'answerMediationInvitation', { consent: true })).error?.extensions?.code).toBe('FORBIDDEN');
    expect((await act(stranger, 'answerMediationInvitation', { consent: true })).error?.extensions?.code).toBe('NOT_FOUND');

    clock.set(new Date('2026-03-04T09:00:00+08:00'));
    const { dispute } = await act(clinic, 'answerMediationInvitation', { consent: true });
    expect(dispute).toMatchObject({ status: 'IN_MEDIATION', respondentAnswer: { consent: true, lapsed: false } });
    // Qingming (4/4–6) falls inside: Tuesday 3 March + 30 working days is Wednesday 15 April.
    expect(dispute.deadlines).toEqual([{ kind: 'MEDIATION_LIMIT_MEDICAL', lastDay: '2026-04-15' }]);

    const again = await act(clinic, 'answerMediationInvitation', { consent: false });
    expect(again.error?.extensions).toMatchObject({ code: 'INVALID_TRANSITION', status: 'IN_MEDIATION' });
  });

  it('the intake officer assigns a mediator account, and nothing else', async () => {
    const notMediator = await act(officer, 'assignMediator', { mediatorId: stranger.id });
    expect(notMediator.error?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', issues: [{ path: 'mediatorId' }] });
    expect((await act(consumer, 'assignMediator', { mediatorId: mediator.id })).error?.extensions?.code).toBe('FORBIDDEN');

    const { dispute } = await act(officer, 'assignMediator', { mediatorId: mediator.id });
    expect(dispute.mediator).toEqual({ id: mediator.id, name: '王调解', conflictsDisclosed: false, hasConflict: null });
    expect(dispute.deadlines).toContainEqual({ kind: 'ONLINE_MEDIATOR_ACCEPT', lastDay: '2026-03-09' });
    const unassigned = await server.gql(otherMediator.token, GET, { id: disputeId });
    expect(unassigned.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('the mediator discloses before acting, then schedules and records a session', async () => {
    const early = await post(mediator, '大家好');
    expect(early.error?.extensions?.code).toBe('FORBIDDEN');
    expect(early.error?.message).toContain('披露');
    const before = (await view(mediator)).version;

    const disclosed = await act(mediator, 'discloseConflicts', { statement: '与双方无利害关系', hasConflict: false });
    expect(disclosed.dispute.mediator).toMatchObject({ conflictsDisclosed: true, hasConflict: false });
    expect(disclosed.dispute.version).toBe(before + 1);

    const noLink = await act(mediator, 'scheduleSession', { startsAt: '2026-03-06T14:00:00+08:00', mode: 'ONLINE' });
    expect(noLink.error?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', issues: [{ path: 'link' }] });
    const { dispute } = await act(mediator, 'scheduleSession', {
      startsAt: '2026-03-06T14:00:00+08:00',
      mode: 'ONLINE',
      link: 'https://meet.example.cn/room/42',
    });
    const [session] = dispute.sessions;
    expect(session).toMatchObject({ startsAt: '2026-03-06T06:00:00.000Z', mode: 'ONLINE', link: 'https://meet.example.cn/room/42', minutes: null });

    clock.set(new Date('2026-03-06T16:00:00+08:00'));
    const recorded = await act(mediator, 'recordSession', { sessionId: session.id, attendees: ['张三', '诊所代表'], minutes: '双方陈述意见' });
    expect(recorded.dispute.sessions[0]).toMatchObject({ attendees: ['张三', '诊所代表'], minutes: '双方陈述意见' });
    // The clinic sees the record too.
    expect((await view(clinic)).sessions[0].minutes).toBe('双方陈述意见');
  });

  it('caucus messages are seen by that side and the mediator only', async () => {
    await post(consumer, '我要求全额退款');
    await post(mediator, '张女士，您能接受的最低数额？', consumer.id);
    await post(mediator, '诊所方面，底线是多少？', clinic.id);
    await post(clinic, '最多退八千，另免费修复', mediator.id);
    await post(consumer, '可以接受九千', mediator.id);

    const notAParty = await post(mediator, '内部', officer.id);
    expect(notAParty.error?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', issues: [{ path: 'caucusWith' }] });
    const partyToParty = await post(consumer, '私信诊所', clinic.id);
    expect(partyToParty.error?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', issues: [{ path: 'caucusWith' }] });
    expect((await post(officer, '提醒')).error?.extensions?.code).toBe('FORBIDDEN');
    for (const outsider of [stranger, otherMediator]) expect((await post(outsider, '？')).error?.extensions?.code).toBe('NOT_FOUND');

    const bodies = async (user: TestUser) => (await view(user)).messages.map((m: { body: string }) => m.body);
    expect(await bodies(mediator)).toEqual(['我要求全额退款', '张女士，您能接受的最低数额？', '诊所方面，底线是多少？', '最多退八千，另免费修复', '可以接受九千']);
    expect(await bodies(consumer)).toEqual(['我要求全额退款', '张女士，您能接受的最低数额？', '可以接受九千']);
    expect(await bodies(clinic)).toEqual(['我要求全额退款', '诊所方面，底线是多少？', '最多退八千，另免费修复']);
    expect(await bodies(officer)).toEqual(['我要求全额退款']);

    const fromClinic = (await view(mediator)).messages[3];
    expect(fromClinic).toMatchObject({ caucusWith: mediator.id, author: { userId: clinic.id, role: 'RESPONDENT' } });
  });

  it('an appraisal stops the mediation clock until it is completed', async () => {
    clock.set(new Date('2026-03-09T10:00:00+08:00'));
    const requested = await act(consumer, 'requestAppraisal', { subject: '损伤程度鉴定' });
    expect(requested.dispute.deadlines).toEqual([]);
    clock.set(new Date('2026-03-12T10:00:00+08:00'));
    const appraisalId = requested.dispute.appraisals[0].id;
    const completed = await act(officer, 'completeAppraisal', { appraisalId, result: '轻微伤' });
    // Tue 10 to Thu 12 March: 3 working days added, 15 April becomes Monday 20 April.
    expect(completed.dispute.deadlines).toEqual([{ kind: 'MEDIATION_LIMIT_MEDICAL', lastDay: '2026-04-20' }]);
  });

  it('offer, counter-offer, acceptance', async () => {
    const items = (amountFen: number) => [{ kind: 'REFUND', amountFen }, { kind: 'CORRECTIVE_TREATMENT', description: '免费修复治疗' }];
    const offer = await act(consumer, 'proposeSettlement', { items: items(1_280_000) });
    const [first] = offer.dispute.offers;
    expect(first).toMatchObject({ by: 'CLAIMANT', status: 'OPEN', items: [{ kind: 'REFUND', amount: { amountFen: 1_280_000, currency: 'CNY' } }, { kind: 'CORRECTIVE_TREATMENT', amount: null }] });
    expect((await act(consumer, 'respondToOffer', { offerId: first.id, accept: true })).error?.extensions?.code).toBe('FORBIDDEN');

    const counter = await act(clinic, 'proposeSettlement', { items: items(900_000) });
    const second = counter.dispute.offers[1];
    expect(second).toMatchObject({ by: 'RESPONDENT', status: 'OPEN' });
    const negative = await act(clinic, 'proposeSettlement', { items: [{ kind: 'REFUND', amountFen: -5 }] });
    expect(negative.error?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', issues: [{ path: 'items.0.amountFen' }] });

    const accepted = await act(consumer, 'respondToOffer', { offerId: second.id, accept: true });
    expect(accepted.dispute.offers[1]).toMatchObject({ status: 'ACCEPTED', responses: [{ side: 'CLAIMANT', accept: true }] });
    const twice = await act(consumer, 'respondToOffer', { offerId: second.id, accept: false });
    expect(twice.error?.extensions?.code).toBe('INVALID_TRANSITION');
    const unknown = await act(clinic, 'respondToOffer', { offerId: 'no-such-offer', accept: true });
    expect(unknown.error?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', issues: [{ path: 'offerId' }] });
    // Offers are mediation communications: the intake officer sees them, no outsider does.
    expect((await view(officer)).offers).toHaveLength(2);
  });

  it('an open offer shows as EXPIRED once its time has passed, though the dispute is unchanged since the last read', async () => {
    const before = clock.now();
    const expiresAt = new Date(before.getTime() + 3_600_000).toISOString();
    const { dispute } = await act(clinic, 'proposeSettlement', { items: [{ kind: 'REFUND', amountFen: 700_000 }], expiresAt });
    const offerId = dispute.offers.at(-1).id;
    const statusOf = async () => (await view(consumer)).offers.find((o: { id: string }) => o.id === offerId).status;
    expect(await statusOf()).toBe('OPEN');
    clock.set(new Date(before.getTime() + 3_600_000));
    expect(await statusOf()).toBe('EXPIRED');
    clock.set(before);
    expect(await statusOf()).toBe('OPEN');
  });

  it('the mediator ends mediation; afterwards mediation commands are refused and append nothing', async () => {
    expect((await act(consumer, 'endMediation', { reason: 'NO_AGREEMENT' })).error?.extensions?.code).toBe('FORBIDDEN');
    const { dispute } = await act(mediator, 'endMediation', { reason: 'PARTY_DECLARED_IMPOSSIBLE', note: '诊所不同意书面协议' });
    expect(dispute).toMatchObject({ status: 'MEDIATION_FAILED', mediationEnd: { reason: 'PARTY_DECLARED_IMPOSSIBLE', note: '诊所不同意书面协议', automatic: false }, deadlines: [] });

    const late = await post(consumer, '还能再谈吗');
    expect(late.error?.extensions).toMatchObject({ code: 'INVALID_TRANSITION', status: 'MEDIATION_FAILED' });
    expect((await view(consumer)).version).toBe(dispute.version);
  });
});
