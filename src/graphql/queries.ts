/** The read side of the API: disputes and their audit trail, the caller, institutions. */
import { getInstitution } from '../accounts/accounts.ts';
import { verifyChain } from '../audit/hashChain.ts';
import { redacted, verifyListedTrail, type TrailEntry } from '../audit/redaction.ts';
import { viewerKeys, type Relation } from '../dispute/access.ts';
import { disputeStream } from '../dispute/events.ts';
import { seesSection } from '../dispute/view.ts';
import { badInput } from '../shared/errors.ts';
import { requireViewer, type GraphQLContext } from './context.ts';
import { show, visibleDispute } from './disputes.ts';
import { connection, pageOf } from './paging.ts';
import type { QueryResolvers } from './generated.ts';

/** Every entry of the dispute's trail, those of parts the caller may not see as their hashes only. */
function trailAsSeen(ctx: GraphQLContext, disputeId: string, relation: Relation): TrailEntry[] {
  return ctx.platform.queries.auditTrail(disputeId).map(({ visibility, actor, ...entry }) =>
    seesSection(visibility, relation, ctx.viewer!)
      ? { ...entry, actor: { userId: actor.userId, role: actor.role, onBehalfOf: actor.onBehalfOf ?? null }, redacted: false }
      : redacted(entry),
  );
}

export const queries: QueryResolvers<GraphQLContext> = {
  async me(_, __, ctx) {
    if (!ctx.viewer || !ctx.account) return null;
    const { account, viewer } = ctx;
    const institution = account.institutionId ? await getInstitution(ctx.platform.store, account.institutionId) : undefined;
    return {
      id: account.id,
      email: account.email,
      name: account.name,
      roles: account.roles,
      role: viewer.role as never,
      institution: institution ? { ...institution, licence: institution.licence ?? null, record: undefined as never } : null,
      court: account.court ?? null,
      authority: account.authority ?? null,
      coordinator: account.coordinator ?? false,
    };
  },

  dispute(_, { id }, ctx) {
    const { state, relation } = visibleDispute(ctx, ctx.platform.queries.dispute(id));
    return show(ctx, state, relation);
  },

  disputeByCaseNumber(_, { caseNumber }, ctx) {
    const { state, relation } = visibleDispute(ctx, ctx.platform.queries.disputeByCaseNumber(caseNumber.trim()));
    return show(ctx, state, relation);
  },

  disputes(_, { filter, first, after }, ctx) {
    const viewer = requireViewer(ctx);
    const keys = viewerKeys(viewer).filter((key) => !filter?.assignedToMe || !key.endsWith(':*'));
    const paging = pageOf(first, after);
    if (paging.issues.length > 0) throw badInput(paging.issues);
    const page = ctx.platform.queries.disputes(
      keys,
      { status: filter?.status ?? undefined, category: filter?.category ?? undefined, institutionId: filter?.institutionId ?? undefined },
      paging.first,
      paging.afterSeq,
    );
    const edges = page.items.map(({ cursor, state }) => {
      const { relation } = visibleDispute(ctx, state);
      return { cursor, node: show(ctx, state, relation) };
    });
    return connection(edges, page.hasNextPage, page.totalCount);
  },

  auditTrail(_, { disputeId }, ctx) {
    const { relation } = visibleDispute(ctx, ctx.platform.queries.dispute(disputeId));
    return trailAsSeen(ctx, disputeId, relation);
  },

  /**
   * Verified against the event store itself, not the read model: the read model could be rebuilt
   * from altered events. Every event is checked, the hidden ones too, and the trail the caller is
   * shown must be that chain: the same hashes at every position, each linked to the one before.
   */
  async verifyAuditTrail(_, { disputeId }, ctx) {
    const { relation } = visibleDispute(ctx, ctx.platform.queries.dispute(disputeId));
    // The stored (sealed) events: the chain covers the ciphertext.
    const events = await ctx.platform.rawStore.readStream(disputeStream(disputeId));
    const listed = trailAsSeen(ctx, disputeId, relation).slice(0, events.length);
    const stored = verifyChain(events);
    const linked = verifyListedTrail(listed);
    const differs = listed.find((entry, i) => entry.hash !== events[i]!.metadata.hash || entry.previousHash !== events[i]!.metadata.previousHash);
    const broken = [stored.firstBrokenPosition, linked.firstBrokenPosition, differs?.position].filter((p) => p !== undefined);
    return {
      valid: broken.length === 0,
      checkedEvents: broken.length === 0 ? events.length : stored.checkedEvents,
      firstBrokenPosition: broken.length === 0 ? null : Math.min(...broken),
    };
  },
};
