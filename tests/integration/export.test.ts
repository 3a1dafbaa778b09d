import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXPORT_VERSION } from '../../src/privacy/export.ts';
import { drafted, inMediation, obligations, ok, signedByAll, startWithCast, type Cast } from '../support/cases.ts';
import type { TestServer } from '../support/server.ts';
import * as sample from '../unit/evidence/samples.ts';

describe('GET /me/export.json: a person’s copy of their data', () => {
  let server: TestServer;
  let c: Cast;
  let id: string;
  let evidenceId: string;
  const exportAs = (token?: string) => fetch(`${server.url}/me/export.json`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

  beforeAll(async () => {
    ({ server, cast: c } = await startWithCast({ mail: true }));
    id = await inMediation(server, c, { claimant: { name: '张三', phone: '13912341111', address: '深圳市福田区' } });
    await ok(server, c.consumer, id, 'postMessage', { body: '希望全额退款' });
    await ok(server, c.clinic, id, 'postMessage', { body: '我方愿意协商' });
    const form = new FormData();
    form.append('kind', 'PHOTO');
    form.append('description', '术后照片');
    form.append('file', new Blob([new Uint8Array(sample.png())]), 'photo.png');
    const uploaded = await fetch(`${server.url}/disputes/${id}/evidence`, { method: 'POST', headers: { authorization: `Bearer ${c.consumer.token}` }, body: form });
    expect(uploaded.status).toBe(201);
    evidenceId = ((await uploaded.json()) as { id: string }).id;
    // The mediator reads the consumer's phone: the export lists who.
    expect((await server.gql(c.mediator.token, `query($id: ID!) { dispute(id: $id) { claimant { phone } } }`, { id })).errors).toBeUndefined();
    for (let i = 0; i < 200 && server.platform.mail.toRecipient(c.consumer.id).length === 0; i++) await new Promise((r) => setTimeout(r, 25));
  });
  afterAll(() => server.close());

  it('is 401 without a bearer token', async () => {
    expect((await exportAs()).status).toBe(401);
    expect((await exportAs('not-a-token')).status).toBe(401);
  });

  it('holds the account, the disputes as the person sees them, their messages, evidence, mail and who read their data', async () => {
    const response = await exportAs(c.consumer.token);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="my-data-\d{4}-\d{2}-\d{2}\.json"$/);
    const body = (await response.json()) as any;
    expect(body).toMatchObject({ format: 'yimei-personal-data-export', version: EXPORT_VERSION });
    expect(body.exportedAt.slice(0, 10)).toBe(server.config.clock.now().toISOString().slice(0, 10));
    expect(body.account).toMatchObject({ id: c.consumer.id, email: c.consumer.email, name: '张三', roles: ['CONSUMER'] });

    expect(body.disputes).toHaveLength(1);
    expect(body.disputes[0].relation).toBe('CLAIMANT');
    expect(body.disputes[0].dispute).toMatchObject({ id, viewerRelation: 'CLAIMANT', claimant: { phone: '13912341111', address: '深圳市福田区' } });
    // Their own messages only; the clinic's stays in the dispute's view.
    expect(body.messages.map((m: any) => m.body)).toEqual(['希望全额退款']);
    expect(body.evidence).toEqual([expect.objectContaining({ id: evidenceId, fileName: 'photo.png', download: `/disputes/${id}/evidence/${evidenceId}` })]);
    const download = await fetch(`${server.url}${body.evidence[0].download}`, { headers: { authorization: `Bearer ${c.consumer.token}` } });
    expect(download.status).toBe(200);
    await download.arrayBuffer();

    expect(body.mail.length).toBeGreaterThan(0);
    expect(body.mail.every((m: any) => m.disputeId === id && typeof m.subject === 'string')).toBe(true);
    expect(body.accessLog).toEqual(
      expect.arrayContaining([expect.objectContaining({ readerId: c.mediator.id, readerRole: 'MEDIATOR', disputeId: id, field: 'claimant.phone' })]),
    );
    expect(body.consents).toEqual([]);
    expect(body.erasure).toEqual([]);
  });

  it('is the caller’s own: the clinic’s export lists the dispute as the clinic sees it and logs what it shows of the consumer', async () => {
    const before = (await server.platform.accessLog.entriesOf(c.consumer.id)).length;
    const body = (await (await exportAs(c.clinic.token)).json()) as any;
    expect(body.account.id).toBe(c.clinic.id);
    expect(body.disputes.map((d: any) => [d.dispute.id, d.relation, d.dispute.claimant.phone])).toEqual([[id, 'RESPONDENT', '139****1111']]);
    expect(body.messages.map((m: any) => m.body)).toEqual(['我方愿意协商']);
    expect(body.accessLog).toEqual([]);
    const logged = (await server.platform.accessLog.entriesOf(c.consumer.id)).slice(before);
    // The masked phone is not a read; the evidence it lists is.
    expect(logged.map((e) => [e.readerId, e.field, e.ref, e.channel])).toEqual([[c.clinic.id, 'evidence.description', evidenceId, 'EXPORT']]);
  });

  it('lists the consents the person gave: their signature over the agreement text', async () => {
    const second = await inMediation(server, c);
    const hash = await drafted(server, c, second, obligations('2026-12-31'));
    await signedByAll(server, c, second, hash);
    const body = (await (await exportAs(c.consumer.token)).json()) as any;
    expect(body.disputes.map((d: any) => d.dispute.id).sort()).toEqual([id, second].sort());
    expect(body.consents).toEqual([expect.objectContaining({ kind: 'SETTLEMENT_AGREEMENT_SIGNED', disputeId: second, textHash: hash })]);
  });

  it('makes a staff member no party: the mediator’s export lists no disputes', async () => {
    const body = (await (await exportAs(c.mediator.token)).json()) as any;
    expect(body.account.id).toBe(c.mediator.id);
    expect(body.disputes).toEqual([]);
  });
});
