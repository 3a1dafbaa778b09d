/**
 * Events written before personal data was sealed hold it in the clear. They read as they are (open is
 * a no-op for a plain value); the first erasure of such a person first seals that person's values in
 * place, so that deleting the key erases them too:
 *
 * - every stream holding the person's plaintext is rewritten by the store (same ids, revisions and
 *   positions; StreamRewriter), their values sealed under their key;
 * - in a dispute stream the hash chain is computed again from the first event, and an entry
 *   `PersonalDataResealed` chained after it names the chain head and length before the rewrite, so a
 *   hash handed out earlier (a bundle's chain proof) can be traced to the rewrite;
 * - the rewrite and the anchor are retried together if the stream moved meanwhile.
 *
 * EventStoreDB is append-only: it has no rewrite, and such a person cannot be erased there until the
 * store is migrated offline (copy every stream through sealEvents into a new store); the erasure says so.
 */
import { DISPUTE_STREAM_PREFIX } from '../dispute/events.ts';
import { appendRecord, chain } from '../dispute/handler.ts';
import { canRewrite, WrongExpectedRevision, type NewEvent, type RecordedEvent } from '../eventstore/port.ts';
import { GENESIS_HASH } from '../audit/hashChain.ts';
import { idFromKey } from '../shared/ids.ts';
import type { ResealRecord } from './events.ts';
import { CHAINED_STREAM_PREFIXES, PERSONAL_DATA, subjectOf, valueAt } from './personalData.ts';
import { sealedOf, sealEvents, type PrivateEventStore } from './store.ts';

const MAX_ATTEMPTS = 5;

/** Whether this stored event holds a plaintext value of the person's (and which kinds). */
function plaintextKinds(event: Pick<RecordedEvent, 'type' | 'data' | 'metadata'>, personId: string, claimantId: string | undefined): string[] {
  const spec = PERSONAL_DATA[event.type];
  if (!spec || sealedOf(event.data) || subjectOf(spec, event.data, { metadata: event.metadata, claimantId }) !== personId) return [];
  return spec.paths.filter((path) => {
    const value = valueAt(event.data, path);
    return value !== undefined && value !== null;
  }).map((path) => `${event.type}.${path}`);
}

const claimantOf = (events: Array<Pick<RecordedEvent, 'type' | 'data'>>) =>
  events.find((e) => e.type === 'DisputeFiled') ? (valueAt(events.find((e) => e.type === 'DisputeFiled')!.data, 'claimant.userId') as string | undefined) : undefined;

/** The streams holding the person's data in the clear. */
async function legacyStreams(store: PrivateEventStore, personId: string): Promise<string[]> {
  const streams = new Set<string>();
  const claimants = new Map<string, string | undefined>();
  for (let after: bigint | undefined; ; ) {
    const batch = await store.raw.readAll({ ...(after === undefined ? {} : { after }), maxCount: 5000 });
    if (batch.length === 0) break;
    for (const event of batch) {
      if (event.type === 'DisputeFiled') claimants.set(event.streamName, valueAt(event.data, 'claimant.userId') as string | undefined);
      if (plaintextKinds(event, personId, claimants.get(event.streamName)).length > 0) streams.add(event.streamName);
    }
    after = batch.at(-1)!.position;
  }
  return [...streams];
}

export interface Resealed {
  streams: string[];
  events: number;
}

/** Seals the person's plaintext values in every stream that holds them (see above). */
export async function resealLegacy(store: PrivateEventStore, personId: string, now: () => Date, actor: { userId: string; role: string }): Promise<Resealed> {
  const streams = await legacyStreams(store, personId);
  if (streams.length > 0 && !canRewrite(store.raw)) {
    throw new Error(`${streams.length} stream(s) hold this person's data from before sealing, and this event store cannot rewrite streams: migrate it offline first (src/privacy/migration.ts)`);
  }
  let resealed = 0;
  for (const stream of streams) resealed += await resealStream(store, stream, personId, now, actor);
  return { streams, events: resealed };
}

async function resealStream(store: PrivateEventStore, streamName: string, personId: string, now: () => Date, actor: { userId: string; role: string }): Promise<number> {
  const raw = store.raw;
  if (!canRewrite(raw)) throw new Error('unreachable');
  const chained = CHAINED_STREAM_PREFIXES.some((prefix) => streamName.startsWith(prefix));
  for (let attempt = 1; ; attempt++) {
    const events = await raw.readStream(streamName);
    const claimantId = claimantOf(events);
    const kinds = new Set<string>();
    const sealed: NewEvent[] = [];
    let count = 0;
    for (const event of events) {
      const theirs = plaintextKinds(event, personId, claimantId);
      if (theirs.length === 0) {
        sealed.push(event);
        continue;
      }
      theirs.forEach((kind) => kinds.add(kind));
      count++;
      // Sealing the event seals its subject's fields only: this person's.
      sealed.push((await sealEvents(store.keys, [event], claimantId))[0]!);
    }
    const rewritten = chained ? chain(sealed, GENESIS_HASH, 0) : sealed;
    try {
      await raw.rewriteStream(streamName, rewritten, events.length - 1);
      if (chained) {
        const last = events.at(-1)!;
        const record: ResealRecord = {
          type: 'PersonalDataResealed',
          data: { personId, resealedAt: now().toISOString(), previousHeadHash: String(last.metadata.hash ?? ''), previousEventCount: events.length, what: [...kinds].sort() },
        };
        const occurredAt = now().toISOString();
        await appendRecord(store, streamName.slice(DISPUTE_STREAM_PREFIX.length), () => [
          { id: idFromKey(`reseal/${streamName}/${String(last.metadata.hash)}`), ...record, metadata: { actor, occurredAt, correlationId: `reseal-${personId}`, causationId: `reseal-${personId}`, schemaVersion: 1 } },
        ]);
      }
      return count;
    } catch (error) {
      if (!(error instanceof WrongExpectedRevision) || attempt >= MAX_ATTEMPTS) throw error;
    }
  }
}
