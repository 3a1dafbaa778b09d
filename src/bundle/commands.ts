/**
 * The case bundle (案件材料汇编): whoever may see a dispute may take it as one document, in every
 * status, closed cases included. Generating one is recorded; the bundle shows the caller's own view.
 */
import { command } from '../dispute/decider.ts';
import { STATUSES } from '../dispute/model.ts';
import { ANY_RELATION } from '../evidence/commands.ts';

export const bundleCommands = {
  generateBundle: command<Record<string, never>>({
    by: ANY_RELATION,
    from: STATUSES,
    decide: (_, __, { relation }) => [{ type: 'BundleGenerated', data: { view: relation } }],
  }),
};
