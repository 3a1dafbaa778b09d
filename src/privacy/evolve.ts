import type { Evolvers } from '../dispute/decider.ts';
import type { ErasureRecord } from './events.ts';

export const erasureEvolvers: Evolvers<ErasureRecord> = {
  // An erasure changes nothing in the fold: the erased values already read as ERASED; this records it.
  PersonalDataErased: (state) => state,
};
