import type { RuleParameters } from '../src/rules/parameters.ts';
import { accountsProjection } from './accounts.ts';
import { auditTrailProjection } from './auditTrail.ts';
import { deadlinesProjection } from './deadlines.ts';
import { disputesProjection } from './disputes.ts';
import { erasureProposalsProjection } from './erasureProposals.ts';
import { institutionsProjection } from './institutions.ts';
import type { Projection } from './projection.ts';
import { statisticsProjection } from './statistics.ts';
import { typicalCasesProjection } from './typicalCases.ts';

/** Every read model, in the order the runner applies them (deadlines and statistics read what disputes wrote). */
export function allProjections(rules: RuleParameters): Projection[] {
  return [disputesProjection, deadlinesProjection(rules), auditTrailProjection, institutionsProjection, accountsProjection, statisticsProjection, erasureProposalsProjection, typicalCasesProjection];
}
