import type { Relation } from '../dispute/access.ts';

/**
 * A case bundle was generated (DOMAIN.md 6: bundles are recorded like downloads). The actor is who
 * generated it; `view` is the relation whose view it holds, so the record shows what they were given.
 */
export type BundleEvent = { type: 'BundleGenerated'; data: { view: Relation } };
