/**
 * Typical cases over GraphQL: the mutations on a dispute, the proposal as the dispute's people see
 * it (Dispute.typicalCase), and the public list `typicalCases` (no sign-in).
 */
import { encodeCursor } from '../../projections/queries.ts';
import type { TypicalCaseRow } from '../../projections/typicalCases.ts';
import { relationOf, type Relation } from '../dispute/access.ts';
import type { DisputeState } from '../dispute/state.ts';
import type { GraphQLContext } from '../graphql/context.ts';
import { act } from '../graphql/disputes.ts';
import type { DisputeResolvers, MutationResolvers, QueryResolvers, TypicalCase } from '../graphql/generated.ts';
import { connection, pageOf } from '../graphql/paging.ts';
import { badInput, type InputIssue } from '../shared/errors.ts';
import { parseInput } from '../shared/validation.ts';
import { publishedCase, typicalCaseInputs, typicalCaseStatus } from './commands.ts';
import type { PublishedTypicalCase } from './events.ts';

const money = (amountFen: number) => ({ amountFen, currency: 'CNY' });

export function typicalCaseNode(id: string, p: PublishedTypicalCase, publishedAt: string | null): TypicalCase {
  return {
    id,
    title: p.title,
    summary: p.summary,
    category: p.categories[0]!,
    categories: p.categories,
    procedure: p.procedure,
    mediationProcedure: p.mediationProcedure ?? null,
    outcome: p.outcome ?? null,
    month: p.filedMonth,
    closedMonth: p.closedMonth ?? null,
    amountPaid: money(p.amountPaidFen),
    amountClaimed: money(p.amountClaimedFen),
    amountAgreed: p.amountAgreedFen === undefined ? null : money(p.amountAgreedFen),
    publishedAt,
  };
}

/** Those the proposal concerns: the parties who answer it, the mediator who wrote it, the staff who publish it. */
const SEES_PROPOSAL: ReadonlySet<Relation> = new Set(['CLAIMANT', 'CLAIMANT_LAWYER', 'RESPONDENT', 'MEDIATOR', 'INTAKE']);

function proposalAsSeen(state: DisputeState) {
  const proposal = state.typicalCase!;
  const published = proposal.published;
  return {
    id: proposal.id,
    status: typicalCaseStatus(proposal),
    title: proposal.title,
    summary: proposal.summary,
    // As published when it was; else what publishing now would give.
    preview: typicalCaseNode(proposal.id, published ?? publishedCase(state, proposal), published?.at ?? null),
    consents: Object.entries(proposal.consents).map(([side, answer]) => ({ side: side as 'CLAIMANT' | 'RESPONDENT', consent: answer.consent, answeredAt: answer.at })),
    proposedAt: proposal.proposedAt,
    publishedAt: published?.at ?? null,
    withdrawnAt: proposal.withdrawn?.at ?? null,
  };
}

export const typicalCaseDisputeFields: DisputeResolvers<GraphQLContext> = {
  typicalCase(dispute, _, ctx) {
    const state = ctx.platform.queries.dispute(dispute.id);
    const relation = state && ctx.viewer ? relationOf(state, ctx.viewer) : undefined;
    if (!state?.typicalCase || !relation || !SEES_PROPOSAL.has(relation)) return null;
    return proposalAsSeen(state);
  },
};

export const typicalCaseQueries: QueryResolvers<GraphQLContext> = {
  typicalCases(_, { category, search, first, after }, ctx) {
    const text = search?.trim() || undefined;
    const paging = pageOf(first, after);
    const issues: InputIssue[] = [...paging.issues];
    if (text && text.length > 100) issues.push({ path: 'search', message: '最多 100 字 / at most 100 characters' });
    if (issues.length) throw badInput(issues);
    const page = ctx.platform.queries.typicalCases({ category: category ?? undefined, search: text }, paging.first, paging.afterSeq);
    const edges = page.items.map((row: TypicalCaseRow) => ({ cursor: encodeCursor(row.seq), node: typicalCaseNode(row.id, row.published, row.publishedAt) }));
    return connection(edges, page.hasNextPage, page.totalCount);
  },
};

export const typicalCaseMutations: MutationResolvers<GraphQLContext> = {
  proposeTypicalCase: (_, { disputeId, ...args }, ctx) =>
    act(ctx, disputeId, { type: 'proposeTypicalCase', data: parseInput(typicalCaseInputs.proposeTypicalCase, args) }),
  answerTypicalCaseConsent: (_, { disputeId, ...args }, ctx) =>
    act(ctx, disputeId, { type: 'answerTypicalCaseConsent', data: parseInput(typicalCaseInputs.answerTypicalCaseConsent, args) }),
  publishTypicalCase: (_, { disputeId }, ctx) => act(ctx, disputeId, { type: 'publishTypicalCase', data: {} }),
  withdrawTypicalCase: (_, { disputeId, ...args }, ctx) =>
    act(ctx, disputeId, { type: 'withdrawTypicalCase', data: parseInput(typicalCaseInputs.withdrawTypicalCase, args) }),
};
