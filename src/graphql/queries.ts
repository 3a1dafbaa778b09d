/** The read side of the API: disputes and their audit trail, the caller, institutions. */
import { getInstitution } from '../accounts/accounts.ts';
import { verifyChain } from '../audit/hashChain.ts';
import { viewerKeys, type Relation } from '../dispute/access.ts';
import { disputeStream } from '../dispute/events.ts';
import { seesSection } from '../dispute/view.ts';
import { badInput } from '../shared/errors.ts';
import { requireViewer, type GraphQLContext } from './context.ts';
import { show, visibleDispute } from './disputes.ts';
import { connection, pageOf } from './paging.ts';
import type { QueryResolvers } from './generated.ts';

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
    return ctx.platform.queries
      .auditTrail(disputeId)
      .filter((entry) => seesSection(entry.visibility, relation, ctx.viewer!))
      .map(({ visibility: _, actor, ...entry }) => ({ ...entry, actor: { userId: actor.userId, role: actor.role, onBehalfOf: actor.onBehalfOf ?? null } }));
  },

  /** Verified against the event store itself, not the read model: the read model could be rebuilt from altered events. */
  async verifyAuditTrail(_, { disputeId }, ctx) {
    visibleDispute(ctx, ctx.platform.queries.dispute(disputeId));
    const events = await ctx.platform.store.readStream(disputeStream(disputeId));
    const result = verifyChain(events);
    return { valid: result.valid, checkedEvents: result.checkedEvents, firstBrokenPosition: result.firstBrokenPosition ?? null };
  },
};
