import type { GraphQLContext } from '../graphql/context.ts';
import { act } from '../graphql/disputes.ts';
import type { MutationResolvers } from '../graphql/generated.ts';
import { parseInput } from '../shared/validation.ts';
import { evidenceInputs } from './commands.ts';

// Upload and download are HTTP routes (routes.ts); withdrawal only marks the item.
export const evidenceMutations: MutationResolvers<GraphQLContext> = {
  withdrawEvidence: (_, { disputeId, ...args }, ctx) =>
    act(ctx, disputeId, { type: 'withdrawEvidence', data: parseInput(evidenceInputs.withdrawEvidence, args) }),
};
