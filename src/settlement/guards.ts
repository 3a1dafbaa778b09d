/** Who may put their name to something on a party's behalf. */
import type { Relation } from '../dispute/access.ts';
import type { DisputeState } from '../dispute/state.ts';
import { forbidden } from '../shared/errors.ts';

/** A legal-aid lawyer acts for the consumer in everything but signing, unless a power of attorney is recorded (DOMAIN.md 1). */
export function requireSignatory(state: DisputeState, relation: Relation): void {
  if (relation === 'CLAIMANT_LAWYER' && !state.legalAid?.powerOfAttorney) {
    throw forbidden('法律援助律师须经授权委托方可代为签署 / a legal-aid lawyer signs only with a recorded power of attorney');
  }
}
