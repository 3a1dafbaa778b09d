/** All resolvers, merged from the capabilities. */
import { intakeMutations } from '../intake/resolvers.ts';
import type { GraphQLContext } from './context.ts';
import type { Resolvers } from './generated.ts';
import { queries } from './queries.ts';

export const resolvers: Resolvers<GraphQLContext> = {
  Query: queries,
  Mutation: {
    ...intakeMutations,
  },
};
