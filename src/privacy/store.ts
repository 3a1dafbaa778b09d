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
import { ERASED, isEnvelope, open, seal, SEALED, type Envelope } from './envelope.ts';
import type { KeyStore, SubjectKey } from './keyStore.ts';
import { CHAINED_STREAM_PREFIXES, PERSONAL_DATA, subjectOf, valueAt, withValueAt } from './personalData.ts';

/**
 * Where an event keeps its sealed personal data: one envelope per event, holding the values of all its
 * listed fields (one cipher per event, not per field: sealing and opening cost about a cipher call
 * each). The fields are null in the stored data; opening puts them back, each ERASED
 * once the key is gone. The envelope names the paths it holds, so an erased event still shows which.
 */
export { SEALED };

/** Binds an envelope to its event and the fields it holds. */
export const aadOf = (eventId: string, paths: readonly string[]) => `${eventId}/${paths.join(',')}`;

/** The envelope of a stored event, if it has one. */
export const sealedOf = (data: unknown): Envelope | undefined => {
  const value = (data as Record<string, unknown> | null | undefined)?.[SEALED];
  return isEnvelope(value) ? value : undefined;
};

/** Seals the listed personal fields of events not sealed yet; `claimantId` is the dispute's consumer. */
export async function sealEvents<E extends NewEvent>(keys: KeyStore, events: E[], claimantId?: string): Promise<E[]> {
  const sealed: E[] = [];
  for (const event of events) {
    const spec = PERSONAL_DATA[event.type];
    const claimant = claimantId ?? (valueAt(event.data, 'claimant.userId') as string | undefined);
    const subject = spec && !sealedOf(event.data) && subjectOf(spec, event.data, { metadata: event.metadata, claimantId: claimant });
    const paths = spec && subject ? spec.paths.filter((path) => { const v = valueAt(event.data, path); return v !== undefined && v !== null; }) : [];
    if (!subject || paths.length === 0) {
      sealed.push(event);
      continue;
    }
    const values: Record<string, unknown> = {};
    let data = event.data;
    for (const path of paths) {
      values[path] = valueAt(event.data, path);
      // null holds the field's place, so that opening gives the data back exactly, its key order too.
      data = withValueAt(data, path, null);
    }
    const { kid, key } = await keys.keyFor(subject);
    const envelope = { ...seal(key, subject, values, aadOf(event.id, paths), kid), paths };
    sealed.push({ ...event, data: { ...(data as object), [SEALED]: envelope } });
  }
  return sealed;
}

/** The keys (ids) of the envelopes these events hold. */
export function keyIdsIn(events: Array<Pick<NewEvent, 'data'>>): string[] {
  const kids = new Set<string>();
  for (const event of events) {
    const envelope = sealedOf(event.data);
    if (envelope) kids.add(envelope.kid);
  }
  return [...kids];
}

/** The fields an envelope held, in the clear, or each ERASED without its key. */
export function openedFields(key: Buffer | undefined, eventId: string, envelope: Envelope): Record<string, unknown> {
  const paths = envelope.paths ?? [];
  const opened = open(key, envelope, aadOf(eventId, paths));
  if (opened === ERASED) return Object.fromEntries(paths.map((path) => [path, ERASED]));
  return opened as Record<string, unknown>;
}

/** Opens the envelopes of events; data without one (written before sealing existed) is left as it is. */
export async function openEvents<E extends NewEvent>(keys: KeyStore, events: E[]): Promise<E[]> {
  const kids = keyIdsIn(events);
  if (kids.length === 0) return events;
  const found = await keys.keysOf(kids);
  return events.map((event) => {
    const envelope = sealedOf(event.data);
    if (!envelope) return event;
    const { [SEALED]: _, ...rest } = event.data as Record<string, unknown>;
    let data: unknown = rest;
    for (const [path, value] of Object.entries(openedFields(found.get(envelope.kid), event.id, envelope))) data = withValueAt(data, path, value);
    return { ...event, data };
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
