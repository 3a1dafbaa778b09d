/**
 * The event store as the platform reads it: a decorator over the port that opens the personal-data
 * envelopes of every event read (readStream, readAll, subscribeToAll), so deciders, projections,
 * views, bundles and mail see plaintext, or ERASED once the subject's key is gone. Appends seal the
 * personal fields of streams without a hash chain (accounts); dispute streams are sealed by the
 * command handler before it chains the hashes, so that the chain covers the ciphertext.
 *
 * What must see the stored form (verifyAuditTrail, audit:verify, a bundle's chain proof) reads `raw`.
 */
import type { AppendResult, BatchHandler, EventStore, ExpectedRevision, NewEvent, ReadAllOptions, RecordedEvent, SubscribeOptions, Subscription } from '../eventstore/port.ts';
import { isEnvelope, open, seal } from './envelope.ts';
import type { KeyStore } from './keyStore.ts';
import { CHAINED_STREAM_PREFIXES, PERSONAL_DATA, subjectOf, valueAt, withValueAt } from './personalData.ts';

/** Binds an envelope to its event and field. */
export const aadOf = (eventId: string, path: string) => `${eventId}/${path}`;

/** Seals the listed personal fields of events not sealed yet; `claimantId` is the dispute's consumer. */
export async function sealEvents<E extends NewEvent>(keys: KeyStore, events: E[], claimantId?: string): Promise<E[]> {
  const sealed: E[] = [];
  for (const event of events) {
    const spec = PERSONAL_DATA[event.type];
    const claimant = claimantId ?? (valueAt(event.data, 'claimant.userId') as string | undefined);
    const subject = spec && subjectOf(spec, event.data, { metadata: event.metadata, claimantId: claimant });
    if (!spec || !subject) {
      sealed.push(event);
      continue;
    }
    let data = event.data;
    for (const path of spec.paths) {
      const value = valueAt(data, path);
      if (value === undefined || value === null || isEnvelope(value)) continue;
      const { kid, key } = await keys.keyFor(subject);
      data = withValueAt(data, path, seal(key, subject, value, aadOf(event.id, path), kid));
    }
    sealed.push({ ...event, data });
  }
  return sealed;
}

/** The keys (ids) of the envelopes these events hold. */
export function keyIdsIn(events: Array<Pick<NewEvent, 'type' | 'data'>>): string[] {
  const kids = new Set<string>();
  for (const event of events) {
    for (const path of PERSONAL_DATA[event.type]?.paths ?? []) {
      const value = valueAt(event.data, path);
      if (isEnvelope(value)) kids.add(value.kid);
    }
  }
  return [...kids];
}

/** Opens the envelopes of events; a plaintext value (written before sealing existed) is left as it is. */
export async function openEvents<E extends NewEvent>(keys: KeyStore, events: E[]): Promise<E[]> {
  const kids = keyIdsIn(events);
  if (kids.length === 0) return events;
  const found = await keys.keysOf(kids);
  return events.map((event) => {
    const paths = PERSONAL_DATA[event.type]?.paths;
    if (!paths) return event;
    let data = event.data;
    for (const path of paths) {
      const value = valueAt(data, path);
      if (isEnvelope(value)) data = withValueAt(data, path, open(found.get(value.kid), value, aadOf(event.id, path)));
    }
    return data === event.data ? event : { ...event, data };
  });
}

export class PrivateEventStore implements EventStore {
  readonly raw: EventStore;
  readonly keys: KeyStore;

  constructor(raw: EventStore, keys: KeyStore) {
    this.raw = raw;
    this.keys = keys;
  }

  /** Seals dispute events for the handler, before it chains them. */
  seal<E extends NewEvent>(events: E[], claimantId?: string): Promise<E[]> {
    return sealEvents(this.keys, events, claimantId);
  }

  async appendToStream(streamName: string, events: NewEvent[], options?: { expectedRevision?: ExpectedRevision }): Promise<AppendResult> {
    // A chained stream's events are sealed (and hashed) already: sealing here would break the chain.
    const chained = CHAINED_STREAM_PREFIXES.some((prefix) => streamName.startsWith(prefix));
    return this.raw.appendToStream(streamName, chained ? events : await sealEvents(this.keys, events), options);
  }

  async readStream(streamName: string, options?: { fromRevision?: number }): Promise<RecordedEvent[]> {
    return openEvents(this.keys, await this.raw.readStream(streamName, options));
  }

  async readAll(options?: ReadAllOptions): Promise<RecordedEvent[]> {
    return openEvents(this.keys, await this.raw.readAll(options));
  }

  subscribeToAll(options: SubscribeOptions, handler: BatchHandler): Subscription {
    return this.raw.subscribeToAll(options, async (events) => handler(await openEvents(this.keys, events)));
  }

  headPosition(): Promise<bigint> {
    return this.raw.headPosition();
  }

  async close(): Promise<void> {
    await this.raw.close();
    await this.keys.close();
  }
}

/** The stored form of a store: what the hash chain covers. */
export const rawStoreOf = (store: EventStore): EventStore => (store instanceof PrivateEventStore ? store.raw : store);

/** Seals events for a chained stream when the store is private; a bare store (some tests) keeps them plain. */
export const sealerOf = (store: EventStore) => <E extends NewEvent>(events: E[], claimantId?: string): Promise<E[]> =>
  store instanceof PrivateEventStore ? store.seal(events, claimantId) : Promise.resolve(events);
