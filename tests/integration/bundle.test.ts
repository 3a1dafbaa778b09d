/**
 * The case bundle (案件材料汇编) over HTTP: each reader's PDF, rendered to text with pdftotext,
 * holds what that reader may see and nothing more; NOT_FOUND as for an unknown dispute; the
 * generation is recorded; `cli bundle:verify` passes on the bundle and names what one altered byte changed.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../src/shared/clock.ts';
import { build, createPeople, EVIDENCE, MASKED_PHONE, MESSAGES, PHONE, STAGES, type Fixture, type People } from '../support/access-fixtures.ts';
import { runCli, startServer, type TestServer } from '../support/server.ts';
import * as sample from '../unit/evidence/samples.ts';

const CIRCUMSTANCES = '失业，无固定收入';

describe('case bundle', () => {
  let server: TestServer;
  let people: People;
  let fixture: Fixture;
  const bundles: Record<string, { pdf: Buffer; text: string; path: string }> = {};

  const get = (token: string | undefined, id: string) =>
    fetch(`${server.url}/disputes/${id}/bundle.pdf`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

  async function bundleOf(person: 'court' | 'claimant' | 'respondent') {
    const response = await get(people.cast[person].token, fixture.id);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    const pdf = Buffer.from(await response.arrayBuffer());
    const path = join(server.dataDir, `${person}.pdf`);
    writeFileSync(path, pdf);
    return { pdf, path, text: execFileSync('pdftotext', ['-enc', 'UTF-8', path, '-'], { encoding: 'utf8' }) };
  }

  beforeAll(async () => {
    server = await startServer({ clock: manualClock(new Date(STAGES.confirmationRequested.now)) });
    people = await createPeople(server);
    fixture = await build(server, people, 'confirmationRequested');
    const form = new FormData();
    form.append('kind', 'PHOTO');
    form.append('description', '术后面部照片');
    form.append('file', new Blob([new Uint8Array(sample.png('bundle'))]), '术后照片.png');
    const upload = await fetch(`${server.url}/disputes/${fixture.id}/evidence`, { method: 'POST', headers: { authorization: `Bearer ${people.cast.claimant.token}` }, body: form });
    expect(upload.status).toBe(201);
    for (const person of ['court', 'claimant', 'respondent'] as const) bundles[person] = await bundleOf(person);
  });
  afterAll(async () => {
    await server?.close();
  });

  it('gives the court the agreement, the record and the evidence index, without caucus, offers, circumstances or full contact data', () => {
    const { text } = bundles.court!;
    expect(text).toContain('案件材料汇编');
    expect(text).toContain(fixture.caseNumber);
    expect(text).toContain('人民调解协议书');
    expect(text).toContain(fixture.agreementHash!);
    expect(text).toContain('术后照片.png');
    expect(text).toContain(MASKED_PHONE);
    expect(text).not.toContain(PHONE);
    for (const body of Object.values(MESSAGES)) expect(text).not.toContain(body);
    expect(text).not.toContain('调解方案（');
    expect(text).not.toContain(CIRCUMSTANCES);
    expect(text).not.toContain(EVIDENCE.respondentCaucus);
  });

  it("gives the claimant their own caucus and circumstances, not the clinic's caucus", () => {
    const { text } = bundles.claimant!;
    expect(text).toContain(PHONE);
    expect(text).toContain(CIRCUMSTANCES);
    expect(text).toContain(MESSAGES.claimantCaucus);
    expect(text).toContain('调解方案（');
    expect(text).not.toContain(MESSAGES.respondentCaucus);
    expect(bundles.respondent!.text).toContain(MASKED_PHONE);
    expect(bundles.respondent!.text).not.toContain(CIRCUMSTANCES);
    expect(bundles.respondent!.text).not.toContain(MESSAGES.claimantCaucus);
  });

  it('is NOT_FOUND for a stranger exactly as for an unknown dispute, and refused without a token', async () => {
    const stranger = await get(people.cast.otherCourt.token, fixture.id);
    const unknown = await get(people.cast.otherCourt.token, '0190aaaa-0000-7000-8000-000000000000');
    expect(stranger.status).toBe(404);
    expect(await stranger.text()).toBe(await unknown.text());
    expect((await get(undefined, fixture.id)).status).toBe(401);
  });

  it('records each generation in the audit trail, naming who and whose view', async () => {
    const result = await server.gql(people.cast.intake.token, 'query($id: ID!) { auditTrail(disputeId: $id) { type actor { userId role } } }', { id: fixture.id });
    const generated = result.data.auditTrail.filter((e: { type: string }) => e.type === 'BundleGenerated');
    expect(generated.map((e: { actor: { userId: string } }) => e.actor.userId)).toEqual([people.cast.court.id, people.cast.claimant.id, people.cast.respondent.id]);
    const link = await server.gql(people.cast.court.token, 'query($id: ID!) { caseBundle(disputeId: $id) { url } }', { id: fixture.id });
    expect(link.data.caseBundle.url).toBe(`/disputes/${fixture.id}/bundle.pdf`);
  });

  it('verifies offline, and names the embedded file or agreement text in which one byte was altered', async () => {
    const { pdf, path } = bundles.court!;
    const ok = await runCli(server.dataDir, ['bundle:verify', path]);
    expect(ok.stdout).toMatch(/^OK: 2 embedded file\(s\)/);
    expect(ok.code).toBe(0);

    const alter = (needle: Buffer, name: string) => {
      const at = pdf.indexOf(needle);
      expect(at).toBeGreaterThan(0);
      const copy = Buffer.from(pdf);
      copy[at + needle.length - 1] = copy[at + needle.length - 1]! ^ 0x01;
      const altered = join(server.dataDir, name);
      writeFileSync(altered, copy);
      return altered;
    };
    const image = await runCli(server.dataDir, ['bundle:verify', alter(sample.png('bundle'), 'image.pdf')]);
    expect(image.code).toBe(1);
    expect(image.stdout).toMatch(/ALTERED E002-术后照片\.png: altered/);

    const agreement = await server.gql(people.cast.court.token, 'query($id: ID!) { dispute(id: $id) { agreement { text } } }', { id: fixture.id });
    const terms = await runCli(server.dataDir, ['bundle:verify', alter(Buffer.from(agreement.data.dispute.agreement.text, 'utf8'), 'terms.pdf')]);
    expect(terms.code).toBe(1);
    expect(terms.stdout).toMatch(/ALTERED agreement\.txt: altered/);
  });
});
