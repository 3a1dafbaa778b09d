import type { Instant, LocalDate, PartySide, SessionMode } from '../dispute/model.ts';
import type { Obligation } from '../dispute/state.ts';

export type ArbitrationEvent =
  | {
      type: 'ArbitrationAgreementSigned';
      data: { side: PartySide; commission: string; text: string; textHash: string };
    }
  /** Both parties signed a submission agreement naming the same commission (AL Art. 16). */
  | { type: 'ArbitrationCommenced'; data: { commission: string; agreementText: string; agreementHash: string } }
  | { type: 'ArbitratorAppointed'; data: { arbitratorId: string; name: string } }
  | {
      type: 'HearingScheduled';
      data: { hearingId: string; startsAt: Instant; mode: SessionMode; link?: string; place?: string };
    }
  | { type: 'AwardRendered'; data: { text: string; obligations: Obligation[] } }
  | { type: 'AwardReceiptRecorded'; data: { receivedOn: LocalDate; side: PartySide } };
