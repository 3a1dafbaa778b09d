import type { Evolvers } from '../dispute/decider.ts';
import type { BundleEvent } from './events.ts';

export const bundleEvolvers: Evolvers<BundleEvent> = {
  // Generating a bundle changes nothing in the dispute; the event is there for the audit trail.
  BundleGenerated: (state) => state,
};
