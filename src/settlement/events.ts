import type { Instant } from '../dispute/model.ts';
import type { Obligation, SignerRole } from '../dispute/state.ts';

export type SettlementEvent =
  | {
      type: 'AgreementDrafted';
      data: { agreementId: string; terms: string; text: string; hash: string; obligations: Obligation[] };
    }
  | { type: 'AgreementSigned'; data: { agreementId: string; hash: string; role: SignerRole } }
  /** A party declined to sign: back to mediation (DOMAIN.md 2.1). */
  | { type: 'AgreementDeclined'; data: { agreementId: string; reason?: string } }
  /** The last required signature: the agreement binds from here (PML Art. 29; MDR Art. 39). */
  | { type: 'SettlementReached'; data: { agreementId: string; effectiveAt: Instant } };
