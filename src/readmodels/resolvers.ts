/** Read-model queries: dockets, institutions' public records, statistics, the damages calculator. */
import type { GraphQLContext } from '../graphql/context.ts';
import type { InstitutionResolvers, QueryResolvers } from '../graphql/generated.ts';
import { damages } from './damages.ts';
import { docketQueries } from './dockets.ts';
import { institution, institutionRecord, institutions, statistics } from './publicRecords.ts';

export const readModelQueries: QueryResolvers<GraphQLContext> = {
  calculateDamages: (_, { input }) => damages(input),
  mediatorDocket: (_, __, ctx) => docketQueries.mediatorDocket(ctx),
  courtDocket: (_, __, ctx) => docketQueries.courtDocket(ctx),
  legalAidCaseload: (_, __, ctx) => docketQueries.legalAidCaseload(ctx),
  institution: (_, { id }, ctx) => institution(ctx, id),
  institutions: (_, { search, first, after }, ctx) => institutions(ctx, search, first, after),
  statistics: (_, { from, to }, ctx) => statistics(ctx, from, to),
};

export const institutionFields: InstitutionResolvers<GraphQLContext> = {
  record: (parent, _, ctx) => institutionRecord(ctx, parent.id),
};
