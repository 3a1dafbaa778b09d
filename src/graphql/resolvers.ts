/** All resolvers, merged from the capabilities. */
import { authMutations } from '../auth/resolvers.ts';
import { arbitrationMutations } from '../arbitration/resolvers.ts';
import { bundleQueries } from '../bundle/resolvers.ts';
import { confirmationMutations } from '../confirmation/resolvers.ts';
import { evidenceMutations } from '../evidence/resolvers.ts';
import { intakeMutations } from '../intake/resolvers.ts';
import { liveSubscriptions } from '../live/subscriptions.ts';
import { legalAidMutations } from '../legalaid/resolvers.ts';
import { mailQueries } from '../mail/resolvers.ts';
import { mediationMutations } from '../mediation/resolvers.ts';
import { performanceMutations } from '../performance/resolvers.ts';
import { privacyMutations } from '../privacy/resolvers.ts';
import { institutionFields, readModelQueries } from '../readmodels/resolvers.ts';
import { settlementMutations } from '../settlement/resolvers.ts';
import { typicalCaseDisputeFields, typicalCaseMutations, typicalCaseQueries } from '../typicalcases/resolvers.ts';
import type { GraphQLContext } from './context.ts';
import type { Resolvers } from './generated.ts';
import { queries } from './queries.ts';
import { Fen } from './scalars.ts';
import { deadlineFields, disputeFields, staffQueries } from '../web/fields.ts';
import { accessLogQueries, claimantFields, erasureQueries, evidenceFields, mailFailureFields } from '../privacy/accessFields.ts';

export const resolvers: Resolvers<GraphQLContext> = {
  Fen,
  Query: { ...queries, ...readModelQueries, ...mailQueries, ...bundleQueries, ...staffQueries, ...accessLogQueries, ...erasureQueries, ...typicalCaseQueries },
  Claimant: claimantFields,
  Evidence: evidenceFields,
  MailFailure: mailFailureFields,
  Institution: institutionFields,
  Deadline: deadlineFields,
  Dispute: { ...disputeFields, ...typicalCaseDisputeFields },
  Subscription: liveSubscriptions,
  Mutation: {
    ...authMutations,
    ...intakeMutations,
    ...settlementMutations,
    ...confirmationMutations,
    ...arbitrationMutations,
    ...evidenceMutations,
    ...performanceMutations,
    ...legalAidMutations,
    ...mediationMutations,
    ...typicalCaseMutations,
    ...privacyMutations,
  },
};
