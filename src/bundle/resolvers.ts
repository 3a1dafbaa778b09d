/** `caseBundle(disputeId)`: the link to the PDF (routes.ts), once the caller may see the dispute. */
import type { GraphQLContext } from '../graphql/context.ts';
import { visibleDispute } from '../graphql/disputes.ts';
import type { QueryResolvers } from '../graphql/generated.ts';
import { bundlePath } from './routes.ts';

export const bundleQueries: QueryResolvers<GraphQLContext> = {
  caseBundle(_, { disputeId }, ctx) {
    const { state } = visibleDispute(ctx, ctx.platform.queries.dispute(disputeId));
    return { disputeId: state.id, url: bundlePath(state.id), fileName: `案件材料汇编-${state.caseNumber}.pdf` };
  },
};
