/**
 * Erasing a person (PIPL Art. 47, `erasePersonalData`): their key is deleted, so every sealed value of
 * theirs in the log reads as ERASED from then on (crypto-shredding; the log and its hash chain stay as
 * they are). Then what was derived from the plaintext is brought in line: their evidence files are
 * deleted, the read model is rebuilt from the events, the mail outbox and its .eml files are rewritten,
 * and the SQLite files are compacted so that no old page or -wal frame keeps a copy.
 *
 * The erasure is recorded, naming what kinds of data were erased and never the data: on its own stream
 * (`erasure-<personId>`, with the reason) and in the chained stream of every dispute that held the
 * person's data, so that the dispute's audit trail shows it and verifyAuditTrail still passes.
 */
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { allProjections } from '../../projections/index.ts';
import { rebuildProjections } from '../../projections/runner.ts';
import { accountStream } from '../accounts/events.ts';
import type { Viewer } from '../dispute/access.ts';
import { DISPUTE_STREAM_PREFIX } from '../dispute/events.ts';
import { appendRecord } from '../dispute/handler.ts';
import { deleteEvidenceFile } from '../evidence/storage.ts';
import type { EventStore, RecordedEvent } from '../eventstore/port.ts';
import { createMailTransport } from '../mail/transport.ts';
import type { Platform } from '../platform.ts';
import { notFound } from '../shared/errors.ts';
import { idFromKey, newId } from '../shared/ids.ts';
import { ERASED, type Envelope } from './envelope.ts';
import { erasureStream, type ErasureRecord } from './events.ts';
import { resealLegacy } from './migration.ts';
import { openedFields, sealedOf } from './store.ts';

export interface ErasureRequest {
  personId: string;
  reason: string;
  by: Viewer;
  correlationId: string;
}

export interface Erasure {
  personId: string;
  erasedAt: string;
  what: string[];
  disputeIds: string[];
  evidenceFilesDeleted: number;
}

/** What the stored events hold of one person: where their envelopes are, and the files they submitted. */
interface Holdings {
  envelopes: Array<{ event: RecordedEvent; envelope: Envelope }>;
  /** Kinds of value (`EventType.path`) per dispute id, and for the other streams under ''. */
  kinds: Map<string, Set<string>>;
  evidence: Set<string>;
  /** Evidence files that someone else submitted too (the same bytes): they stay. */
  othersEvidence: Set<string>;
}

async function holdingsOf(raw: EventStore, personId: string): Promise<Holdings> {
  const held: Holdings = { envelopes: [], kinds: new Map(), evidence: new Set(), othersEvidence: new Set() };
  for (let after: bigint | undefined; ; ) {
    const batch = await raw.readAll({ ...(after === undefined ? {} : { after }), maxCount: 5000 });
    if (batch.length === 0) break;
    for (const event of batch) {
      const envelope = sealedOf(event.data);
      const theirs = envelope?.subject === personId;
      if (envelope && theirs) {
        held.envelopes.push({ event, envelope });
        const dispute = event.streamName.startsWith(DISPUTE_STREAM_PREFIX) ? event.streamName.slice(DISPUTE_STREAM_PREFIX.length) : '';
        const kinds = held.kinds.get(dispute) ?? new Set<string>();
        for (const path of envelope.paths ?? []) kinds.add(`${event.type}.${path}`);
        held.kinds.set(dispute, kinds);
      }
      if (event.type === 'EvidenceSubmitted') {
        const sha256 = String((event.data as { sha256?: unknown }).sha256);
        (theirs ? held.evidence : held.othersEvidence).add(sha256);
      }
    }
    after = batch.at(-1)!.position;
  }
  return held;
}

/** Every text the person's envelopes held, longest first (so that a name inside an address goes with it). */
function plaintextsOf(held: Holdings, keys: ReadonlyMap<string, Buffer>): string[] {
  const texts = new Set<string>();
  for (const { event, envelope } of held.envelopes) {
    for (const value of Object.values(openedFields(keys.get(envelope.kid), event.id, envelope))) {
      if (typeof value === 'string' && value.trim().length >= 2 && value !== ERASED) texts.add(value);
    }
  }
  return [...texts].sort((a, b) => b.length - a.length);
}

const scrub = (text: string, plaintexts: readonly string[]) => plaintexts.reduce((t, p) => t.split(p).join(ERASED), text);

/** One erasure at a time per platform: each pauses the projection runner for its rebuild. */
const running = new WeakMap<Platform, Promise<unknown>>();

export function erasePersonalData(platform: Platform, request: ErasureRequest): Promise<Erasure> {
  const next = (running.get(platform) ?? Promise.resolve()).catch(() => undefined).then(() => erase(platform, request));
  running.set(platform, next);
  return next;
}

async function erase(platform: Platform, request: ErasureRequest): Promise<Erasure> {
  const { personId } = request;
  const store = platform.store;
  // Their values from before sealing existed are sealed first (migration.ts), so the key covers them too.
  await resealLegacy(store, personId, () => platform.config.clock.now(), { userId: request.by.userId, role: request.by.role });
  const held = await holdingsOf(platform.rawStore, personId);
  const account = await platform.rawStore.readStream(accountStream(personId));
  const previous = await platform.rawStore.readStream(erasureStream(personId));
  if (held.envelopes.length === 0 && account.length === 0 && previous.length === 0) throw notFound('person');

  const plaintexts = plaintextsOf(held, await store.keys.keysOf(held.envelopes.map((e) => e.envelope.kid)));
  const disputeIds = [...held.kinds.keys()].filter((id) => id !== '').sort();
  const what = [...new Set([...held.kinds.values()].flatMap((kinds) => [...kinds]))].sort();

  // Files someone else submitted too (the same bytes, stored once) stay for them.
  let evidenceFilesDeleted = 0;
  for (const sha256 of held.evidence) {
    if (!held.othersEvidence.has(sha256) && (await deleteEvidenceFile(platform.config.dataDir, sha256))) evidenceFilesDeleted++;
  }
  if (held.evidence.size > 0) what.push('EvidenceFile');
  await store.keys.delete(personId);

  const erasedAt = platform.config.clock.now().toISOString();
  const metadata = { actor: { userId: request.by.userId, role: request.by.role }, occurredAt: erasedAt, correlationId: request.correlationId, causationId: request.correlationId };
  const erasureId = newId();
  const record: ErasureRecord = {
    type: 'PersonalDataErased',
    data: { personId, reason: request.reason, erasedAt, what, disputeIds, evidenceFilesDeleted },
  };
  await store.appendToStream(erasureStream(personId), [{ id: erasureId, ...record, metadata }]);
  for (const disputeId of disputeIds) {
    const kinds = [...held.kinds.get(disputeId)!].sort();
    await appendRecord(store, disputeId, () => [
      {
        id: idFromKey(`${erasureId}/${disputeId}`),
        type: 'PersonalDataErased',
        data: { personId, erasedAt, what: held.evidence.size > 0 ? [...kinds, 'EvidenceFile'] : kinds },
        metadata: { ...metadata, causationId: erasureId, schemaVersion: 1 },
      },
    ]);
  }

  await rebuildReadModel(platform);
  await scrubMail(platform, personId, plaintexts, new Set(disputeIds));
  return { personId, erasedAt, what, disputeIds, evidenceFilesDeleted };
}

/** Every projection again from the events (the erased values now read ERASED), then compacted. */
async function rebuildReadModel(platform: Platform): Promise<void> {
  // The runner shares the read model's connection: it pauses while the rebuild holds the write lock.
  await platform.runner.stop();
  try {
    await rebuildProjections(platform.readModel, platform.store, allProjections(platform.config.rules));
    compact(platform.readModel);
  } finally {
    await platform.runner.start();
  }
}

function compact(db: { exec(sql: string): void }): void {
  db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
  db.exec('VACUUM');
  db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
}

/**
 * The outbox keeps what was mailed, rendered with the plaintext of the day: each message of the
 * person's disputes, or to the person, gets their data replaced by ERASED, and its .eml file (the
 * outbox directory stands for the mail server when SMTP_URL is unset) is written again from it.
 * A sign-in code mail is no outbox message: an .eml to the person's address is deleted.
 */
async function scrubMail(platform: Platform, personId: string, plaintexts: readonly string[], disputeIds: ReadonlySet<string>): Promise<void> {
  const outboxDir = join(platform.config.dataDir, 'outbox');
  const addresses = plaintexts.filter((p) => p.includes('@')).map((p) => p.toLowerCase());
  const rewritten = platform.mail.rewrite((mail) => {
    const toThem = mail.recipientId === personId;
    if (!toThem && !disputeIds.has(mail.disputeId)) return undefined;
    const next = {
      email: toThem ? ERASED : mail.email,
      subject: scrub(mail.subject, plaintexts),
      text: scrub(mail.text, plaintexts),
      ...(mail.html ? { html: scrub(mail.html, plaintexts) } : {}),
    };
    const same = next.email === mail.email && next.subject === mail.subject && next.text === mail.text && next.html === mail.html;
    return same ? undefined : next;
  }, ERASED);
  platform.mail.compact();
  if (platform.config.smtpUrl || !existsSync(outboxDir)) return;

  const files = new Set<string>();
  const transport = createMailTransport({ from: platform.config.mailFrom, outboxDir });
  try {
    for (const mail of rewritten) {
      const file = join(outboxDir, `${mail.messageId.replace(/[^\w.-]+/g, '_')}.eml`);
      if (!existsSync(file)) continue;
      files.add(file);
      rmSync(file);
      // A message to the erased person goes nowhere now; one to someone else is written again, scrubbed.
      if (mail.recipientId === personId) continue;
      const { email: to, subject, text, html, messageId, kind } = mail;
      await transport.send({ to, subject, text, ...(html ? { html } : {}), messageId, headers: { 'X-Yimei-Notice': kind } });
    }
  } finally {
    transport.close();
  }
  for (const name of readdirSync(outboxDir)) {
    const file = join(outboxDir, name);
    if (!name.endsWith('.eml') || files.has(file)) continue;
    const head = readFileSync(file, 'utf8').split('\n\n', 1)[0]!.toLowerCase();
    if (addresses.some((address) => head.includes(address))) rmSync(file);
  }
}
