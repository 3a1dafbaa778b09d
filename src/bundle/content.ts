/**
 * What one reader's case bundle holds, as a pure function of the dispute's events and the reader:
 * their view of the dispute (view.ts, the same the API gives them), the timeline entries they may see
 * (the audit trail's own rule), the files to embed and the manifest with the chain proof.
 * Rendering (render.ts) only lays this out.
 */
import { auditSection, summarize } from '../audit/summary.ts';
import { verifyChain } from '../audit/hashChain.ts';
import type { Relation, Viewer } from '../dispute/access.ts';
import { foldDispute } from '../dispute/dispute.ts';
import type { StoredDisputeEvent } from '../dispute/events.ts';
import { seesSection, viewDispute } from '../dispute/view.ts';
import type { Dispute } from '../graphql/generated.ts';
import type { RuleParameters } from '../rules/parameters.ts';
import { ANCHOR_TYPES, MANIFEST_FORMAT, proofEntries, sha256Of, type BundleManifest, type ChainEvent, type EmbeddedFile } from './manifest.ts';

export interface TimelineEntry {
  position: number;
  occurredAt: string;
  actorRole: string;
  summary: string;
}

/** A file to embed: a text of the record (bytes at hand) or an evidence file (read from storage when embedded). */
export type Embedding = EmbeddedFile & ({ bytes: Buffer } | { evidence: { mediaType: string; fileName: string; description: string } });

export interface BundleContent {
  view: Dispute;
  relation: Relation;
  generatedBy: Viewer;
  generatedAt: string;
  timeline: TimelineEntry[];
  embeddings: Embedding[];
  manifest: BundleManifest;
}

export interface ContentInput {
  disputeId: string;
  /** The whole stream, its last event the BundleGenerated of this bundle. */
  events: Array<ChainEvent & { metadata: Record<string, unknown> }>;
  /** The same events as stored (personal data sealed, src/privacy), for the chain proof; default `events`. */
  storedEvents?: Array<ChainEvent & { metadata: Record<string, unknown> }>;
  viewer: Viewer;
  relation: Relation;
  rules: RuleParameters;
  /** Evidence ids whose files are in storage (others are listed but not embedded). */
  stored: ReadonlySet<string>;
}

const text = (name: string, kind: EmbeddedFile['kind'], body: string, sha256: string): Embedding => {
  const bytes = Buffer.from(body, 'utf8');
  return { name, kind, sha256, size: bytes.byteLength, bytes };
};

/** Attachment names: unique, ASCII-safe prefix, the original name kept after it. */
const evidenceName = (n: number, fileName: string) => `E${String(n).padStart(3, '0')}-${fileName}`;

export function bundleContent({ disputeId, events, storedEvents = events, viewer, relation, rules, stored }: ContentInput): BundleContent {
  const last = events.at(-1);
  if (last?.type !== 'BundleGenerated') throw new Error('a bundle is made after its generation is recorded');
  const generatedAt = String(last.metadata.occurredAt);
  const state = foldDispute(events as unknown as StoredDisputeEvent[], disputeId);
  const view = viewDispute(state, { relation, viewer, now: new Date(generatedAt), rules });

  const timeline = events
    .filter((e) => seesSection(auditSection(e.type, e.data), relation, viewer))
    .map((e) => ({
      position: e.revision,
      occurredAt: String(e.metadata.occurredAt),
      actorRole: String((e.metadata.actor as { role?: string } | undefined)?.role ?? ''),
      summary: summarize(e.type, e.data),
    }));

  const embeddings: Embedding[] = [];
  if (view.agreement) embeddings.push(text('agreement.txt', 'AGREEMENT', view.agreement.text, view.agreement.hash));
  const arbitration = view.arbitration;
  if (arbitration?.agreementText && arbitration.agreementHash) {
    embeddings.push(text('arbitration-agreement.txt', 'ARBITRATION_AGREEMENT', arbitration.agreementText, arbitration.agreementHash));
  }
  if (arbitration?.award) {
    const award = Buffer.from(arbitration.award.text, 'utf8');
    embeddings.push(text('award.txt', 'AWARD', arbitration.award.text, sha256Of(award)));
  }
  const notEmbedded: string[] = [];
  view.evidence.forEach((e, i) => {
    if (!stored.has(e.id)) return void notEmbedded.push(e.id);
    embeddings.push({
      name: evidenceName(i + 1, e.fileName),
      kind: 'EVIDENCE',
      ref: e.id,
      sha256: e.sha256,
      size: e.size,
      evidence: { mediaType: e.mediaType, fileName: e.fileName, description: e.description },
    });
  });

  // Anchors: only events whose content this reader sees in the bundle anyway.
  const shownEvidence = new Set(view.evidence.map((e) => e.id));
  const agreementId = view.agreement?.id;
  const anchor = (e: ChainEvent) => {
    if (!ANCHOR_TYPES.has(e.type)) return false;
    const d = e.data as { evidenceId?: string; agreementId?: string };
    switch (e.type) {
      case 'EvidenceSubmitted':
        return shownEvidence.has(d.evidenceId ?? '');
      case 'AgreementDrafted':
      case 'AgreementSigned':
      case 'SettlementReached':
        return agreementId !== undefined && d.agreementId === agreementId;
      case 'ArbitrationCommenced':
      case 'AwardRendered':
        return arbitration !== null && arbitration !== undefined;
      default:
        return e.revision === last.revision;
    }
  };
  const entries = proofEntries(storedEvents, anchor);

  const manifest: BundleManifest = {
    format: MANIFEST_FORMAT,
    disputeId: view.id,
    caseNumber: view.caseNumber,
    generatedAt,
    generatedBy: { userId: viewer.userId, role: viewer.role, name: viewer.name },
    view: relation,
    files: embeddings.map(({ name, kind, ref, sha256, size }) => ({ name, kind, ...(ref ? { ref } : {}), sha256, size })),
    notEmbedded,
    chain: {
      eventCount: entries.length,
      firstHash: entries[0]?.hash ?? '',
      lastHash: entries.at(-1)?.hash ?? '',
      verification: verifyChain(storedEvents),
      entries,
    },
  };
  return { view, relation, generatedBy: viewer, generatedAt, timeline, embeddings, manifest };
}
