/**
 * The GraphQL fields that serve another person's contact data or evidence, and the query of the
 * access log. Each field records its read where it is resolved, so a read that does not select
 * these fields costs nothing extra; the answer waits until the entry is durable.
 */
import { accountQueries } from '../../projections/accounts.ts';
import { erasureProposalQueries } from '../../projections/erasureProposals.ts';
import { encodeCursor } from '../../projections/queries.ts';
import { requireViewer, type GraphQLContext } from '../graphql/context.ts';
import type { ClaimantResolvers, EvidenceResolvers, MailFailureResolvers, QueryResolvers } from '../graphql/generated.ts';
import { connection, pageOf } from '../graphql/paging.ts';
import { badInput, forbidden } from '../shared/errors.ts';
import type { AccessedField, AccessLogEntry } from './accessLog.ts';
import { RETENTION, type RetentionRule } from './retention.ts';
import { subjectOf } from './subject.ts';

async function served<T>(ctx: GraphQLContext, parent: object, field: AccessedField, value: T, ref?: string, onlyInFull = false): Promise<T> {
  const subject = subjectOf(parent);
  if (value === null || value === undefined || !subject || !ctx.viewer || (onlyInFull && !subject.inFull)) return value;
  await ctx.platform.accessLog.record(ctx.viewer, [{ personId: subject.personId, disputeId: subject.disputeId, caseNumber: subject.caseNumber, field, ref }], 'GRAPHQL', ctx.correlationId);
  return value;
}

export const claimantFields: ClaimantResolvers<GraphQLContext> = {
  // A masked phone (139****1111) reveals nothing to log.
  phone: (parent, _, ctx) => served(ctx, parent, 'claimant.phone', parent.phone, undefined, true),
  idNumber: (parent, _, ctx) => served(ctx, parent, 'claimant.idNumber', parent.idNumber, undefined, true),
  address: (parent, _, ctx) => served(ctx, parent, 'claimant.address', parent.address, undefined, true),
};

export const evidenceFields: EvidenceResolvers<GraphQLContext> = {
  description: (parent, _, ctx) => served(ctx, parent, 'evidence.description', parent.description, parent.id),
  fileName: (parent, _, ctx) => served(ctx, parent, 'evidence.fileName', parent.fileName, parent.id),
};

export const mailFailureFields: MailFailureResolvers<GraphQLContext> = {
  recipientEmail: (parent, _, ctx) => served(ctx, parent, 'account.email', parent.recipientEmail),
};

/** May this viewer read this person's access log? The person, or an ADMIN. */
export function mayReadAccessLog(viewer: { userId: string; role: string }, personId: string): boolean {
  return viewer.userId === personId || viewer.role === 'ADMIN';
}

/** An entry as shown: the reader's current name; the case number for the person (an ADMIN sees no case content). */
export function showEntry(ctx: GraphQLContext, entry: AccessLogEntry, readerName: (id: string) => string | null) {
  const admin = ctx.viewer?.role === 'ADMIN' && ctx.viewer.userId !== entry.personId;
  return {
    id: entry.id,
    at: entry.at,
    reader: { userId: entry.readerId, role: entry.readerRole, onBehalfOf: null },
    readerName: readerName(entry.readerId),
    disputeId: entry.disputeId,
    caseNumber: admin ? null : entry.caseNumber,
    field: entry.field,
    ref: entry.ref,
    channel: entry.channel,
  };
}

export const accessLogQueries: QueryResolvers<GraphQLContext> = {
  async personalDataAccessLog(_, { personId, first, after }, ctx) {
    const viewer = requireViewer(ctx);
    // Refused alike whether the id is a person or not: the answer tells a stranger nothing.
    if (!mayReadAccessLog(viewer, personId)) throw forbidden('only the person themselves or an administrator may read their access log');
    const paging = pageOf(first, after);
    if (paging.issues.length > 0) throw badInput(paging.issues);
    const newestFirst = (await ctx.platform.accessLog.entriesOf(personId)).reverse();
    const after_ = paging.afterSeq;
    const rest = after_ === undefined ? newestFirst : newestFirst.filter((e) => e.seq < after_);
    const accounts = accountQueries(ctx.platform.readModel);
    const names = new Map<string, string | null>();
    const readerName = (id: string) => {
      if (!names.has(id)) names.set(id, accounts.account(id)?.name ?? null);
      return names.get(id)!;
    };
    const edges = rest.slice(0, paging.first).map((entry) => ({ cursor: encodeCursor(entry.seq), node: showEntry(ctx, entry, readerName) }));
    return connection(edges, rest.length > paging.first, newestFirst.length);
  },
};

export const erasureQueries: QueryResolvers<GraphQLContext> = {
  erasureProposals(_, __, ctx) {
    const viewer = requireViewer(ctx);
    if (viewer.role !== 'ADMIN') throw forbidden('only an administrator sees erasure proposals');
    const accounts = accountQueries(ctx.platform.readModel);
    return erasureProposalQueries(ctx.platform.readModel)
      .open()
      .map((p) => {
        const rule = RETENTION[p.rule as RetentionRule];
        return { ...p, personName: accounts.account(p.personId)?.name ?? null, years: rule?.amount ?? 0, source: rule?.source ?? '' };
      });
  },
};
