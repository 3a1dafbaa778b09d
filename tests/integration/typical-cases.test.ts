/**
 * Typical cases (典型案例) through the real server: the mediator of a closed case proposes it, both
 * parties consent, an intake officer publishes it; anyone reads it without signing in, de-identified
 * and without evidence; withdrawn, it is gone. A party who declines blocks publication.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ok, refused, settled, startWithCast, type Cast, type ObligationInput } from '../support/cases.ts';
import type { TestServer } from '../support/server.ts';
import * as sample from '../unit/evidence/samples.ts';

const TITLE = '玻尿酸注射致血管栓塞退费案';
/** What a mediator might write: full of what must not be published. */
const SUMMARY = [
  '消费者张三（电话13912341111，身份证号11010519491231002X，家住深圳市福田区福华路1号）于2026年1月10日在美丽医疗美容诊所注射玻尿酸，支付12,800元。',
  '术后出现血管栓塞，主治医生刘建国称属正常反应。张三提交了照片 术后照片IMG_0310.png。',
  '调解员王调解于2026-11-16主持调解，诊所同意退还12,800元并书面道歉。',
  '启示：求美者应选择有资质的机构，并保留付款凭证。',
].join('\n');

const CASE_FIELDS = `id title summary category categories procedure mediationProcedure outcome month closedMonth
  amountPaid { amountFen } amountClaimed { amountFen } amountAgreed { amountFen } publishedAt`;
const PROPOSAL = `typicalCase { id status title summary consents { side consent answeredAt } publishedAt withdrawnAt preview { ${CASE_FIELDS} } }`;
const PUBLIC = `query($category: Category, $search: String, $first: Int, $after: String) {
  typicalCases(category: $category, search: $search, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { cursor node { ${CASE_FIELDS} } } } }`;

const DUE = '2026-12-31';
const OBLIGATIONS: ObligationInput[] = [
  { debtor: 'RESPONDENT', kind: 'REFUND', amountFen: 1_280_000, dueDate: DUE },
  { debtor: 'RESPONDENT', kind: 'APOLOGY', description: '书面赔礼道歉', dueDate: DUE },
];

/** Settled, evidence uploaded, both obligations performed and confirmed: CLOSED(FULFILLED). */
async function closedCase(server: TestServer, c: Cast): Promise<string> {
  const { id, obligationIds } = await settled(server, c, OBLIGATIONS);
  const form = new FormData();
  form.append('kind', 'PHOTO');
  form.append('description', '术后面部照片');
  form.append('file', new Blob([new Uint8Array(sample.png('typical'))]), '术后照片IMG_0310.png');
  const upload = await fetch(`${server.url}/disputes/${id}/evidence`, { method: 'POST', headers: { authorization: `Bearer ${c.consumer.token}` }, body: form });
  expect(upload.status).toBe(201);
  let status = '';
  for (const obligationId of obligationIds) {
    await ok(server, c.clinic, id, 'recordPerformance', { obligationId });
    ({ status } = await ok(server, c.consumer, id, 'confirmPerformance', { obligationId }, 'status'));
  }
  expect(status).toBe('CLOSED');
  return id;
}

describe('typical cases', () => {
  let server: TestServer;
  let c: Cast;

  beforeAll(async () => {
    ({ server, cast: c } = await startWithCast());
  });
  afterAll(async () => {
    await server?.close();
  });

  const publicList = async (variables: Record<string, unknown> = {}) => {
    const result = await server.gql(undefined, PUBLIC, variables);
    expect(result.errors).toBeUndefined();
    return result.data.typicalCases;
  };

  it('proposed, consented by both, published: anyone reads it de-identified and without evidence; withdrawn, it is gone', async () => {
    const id = await closedCase(server, c);
    const before = (await publicList()).totalCount as number;

    const proposed = await ok(server, c.mediator, id, 'proposeTypicalCase', { title: TITLE, summary: SUMMARY }, PROPOSAL);
    expect(proposed.typicalCase).toMatchObject({ status: 'PROPOSED', title: TITLE, summary: SUMMARY, consents: [], publishedAt: null });
    // The parties see before they answer what the public would read.
    const seen = await ok(server, c.consumer, id, 'answerTypicalCaseConsent', { consent: true }, PROPOSAL);
    expect(seen.typicalCase.preview.summary).not.toContain('张三');
    expect(seen.typicalCase.consents).toEqual([{ side: 'CLAIMANT', consent: true, answeredAt: expect.any(String) }]);
    // Not yet: the clinic has not answered.
    const early = await refused(server, c.officer, id, 'publishTypicalCase');
    expect(early.extensions).toMatchObject({ code: 'INVALID_TRANSITION', missingConsent: ['RESPONDENT'] });
    await ok(server, c.clinic, id, 'answerTypicalCaseConsent', { consent: true });
    const published = await ok(server, c.officer, id, 'publishTypicalCase', {}, PROPOSAL);
    expect(published.typicalCase.status).toBe('PUBLISHED');

    const list = await publicList();
    expect(list.totalCount).toBe(before + 1);
    const node = list.edges[0].node;
    expect(node).toMatchObject({
      id: proposed.typicalCase.id,
      title: TITLE,
      category: 'MEDICAL_INJURY',
      categories: ['MEDICAL_INJURY', 'FALSE_ADVERTISING'],
      procedure: '玻尿酸注射',
      mediationProcedure: 'MEDICAL_DISPUTE_MEDIATION',
      outcome: 'FULFILLED',
      month: '2026-11',
      closedMonth: '2026-11',
      amountPaid: { amountFen: 1_280_000 },
      amountClaimed: { amountFen: 1_780_000 },
      amountAgreed: { amountFen: 1_280_000 },
      publishedAt: expect.any(String),
    });
    // Everything but the publication instant (the organisation's own act, not a fact of the case).
    const { publishedAt: _, ...facts } = node;
    const text = JSON.stringify(facts);
    for (const secret of ['张三', '13912341111', '11010519491231002X', '福华路1号', '美丽医疗美容', '美丽诊所', '刘建国', '王调解', '1月10日', '2026-11-16', 'IMG_0310', '术后面部照片']) {
      expect(text, secret).not.toContain(secret);
    }
    expect(node.summary).toContain('12,800元');
    expect(node.summary).toContain('2026年1月');
    expect(node.summary).toContain('启示：求美者应选择有资质的机构');
    // Exactly what the parties were shown.
    expect(node.summary).toBe(seen.typicalCase.preview.summary);

    expect((await publicList({ category: 'FALSE_ADVERTISING' })).edges.map((e: any) => e.node.id)).toContain(node.id);
    expect((await publicList({ category: 'PRICE_FRAUD' })).edges.map((e: any) => e.node.id)).not.toContain(node.id);
    expect((await publicList({ search: '有资质的机构' })).edges.map((e: any) => e.node.id)).toEqual([node.id]);
    expect((await publicList({ search: '张三' })).totalCount).toBe(0);

    await ok(server, c.officer, id, 'withdrawTypicalCase', { reason: '当事人要求' });
    const after = await publicList();
    expect(after.totalCount).toBe(before);
    expect(after.edges.map((e: any) => e.node.id)).not.toContain(node.id);
  });

  it('a party who declines blocks publication and nothing is appended', async () => {
    const id = await closedCase(server, c);
    await ok(server, c.mediator, id, 'proposeTypicalCase', { title: TITLE, summary: SUMMARY });
    await ok(server, c.consumer, id, 'answerTypicalCaseConsent', { consent: true });
    await ok(server, c.clinic, id, 'answerTypicalCaseConsent', { consent: false });
    const version = server.platform.queries.dispute(id)!.version;
    const error = await refused(server, c.officer, id, 'publishTypicalCase');
    expect(error.extensions).toMatchObject({ code: 'INVALID_TRANSITION', missingConsent: ['RESPONDENT'] });
    expect(server.platform.queries.dispute(id)!.version).toBe(version);
    const dispute = await server.gql(c.consumer.token, `query($id: ID!) { dispute(id: $id) { ${PROPOSAL} } }`, { id });
    expect(dispute.data.dispute.typicalCase).toMatchObject({ status: 'PROPOSED', publishedAt: null });
  });

  it('who sees the proposal: the parties, the mediator and intake; input errors name the field', async () => {
    const id = await closedCase(server, c);
    const bad = await refused(server, c.mediator, id, 'proposeTypicalCase', { title: '   ', summary: 'x'.repeat(10_001) });
    expect(bad.extensions?.code).toBe('BAD_USER_INPUT');
    expect((bad.extensions?.issues as Array<{ path: string }>).map((i) => i.path).sort()).toEqual(['summary', 'title']);
    await ok(server, c.mediator, id, 'proposeTypicalCase', { title: TITLE, summary: SUMMARY });
    const field = `query($id: ID!) { dispute(id: $id) { typicalCase { status } } }`;
    for (const who of [c.consumer, c.clinic, c.mediator, c.officer]) {
      expect((await server.gql(who.token, field, { id })).data.dispute.typicalCase).toEqual({ status: 'PROPOSED' });
    }
    const stranger = await server.gql(c.otherCourt.token, field, { id });
    expect(stranger.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('the public list pages and refuses bad arguments naming them', async () => {
    const first = await server.gql(undefined, PUBLIC, { first: 101 });
    expect(first.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', issues: [{ path: 'first' }] });
    const search = await server.gql(undefined, PUBLIC, { search: '字'.repeat(101) });
    expect(search.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', issues: [{ path: 'search' }] });
    const cursor = await server.gql(undefined, PUBLIC, { after: 'nonsense' });
    expect(cursor.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', issues: [{ path: 'after' }] });

    // Two published cases, one per page.
    for (let i = 0; i < 2; i++) {
      const id = await closedCase(server, c);
      await ok(server, c.mediator, id, 'proposeTypicalCase', { title: `分页案例${i}`, summary: '启示：保留凭证。' });
      await ok(server, c.consumer, id, 'answerTypicalCaseConsent', { consent: true });
      await ok(server, c.clinic, id, 'answerTypicalCaseConsent', { consent: true });
      await ok(server, c.officer, id, 'publishTypicalCase');
    }
    const page1 = await publicList({ search: '保留凭证', first: 1 });
    expect(page1.totalCount).toBe(2);
    expect(page1.pageInfo.hasNextPage).toBe(true);
    const page2 = await publicList({ search: '保留凭证', first: 1, after: page1.pageInfo.endCursor });
    expect(page2.pageInfo.hasNextPage).toBe(false);
    expect([page1.edges[0].node.title, page2.edges[0].node.title]).toEqual(['分页案例1', '分页案例0']);
  });
});
