/**
 * A person's copy of their data (PIPL Art. 45; Civil Code Art. 1037): GET /me/export.json. One JSON
 * document, its shape versioned (EXPORT_VERSION; README "Personal data"): the account, the disputes
 * the person is party to as they may see them (their own view, src/dispute/view.ts), the messages
 * they wrote, the evidence they gave (with download links), the mail sent to them, who read their
 * data (the access log), the consents they gave, and the erasure stream (proposals, erasures).
 * What another person's data the person's own view shows them (a lawyer sees their client's phone)
 * is a read like any other and is logged.
 */
import type { FastifyPluginAsync } from 'fastify';
import { decodeCursor } from '../../projections/queries.ts';
import { getInstitution, viewerFor, type Account } from '../accounts/accounts.ts';
import { PARTY_RELATIONS, relationOf, viewerKeys, type Relation, type Viewer } from '../dispute/access.ts';
import type { DisputeState } from '../dispute/state.ts';
import { showsContactTo, viewDispute } from '../dispute/view.ts';
import { HTTP_STATUS } from '../evidence/routes.ts';
import type { Authenticate } from '../graphql/auth.ts';
import type { Dispute } from '../graphql/generated.ts';
import type { Platform } from '../platform.ts';
import { DomainError } from '../shared/errors.ts';
import { shownReads, type AccessLogEntry, type AccessRead } from './accessLog.ts';
import { erasureStream } from './erasure.ts';

export const EXPORT_VERSION = 1;
export const EXPORT_PATH = '/me/export.json';

export interface Consent {
  kind: 'SETTLEMENT_AGREEMENT_SIGNED' | 'ARBITRATION_AGREEMENT_SIGNED' | 'JUDICIAL_CONFIRMATION_APPLIED' | 'POWER_OF_ATTORNEY_GIVEN';
  disputeId: string;
  caseNumber: string;
  at: string;
  /** The SHA-256 of the text signed, where there is one. */
  textHash: string | null;
}

export interface PersonalDataExport {
  format: 'yimei-personal-data-export';
  version: typeof EXPORT_VERSION;
  exportedAt: string;
  account: {
    id: string;
    email: string;
    name: string;
    phone: string | null;
    roles: string[];
    createdAt: string;
    institution: { id: string; name: string; code: string } | null;
    court: string | null;
    authority: string | null;
    coordinator: boolean;
  };
  disputes: Array<{ relation: Relation; dispute: Dispute }>;
  messages: Array<{ disputeId: string; caseNumber: string; id: string; body: string; caucusWith: string | null; postedAt: string }>;
  evidence: Array<{
    disputeId: string;
    caseNumber: string;
    id: string;
    kind: string;
    description: string;
    fileName: string;
    mediaType: string;
    size: number;
    sha256: string;
    submittedAt: string;
    withdrawn: boolean;
    /** GET it with the same bearer token. */
    download: string;
  }>;
  mail: Array<{ disputeId: string; caseNumber: string; kind: string; subject: string; text: string; status: string; sentAt: string | null }>;
  accessLog: Array<Omit<AccessLogEntry, 'personId' | 'seq'>>;
  consents: Consent[];
  erasure: Array<{ type: string; at: string; data: unknown }>;
}

/** Every dispute the account is party to, in any of its roles, with the relation it has there. */
function partyDisputes(platform: Platform, account: Account): Array<{ state: DisputeState; relation: Relation; viewer: Viewer }> {
  const found = new Map<string, { state: DisputeState; relation: Relation; viewer: Viewer }>();
  for (const role of account.roles) {
    const viewer = viewerFor(account, role);
    // Keys every dispute grants (an intake officer's) make no one a party.
    const keys = viewerKeys(viewer).filter((key) => !key.endsWith(':*'));
    let after: number | undefined;
    for (;;) {
      const page = platform.queries.disputes(keys, {}, 100, after);
      for (const { state } of page.items) {
        const relation = relationOf(state, viewer);
        if (relation && PARTY_RELATIONS.includes(relation) && !found.has(state.id)) found.set(state.id, { state, relation, viewer });
      }
      if (!page.hasNextPage || page.items.length === 0) break;
      after = decodeCursor(page.items.at(-1)!.cursor);
    }
  }
  return [...found.values()].sort((a, b) => a.state.filedAt.localeCompare(b.state.filedAt));
}

function consentsOf(state: DisputeState, accountId: string): Consent[] {
  const at = { disputeId: state.id, caseNumber: state.caseNumber };
  const out: Consent[] = [];
  for (const s of state.agreement?.signatures ?? []) if (s.userId === accountId) out.push({ ...at, kind: 'SETTLEMENT_AGREEMENT_SIGNED', at: s.signedAt, textHash: s.hash });
  for (const s of state.arbitration?.signatures ?? []) if (s.userId === accountId) out.push({ ...at, kind: 'ARBITRATION_AGREEMENT_SIGNED', at: s.signedAt, textHash: s.textHash });
  for (const a of state.confirmation?.applications ?? []) if (a.userId === accountId) out.push({ ...at, kind: 'JUDICIAL_CONFIRMATION_APPLIED', at: a.appliedAt, textHash: null });
  if (state.claimant.userId === accountId && state.legalAid?.powerOfAttorney) {
    out.push({ ...at, kind: 'POWER_OF_ATTORNEY_GIVEN', at: state.legalAid.powerOfAttorney.recordedAt, textHash: null });
  }
  return out;
}

/** The export, and the reads of others' data it shows (to be logged before it is sent). */
export async function exportOf(platform: Platform, account: Account, viewer: Viewer): Promise<{ document: PersonalDataExport; reads: AccessRead[] }> {
  const now = platform.config.clock.now();
  const rules = platform.config.rules;
  const institution = account.institutionId ? await getInstitution(platform.store, account.institutionId) : undefined;
  const disputes = partyDisputes(platform, account);
  const reads: AccessRead[] = [];
  const views = disputes.map(({ state, relation, viewer: as }) => {
    const dispute = viewDispute(state, { relation, viewer: as, now, rules });
    reads.push(...shownReads(dispute, state.claimant.userId, showsContactTo(relation)));
    return { relation, dispute };
  });
  const mine = (userId: string) => userId === account.id;
  const log = await platform.accessLog.entriesOf(account.id);
  const erasure = await platform.store.readStream(erasureStream(account.id));

  const document: PersonalDataExport = {
    format: 'yimei-personal-data-export',
    version: EXPORT_VERSION,
    exportedAt: now.toISOString(),
    account: {
      id: account.id,
      email: account.email,
      name: account.name,
      phone: account.phone ?? null,
      roles: account.roles,
      createdAt: account.createdAt,
      institution: institution ? { id: institution.id, name: institution.name, code: institution.code } : null,
      court: account.court ?? null,
      authority: account.authority ?? null,
      coordinator: account.coordinator ?? false,
    },
    disputes: views,
    messages: views.flatMap(({ dispute }) =>
      dispute.messages
        .filter((m) => mine(m.author.userId))
        .map((m) => ({ disputeId: dispute.id, caseNumber: dispute.caseNumber, id: m.id, body: m.body, caucusWith: m.caucusWith ?? null, postedAt: m.postedAt })),
    ),
    evidence: views.flatMap(({ dispute }) =>
      dispute.evidence
        .filter((e) => mine(e.submittedBy.userId))
        .map((e) => ({
          disputeId: dispute.id,
          caseNumber: dispute.caseNumber,
          id: e.id,
          kind: e.kind,
          description: e.description,
          fileName: e.fileName,
          mediaType: e.mediaType,
          size: e.size,
          sha256: e.sha256,
          submittedAt: e.submittedAt,
          withdrawn: e.withdrawn,
          download: `/disputes/${encodeURIComponent(dispute.id)}/evidence/${encodeURIComponent(e.id)}`,
        })),
    ),
    mail: platform.mail.toRecipient(account.id).map((m) => ({
      disputeId: m.disputeId,
      caseNumber: m.caseNumber,
      kind: m.kind,
      subject: m.subject,
      text: m.text,
      status: m.status,
      sentAt: m.sentAt ?? null,
    })),
    accessLog: log.map(({ personId: _, seq: __, ...entry }) => entry),
    consents: disputes.flatMap(({ state }) => consentsOf(state, account.id)),
    erasure: erasure.map((e) => ({ type: e.type, at: String(e.metadata.occurredAt ?? ''), data: e.data })),
  };
  return { document, reads };
}

export const exportRoutes: FastifyPluginAsync<{ platform: Platform; authenticate: Authenticate }> = async (app, { platform, authenticate }) => {
  app.setErrorHandler((error, request, reply) => {
    if (error instanceof DomainError) return reply.code(HTTP_STATUS[error.code]).send({ error: { code: error.code, message: error.message } });
    request.log.error({ err: error }, 'export failed');
    return reply.code(500).send({ error: { code: 'INTERNAL', message: '内部错误 / internal error' } });
  });

  // No HEAD route: it would log reads that send nothing.
  app.get(EXPORT_PATH, { exposeHeadRoute: false }, async (request, reply) => {
    const { viewer, account } = await authenticate(request.headers.authorization);
    if (!viewer || !account) throw new DomainError('UNAUTHENTICATED', '请先登录 / sign in first');
    const { document, reads } = await exportOf(platform, account, viewer);
    await platform.accessLog.record(viewer, reads, 'EXPORT', request.id);
    const day = document.exportedAt.slice(0, 10);
    return reply
      .type('application/json; charset=utf-8')
      .header('content-disposition', `attachment; filename="my-data-${day}.json"`)
      .header('cache-control', 'private, no-store')
      .header('x-content-type-options', 'nosniff')
      .send(JSON.stringify(document, null, 2));
  });
};
