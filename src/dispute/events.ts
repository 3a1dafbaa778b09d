/** The catalogue of a dispute stream's events: each capability's events, in one union. */
import type { ArbitrationEvent } from '../arbitration/events.ts';
import type { BundleEvent } from '../bundle/events.ts';
import type { ConfirmationEvent } from '../confirmation/events.ts';
import type { EvidenceEvent } from '../evidence/events.ts';
import type { IntakeEvent } from '../intake/events.ts';
import type { LegalAidEvent } from '../legalaid/events.ts';
import type { MediationEvent } from '../mediation/events.ts';
import type { PerformanceEvent } from '../performance/events.ts';
import type { PrivacyRecord } from '../privacy/events.ts';
import type { SettlementEvent } from '../settlement/events.ts';
import type { TypicalCaseEvent } from '../typicalcases/events.ts';
import type { Actor, Instant } from './model.ts';

export type DisputeEvent =
  | IntakeEvent
  | MediationEvent
  | SettlementEvent
  | ConfirmationEvent
  | ArbitrationEvent
  | PerformanceEvent
  | LegalAidEvent
  | EvidenceEvent
  | BundleEvent
  | TypicalCaseEvent
  | PrivacyRecord;

export type DisputeEventType = DisputeEvent['type'];

/** Metadata every stored event carries (DOMAIN.md 2, 6). */
export interface EventMetadata {
  actor: Actor;
  occurredAt: Instant;
  correlationId: string;
  causationId: string;
  schemaVersion: number;
  previousHash: string;
  hash: string;
}

/** What evolve needs of the metadata. */
export type EventContext = Pick<EventMetadata, 'actor' | 'occurredAt'>;

export type StoredDisputeEvent = DisputeEvent & { metadata: EventContext };

export const disputeStream = (disputeId: string) => `dispute-${disputeId}`;
export const DISPUTE_STREAM_PREFIX = 'dispute-';
