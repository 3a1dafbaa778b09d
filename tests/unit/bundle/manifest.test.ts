/** The offline check of a bundle's manifest (pure): each kind of alteration is named. */
import { describe, expect, it } from 'vitest';
import { chainHash, GENESIS_HASH, verifyChain } from '../../../src/audit/hashChain.ts';
import { MANIFEST_FORMAT, proofEntries, sha256Of, verifyBundle, type BundleManifest, type ChainEvent } from '../../../src/bundle/manifest.ts';

const photo = Buffer.from('pretend-jpeg-bytes');
const agreement = Buffer.from('人民调解协议书\n诊所退款', 'utf8');

function chain(): ChainEvent[] {
  const raw = [
    { type: 'DisputeFiled', data: { claimant: { phone: '13912341111' } } },
    { type: 'EvidenceSubmitted', data: { evidenceId: 'ev-1', sha256: sha256Of(photo), size: photo.byteLength } },
    { type: 'AgreementDrafted', data: { agreementId: 'a-1', text: agreement.toString('utf8'), hash: sha256Of(agreement) } },
    { type: 'BundleGenerated', data: { view: 'COURT' } },
  ];
  let previous = GENESIS_HASH;
  return raw.map((e, revision) => {
    const metadata: Record<string, unknown> = { actor: { userId: 'u-court', role: 'COURT' }, occurredAt: '2026-03-06T07:00:00.000Z', previousHash: previous };
    metadata.hash = chainHash(previous, { ...e, metadata, revision });
    previous = metadata.hash as string;
    return { ...e, metadata, revision };
  });
}

function bundle() {
  const events = chain();
  const entries = proofEntries(events, (e) => e.type !== 'DisputeFiled');
  const manifest: BundleManifest = {
    format: MANIFEST_FORMAT,
    disputeId: 'd-1',
    caseNumber: '2026-YM-000001',
    generatedAt: '2026-03-06T07:00:00.000Z',
    generatedBy: { userId: 'u-court', role: 'COURT', name: '法官' },
    view: 'COURT',
    files: [
      { name: 'agreement.txt', kind: 'AGREEMENT', sha256: sha256Of(agreement), size: agreement.byteLength },
      { name: 'E001-photo.jpg', kind: 'EVIDENCE', ref: 'ev-1', sha256: sha256Of(photo), size: photo.byteLength },
    ],
    notEmbedded: [],
    chain: { eventCount: 4, firstHash: entries[0]!.hash, lastHash: entries[3]!.hash, verification: verifyChain(events), entries },
  };
  const files = new Map<string, Uint8Array>([['agreement.txt', agreement], ['E001-photo.jpg', photo]]);
  return { manifest, files };
}

describe('verifyBundle', () => {
  it('passes an intact bundle, and the proof hides the content of events it does not anchor', () => {
    const { manifest, files } = bundle();
    expect(verifyBundle(JSON.stringify(manifest), files)).toMatchObject({ valid: true, problems: [], checkedFiles: 2, checkedEvents: 4 });
    expect(JSON.stringify(manifest)).not.toContain('13912341111');
  });

  it('names an altered file', () => {
    const { manifest, files } = bundle();
    files.set('E001-photo.jpg', Buffer.from('pretend-jpeg-bytez'));
    expect(verifyBundle(JSON.stringify(manifest), files).problems).toEqual([expect.stringMatching(/^E001-photo\.jpg: altered/)]);
  });

  it('names a file whose manifest hash was rewritten to match, since the chain recorded another', () => {
    const { manifest, files } = bundle();
    const forged = Buffer.from('人民调解协议书\n诊所不退款', 'utf8');
    files.set('agreement.txt', forged);
    manifest.files[0] = { ...manifest.files[0]!, sha256: sha256Of(forged), size: forged.byteLength };
    expect(verifyBundle(JSON.stringify(manifest), files).problems).toEqual(['agreement.txt: not the file the audit chain recorded']);
  });

  it('names an anchored event whose content was changed, a broken link, a missing file and an extra one', () => {
    const { manifest, files } = bundle();
    (manifest.chain.entries[2]!.event!.data as { text: string }).text = '改过的文本';
    manifest.chain.entries[1]!.previousHash = 'f'.repeat(64);
    files.delete('E001-photo.jpg');
    files.set('extra.bin', Buffer.from('x'));
    const { valid, problems } = verifyBundle(JSON.stringify(manifest), files);
    expect(valid).toBe(false);
    expect(problems).toEqual(
      expect.arrayContaining([
        'chain: event AgreementDrafted at position 2 altered',
        'chain: link broken at position 1',
        'E001-photo.jpg: missing',
        'extra.bin: not in the manifest',
      ]),
    );
  });

  it('refuses a missing or unreadable manifest', () => {
    expect(verifyBundle(undefined, new Map()).problems).toEqual(['manifest.json: missing']);
    expect(verifyBundle('{', new Map()).problems).toEqual(['manifest.json: not valid JSON']);
  });
});
