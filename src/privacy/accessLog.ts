/**
 * Who looked at whose personal data (PIPL Art. 45, 51; issue 11 part 4). Every read of another
 * person's contact data, resident ID number or evidence is an event `PersonalDataRead` in a stream
 * of the person read, `access-<personId>`, in the event store itself:
 * - durable before the answer is sent: the reader's resolver (or route) awaits the append, which the
 *   store acknowledges after its commit, so a crash loses no entry whose answer went out;
 * - shared by every replica on one EventStoreDB, and not in the rebuildable read model: a rebuild,
 *   or a lost read model, changes nothing;
 * - never erased: the store is append-only, so an entry outlives ACCESS_LOG_RETENTION (its own
 *   period, src/privacy/retention.ts). An entry names ids and a field, never the value read nor
 *   anyone's name (the reader's name is looked up when the log is shown), so erasing either person
 *   leaves no plaintext of theirs here.
 * Reads of one request are batched: entries recorded in the same turn of the event loop go out as
 * one append per person (the embedded store group-commits those appends into one transaction).
 */
import type { Viewer } from '../dispute/access.ts';
import type { EventStore, RecordedEvent } from '../eventstore/port.ts';
import type { Clock } from '../shared/clock.ts';
import { newId } from '../shared/ids.ts';

export const ACCESS_STREAM_PREFIX = 'access-';
export const accessStream = (personId: string) => `${ACCESS_STREAM_PREFIX}${personId}`;

/** What was read. `ref` names the item (the evidence id) where the field is one of several. */
export type AccessedField =
  | 'claimant.phone'
  | 'claimant.idNumber'
  | 'claimant.address'
  | 'account.email'
  | 'evidence.description'
  | 'evidence.fileName'
  | 'evidence.file'
  | 'bundle';

export const ACCESSED_FIELDS: readonly AccessedField[] = [
  'claimant.phone',
  'claimant.idNumber',
  'claimant.address',
  'account.email',
  'evidence.description',
  'evidence.fileName',
  'evidence.file',
  'bundle',
];

export interface AccessRead {
  personId: string;
  disputeId: string | null;
  caseNumber: string | null;
  field: AccessedField;
  ref?: string;
}

export interface PersonalDataRead {
  personId: string;
  readerId: string;
  readerRole: string;
  disputeId: string | null;
  caseNumber: string | null;
  field: AccessedField;
  ref: string | null;
  /** How the read reached the platform: GRAPHQL, EVIDENCE_DOWNLOAD, BUNDLE, EXPORT. */
  channel: AccessChannel;
}

export type AccessChannel = 'GRAPHQL' | 'EVIDENCE_DOWNLOAD' | 'BUNDLE' | 'EXPORT';

export interface AccessLogEntry extends PersonalDataRead {
  id: string;
  at: string;
  /** The entry's revision in the person's stream: the order of the log, and the cursor. */
  seq: number;
}

/** Only reads of someone else's data are logged: a person reading their own costs nothing. */
export const isOwnData = (viewer: Pick<Viewer, 'userId'>, personId: string) => viewer.userId === personId;

export interface AccessLog {
  /**
   * Records the reads of one request (`requestId`, the correlation id) — those of the reader's own
   * data are skipped; resolves once they are durable.
   */
  record(viewer: Viewer, reads: AccessRead[], channel: AccessChannel, requestId: string): Promise<void>;
  /** The person's entries, oldest first. */
  entriesOf(personId: string): Promise<AccessLogEntry[]>;
}

interface Pending {
  events: Array<{ id: string; type: 'PersonalDataRead'; data: PersonalDataRead; metadata: { occurredAt: string; correlationId: string; actor: object } }>;
  waiters: Array<{ resolve: () => void; reject: (error: unknown) => void }>;
}

export function accessLog(store: EventStore, clock: Clock): AccessLog {
  let pending = new Map<string, Pending>();
  let scheduled = false;

  async function flush() {
    const batch = pending;
    pending = new Map();
    scheduled = false;
    await Promise.all(
      [...batch].map(async ([personId, { events, waiters }]) => {
        try {
          await store.appendToStream(accessStream(personId), events, { expectedRevision: 'any' });
          for (const w of waiters) w.resolve();
        } catch (error) {
          for (const w of waiters) w.reject(error);
        }
      }),
    );
  }

  return {
    record(viewer, reads, channel, requestId) {
      const others = reads.filter((r) => !isOwnData(viewer, r.personId));
      if (others.length === 0) return Promise.resolve();
      const at = clock.now().toISOString();
      const byPerson = new Map<string, AccessRead[]>();
      for (const read of others) byPerson.set(read.personId, [...(byPerson.get(read.personId) ?? []), read]);
      const promises: Promise<void>[] = [];
      for (const [personId, list] of byPerson) {
        const slot = pending.get(personId) ?? { events: [], waiters: [] };
        pending.set(personId, slot);
        for (const read of list) {
          const ref = read.ref ?? null;
          // One request selecting a field twice (aliases, fragments) is one read of it; two requests are two.
          const dup = slot.events.some(
            (e) =>
              e.metadata.correlationId === requestId && e.data.readerId === viewer.userId && e.data.disputeId === read.disputeId && e.data.field === read.field && e.data.ref === ref,
          );
          if (dup) continue;
          slot.events.push({
            id: newId(),
            type: 'PersonalDataRead',
            data: {
              personId,
              readerId: viewer.userId,
              readerRole: viewer.role,
              disputeId: read.disputeId,
              caseNumber: read.caseNumber,
              field: read.field,
              ref,
              channel,
            },
            metadata: { occurredAt: at, correlationId: requestId, actor: { userId: viewer.userId, role: viewer.role } },
          });
        }
        promises.push(new Promise<void>((resolve, reject) => slot.waiters.push({ resolve, reject })));
      }
      if (!scheduled) {
        scheduled = true;
        // After the resolvers of this turn have recorded theirs: one append per person.
        setImmediate(() => void flush());
      }
      return Promise.all(promises).then(() => undefined);
    },

    async entriesOf(personId) {
      const events = await store.readStream(accessStream(personId));
      return events.filter((e) => e.type === 'PersonalDataRead').map(toEntry);
    },
  };
}

function toEntry(event: RecordedEvent): AccessLogEntry {
  const data = event.data as PersonalDataRead;
  return { ...data, ref: data.ref ?? null, id: event.id, at: String(event.metadata.occurredAt), seq: event.revision };
}

/**
 * What a view of a dispute (a case bundle, an export) shows of the claimant's data, as reads: their
 * contact data where the reader's view has it in full, and each evidence item listed (its file too
 * where it is attached).
 */
export function shownReads(
  view: { id: string; caseNumber: string; claimant: { phone: string; idNumber?: string | null; address?: string | null }; evidence: Array<{ id: string }> },
  personId: string,
  contactInFull: boolean,
  attached: ReadonlySet<string> = new Set(),
): AccessRead[] {
  const at = { personId, disputeId: view.id, caseNumber: view.caseNumber };
  const reads: AccessRead[] = [];
  if (contactInFull) {
    reads.push({ ...at, field: 'claimant.phone' });
    if (view.claimant.idNumber) reads.push({ ...at, field: 'claimant.idNumber' });
    if (view.claimant.address) reads.push({ ...at, field: 'claimant.address' });
  }
  for (const item of view.evidence) {
    reads.push({ ...at, field: 'evidence.description', ref: item.id });
    if (attached.has(item.id)) reads.push({ ...at, field: 'evidence.file', ref: item.id });
  }
  return reads;
}
