/**
 * Case numbers: year-prefixed, human-readable and unique (2026-YM-000042; YM = 医美). A counter stream
 * per year, appended with the expected revision, hands out each number once even across replicas.
 * A number given to a filing that then failed is skipped, never reused.
 */
import { WrongExpectedRevision, type EventStore } from '../eventstore/port.ts';
import { toLocalDate } from '../rules/calendar.ts';
import { newId } from '../shared/ids.ts';

export async function allocateCaseNumber(store: EventStore, now: Date, disputeId: string): Promise<string> {
  const year = toLocalDate(now).slice(0, 4);
  const stream = `casenumbers-${year}`;
  for (;;) {
    const last = (await store.readStream(stream)).at(-1);
    const next = (last?.revision ?? -1) + 1;
    const caseNumber = `${year}-YM-${String(next + 1).padStart(6, '0')}`;
    try {
      await store.appendToStream(
        stream,
        [{ id: newId(), type: 'CaseNumberAssigned', data: { caseNumber, disputeId }, metadata: { occurredAt: now.toISOString() } }],
        { expectedRevision: last ? last.revision : 'no_stream' },
      );
      return caseNumber;
    } catch (error) {
      if (!(error instanceof WrongExpectedRevision)) throw error;
    }
  }
}
