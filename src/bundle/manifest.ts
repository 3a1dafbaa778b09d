/**
 * The manifest a case bundle embeds (manifest.json), and its offline check (`cli bundle:verify`).
 *
 * The chain proof lists every event of the dispute by position and hash link only, so it reveals
 * nothing a reader may not see; the events that carry what the bundle embeds (the evidence records
 * with their SHA-256, the agreement and award texts, the signatures, this generation) are given in
 * full, so the verifier recomputes their hashes and ties each embedded file to the chain. What the
 * offline check cannot prove is that the chain is the platform's own: compare `lastHash` with the
 * platform's audit trail (`auditTrail`, `verifyAuditTrail`) for that.
 */
import { createHash } from 'node:crypto';
import { chainHash, GENESIS_HASH, type ChainVerification } from '../audit/hashChain.ts';
import type { Relation } from '../dispute/access.ts';
import { isEnvelope, SEALED } from '../privacy/envelope.ts';

export const MANIFEST_NAME = 'manifest.json';
export const MANIFEST_FORMAT = 'yimei-case-bundle/1';

export type EmbeddedKind = 'EVIDENCE' | 'AGREEMENT' | 'ARBITRATION_AGREEMENT' | 'AWARD';

export interface EmbeddedFile {
  /** The attachment's name in the PDF. */
  name: string;
  kind: EmbeddedKind;
  /** The evidence id, for EVIDENCE. */
  ref?: string;
  sha256: string;
  size: number;
}

export interface ProofEntry {
  position: number;
  previousHash: string;
  hash: string;
  /** The whole event, for the events that anchor what the bundle embeds. */
  event?: { type: string; data: unknown; metadata: Record<string, unknown> };
}

export interface BundleManifest {
  format: typeof MANIFEST_FORMAT;
  disputeId: string;
  caseNumber: string;
  generatedAt: string;
  generatedBy: { userId: string; role: string; name: string };
  /** Whose view the bundle holds (src/dispute/access.ts). */
  view: Relation;
  files: EmbeddedFile[];
  /** Evidence listed in the index whose file was not found in storage, so not embedded. */
  notEmbedded: string[];
  chain: {
    eventCount: number;
    firstHash: string;
    lastHash: string;
    /** The check of the whole stream against the event store when the bundle was made. */
    verification: ChainVerification;
    entries: ProofEntry[];
  };
}

export const sha256Of = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** Event types whose full content goes into the proof (they carry what the bundle embeds or attests). */
export const ANCHOR_TYPES: ReadonlySet<string> = new Set([
  'EvidenceSubmitted',
  'AgreementDrafted',
  'AgreementSigned',
  'SettlementReached',
  'ArbitrationCommenced',
  'AwardRendered',
  'BundleGenerated',
]);

export interface ChainEvent {
  type: string;
  data: unknown;
  metadata: Record<string, unknown>;
  revision: number;
}

/** The proof of a stream: hash links of all, full content of the anchors the reader may see. */
export function proofEntries(events: ChainEvent[], anchor: (event: ChainEvent) => boolean): ProofEntry[] {
  return events.map((e) => ({
    position: e.revision,
    previousHash: String(e.metadata.previousHash ?? ''),
    hash: String(e.metadata.hash ?? ''),
    ...(anchor(e) ? { event: { type: e.type, data: e.data, metadata: e.metadata } } : {}),
  }));
}

export interface BundleVerification {
  valid: boolean;
  /** One line per thing found altered, naming it. */
  problems: string[];
  checkedFiles: number;
  checkedEvents: number;
}

type Data = Record<string, unknown>;

/**
 * Checks a bundle from what was extracted from the PDF: the manifest's text and every attachment.
 * Pure, so that each alteration can be tested without a PDF.
 */
export function verifyBundle(manifestText: string | undefined, attachments: ReadonlyMap<string, Uint8Array>): BundleVerification {
  const problems: string[] = [];
  const result = (checkedFiles = 0, checkedEvents = 0) => ({ valid: problems.length === 0, problems, checkedFiles, checkedEvents });
  if (manifestText === undefined) return (problems.push(`${MANIFEST_NAME}: missing`), result());
  let manifest: BundleManifest;
  try {
    manifest = JSON.parse(manifestText) as BundleManifest;
  } catch {
    return (problems.push(`${MANIFEST_NAME}: not valid JSON`), result());
  }
  if (manifest?.format !== MANIFEST_FORMAT || !Array.isArray(manifest.files) || !Array.isArray(manifest.chain?.entries)) {
    return (problems.push(`${MANIFEST_NAME}: not a ${MANIFEST_FORMAT} manifest`), result());
  }

  // The chain: complete, linked from the genesis, each anchor's content hashing to its link.
  const { entries } = manifest.chain;
  const anchors = new Map<string, Array<{ data: Data; metadata: Data }>>();
  let previous = GENESIS_HASH;
  for (const [i, entry] of entries.entries()) {
    if (entry.position !== i) problems.push(`chain: entry ${i} is at position ${entry.position}`);
    if (entry.previousHash !== previous) problems.push(`chain: link broken at position ${entry.position}`);
    if (entry.event) {
      const { type, data, metadata } = entry.event;
      if (chainHash(entry.previousHash, { type, data, metadata, revision: entry.position }) !== entry.hash) {
        problems.push(`chain: event ${type} at position ${entry.position} altered`);
      }
      anchors.set(type, [...(anchors.get(type) ?? []), { data: data as Data, metadata }]);
    }
    previous = entry.hash;
  }
  const { chain } = manifest;
  if (chain.eventCount !== entries.length) problems.push(`chain: ${entries.length} entries, the manifest says ${chain.eventCount}`);
  if (entries.length > 0 && (chain.firstHash !== entries[0]!.hash || chain.lastHash !== entries.at(-1)!.hash)) {
    problems.push('chain: first or last hash differs from the entries');
  }
  if (!chain.verification?.valid) problems.push(`chain: broken at position ${chain.verification?.firstBrokenPosition} when the bundle was made`);

  // The generation itself is the chain's last event.
  const generation = entries.at(-1)?.event;
  const actor = (generation?.metadata.actor ?? {}) as Data;
  if (generation?.type !== 'BundleGenerated' || (generation.data as Data).view !== manifest.view || actor.userId !== manifest.generatedBy?.userId) {
    problems.push('manifest: who generated it, or for whose view, differs from the chain');
  }

  // Each embedded file: present, unaltered, and the one the chain recorded.
  const listed = new Set<string>([MANIFEST_NAME]);
  for (const file of manifest.files) {
    listed.add(file.name);
    const bytes = attachments.get(file.name);
    if (!bytes) {
      problems.push(`${file.name}: missing`);
      continue;
    }
    const sha256 = sha256Of(bytes);
    if (sha256 !== file.sha256 || bytes.byteLength !== file.size) problems.push(`${file.name}: altered (SHA-256 ${sha256}, the manifest says ${file.sha256})`);
    if (!recordedInChain(file, anchors)) problems.push(`${file.name}: not the file the audit chain recorded`);
  }
  for (const name of attachments.keys()) if (!listed.has(name)) problems.push(`${name}: not in the manifest`);
  return result(manifest.files.length, entries.length);
}

function recordedInChain(file: EmbeddedFile, anchors: ReadonlyMap<string, Array<{ data: Data }>>): boolean {
  const of = (type: string) => (anchors.get(type) ?? []).map((a) => a.data);
  // A text sealed as personal data (src/privacy: null in the data, named by its envelope) cannot be
  // hashed offline: the SHA-256 the chain recorded beside it stands for it.
  const sealed = (d: Data, field: string) => {
    const envelope = d[SEALED];
    return isEnvelope(envelope) && (envelope.paths ?? []).includes(field);
  };
  const textHash = (d: Data, field: string, recorded?: unknown) =>
    typeof d[field] === 'string' ? sha256Of(Buffer.from(d[field], 'utf8')) : sealed(d, field) && typeof recorded === 'string' ? recorded : undefined;
  switch (file.kind) {
    case 'EVIDENCE':
      return of('EvidenceSubmitted').some((d) => d.evidenceId === file.ref && d.sha256 === file.sha256 && d.size === file.size);
    case 'AGREEMENT':
      return of('AgreementDrafted').some((d) => d.hash === file.sha256 && textHash(d, 'text', d.hash) === file.sha256);
    case 'ARBITRATION_AGREEMENT':
      return of('ArbitrationCommenced').some((d) => d.agreementHash === file.sha256 && textHash(d, 'agreementText', d.agreementHash) === file.sha256);
    case 'AWARD':
      return of('AwardRendered').some((d) => textHash(d, 'text') === file.sha256);
  }
}
