import type { Evolvers } from '../dispute/decider.ts';
import type { PrivacyRecord } from './events.ts';

export const erasureEvolvers: Evolvers<PrivacyRecord> = {
  // An erasure changes nothing in the fold: the erased values already read as ERASED; this records it.
  PersonalDataErased: (state) => state,
  // Nor a migration's rewrite: the same values, sealed.
  PersonalDataResealed: (state) => state,
};
