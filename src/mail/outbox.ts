/**
 * The mail outbox: its own SQLite file, DATA_DIR/mail.sqlite, apart from the read model, so that
 * rebuilding projections never sends anything again. Each message is keyed by an idempotency key
 * (the event id or the reminder, and the recipient account); the mail reactor's checkpoint is kept
 * here too and advanced in the same transaction as the messages of its batch. The file is the
 * memory of what was sent: without it the reactor starts from the first event again.
 */
import { createHash } from 'node:crypto';
import { DatabaseSync } from 'node:sqlite';
import type { Relation } from '../dispute/access.ts';
import type { NoticeKind } from './notices.ts';

export interface NewMail {
  /** eventId/recipientId, or reminder/dispute/kind/ref/dueAt/recipientId. */
  key: string;
  disputeId: string;
  caseNumber: string;
  kind: NoticeKind;
  recipientId: string;
  recipientRole: Relation;
  email: string;
  subject: string;
  text: string;
  html?: string;
}

export type MailStatus = 'PENDING' | 'SENT' | 'FAILED';

export interface OutboxMail extends NewMail {
  id: number;
  messageId: string;
  status: MailStatus;
  attempts: number;
  /** Epoch milliseconds. */
  nextAttemptAt: number;
  lastError?: string;
  sentAt?: string;
}

export interface RetryPolicy {
  /** Delay before the first retry; doubled on each further failure. */
  baseMs: number;
  capMs: number;
  /** After this many failed attempts the message is FAILED, and retried only every failedRetryMs. */
  maxAttempts: number;
  failedRetryMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { baseMs: 30_000, capMs: 30 * 60_000, maxAttempts: 8, failedRetryMs: 6 * 3600_000 };

/** Exponential backoff after `attempts` failures, capped. */
export function backoffMs(attempts: number, policy: RetryPolicy): number {
  return Math.min(policy.capMs, policy.baseMs * 2 ** Math.max(0, attempts - 1));
}

/** A stable Message-ID for a key: a receiver (or a test) can tell a resent message from a new one. */
export function messageIdFor(key: string, domain: string): string {
  return `<${createHash('sha256').update(key).digest('hex').slice(0, 40)}@${domain}>`;
}

/** The domain of the sender address (MAIL_FROM), for Message-IDs. */
export function mailDomain(from: string): string {
  return /@([^\s>]+)>?\s*$/.exec(from)?.[1] ?? 'localhost';
}

/** SMTP errors often quote the address; no address goes into the outbox's error or a log line. */
export function scrubError(error: unknown): string {
  const e = error as { code?: string; responseCode?: number; message?: string };
  const message = String(e?.message ?? error).replace(/[^\s<>"'@]+@[^\s<>"'@]+/g, '<address>');
  return [e?.code, message].filter(Boolean).join(': ').slice(0, 500);
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS outbox (
  id              INTEGER PRIMARY KEY,
  key             TEXT NOT NULL UNIQUE,
  message_id      TEXT NOT NULL,
  dispute_id      TEXT NOT NULL,
  case_number     TEXT NOT NULL,
  kind            TEXT NOT NULL,
  recipient_id    TEXT NOT NULL,
  recipient_role  TEXT NOT NULL,
  email           TEXT NOT NULL,
  subject         TEXT NOT NULL,
  text            TEXT NOT NULL,
  html            TEXT,
  status          TEXT NOT NULL DEFAULT 'PENDING',
  attempts        INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  last_error      TEXT,
  created_at      TEXT NOT NULL,
  sent_at         TEXT
) STRICT;
CREATE INDEX IF NOT EXISTS outbox_unsent ON outbox (next_attempt_at) WHERE status <> 'SENT';
CREATE INDEX IF NOT EXISTS outbox_recipient ON outbox (recipient_id);
CREATE TABLE IF NOT EXISTS checkpoint (
  name     TEXT PRIMARY KEY,
  position TEXT NOT NULL
) STRICT;`;

const toMail = (r: Record<string, unknown>): OutboxMail => ({
  id: r.id as number,
  key: r.key as string,
  messageId: r.message_id as string,
  disputeId: r.dispute_id as string,
  caseNumber: r.case_number as string,
  kind: r.kind as NoticeKind,
  recipientId: r.recipient_id as string,
  recipientRole: r.recipient_role as Relation,
  email: r.email as string,
  subject: r.subject as string,
  text: r.text as string,
  ...(r.html ? { html: r.html as string } : {}),
  status: r.status as MailStatus,
  attempts: r.attempts as number,
  nextAttemptAt: r.next_attempt_at as number,
  ...(r.last_error ? { lastError: r.last_error as string } : {}),
  ...(r.sent_at ? { sentAt: r.sent_at as string } : {}),
});

export function openMailOutbox(path: string, options: { domain: string }) {
  const db = new DatabaseSync(path, { timeout: 10_000 });
  // FULL: a "sent" mark lost to a power cut would mean sending that message again.
  // secure_delete: what an erasure scrubs (src/privacy/erase.ts) is overwritten, not left in free pages.
  db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA secure_delete = ON;');
  db.exec(SCHEMA);
  const q = {
    checkpoint: db.prepare(`SELECT position FROM checkpoint WHERE name = 'mail'`),
    setCheckpoint: db.prepare(`INSERT INTO checkpoint (name, position) VALUES ('mail', ?) ON CONFLICT (name) DO UPDATE SET position = excluded.position`),
    insert: db.prepare(`
      INSERT INTO outbox (key, message_id, dispute_id, case_number, kind, recipient_id, recipient_role, email, subject, text, html, next_attempt_at, created_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (key) DO NOTHING`),
    has: db.prepare('SELECT 1 FROM outbox WHERE key = ?'),
    due: db.prepare(`SELECT * FROM outbox WHERE status <> 'SENT' AND next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT ?`),
    next: db.prepare(`SELECT min(next_attempt_at) AS at FROM outbox WHERE status <> 'SENT'`),
    sent: db.prepare(`UPDATE outbox SET status = 'SENT', sent_at = ?, last_error = NULL WHERE id = ?`),
    failed: db.prepare('UPDATE outbox SET status = ?, attempts = ?, next_attempt_at = ?, last_error = ? WHERE id = ?'),
    failures: db.prepare(`SELECT * FROM outbox WHERE status <> 'SENT' AND attempts > 0 ORDER BY id`),
    all: db.prepare('SELECT * FROM outbox ORDER BY id'),
    toRecipient: db.prepare('SELECT * FROM outbox WHERE recipient_id = ? ORDER BY id'),
    rewrite: db.prepare('UPDATE outbox SET email = ?, subject = ?, text = ?, html = ? WHERE id = ?'),
    // Never to be sent: the recipient was erased.
    abandon: db.prepare(`UPDATE outbox SET status = 'FAILED', next_attempt_at = ?, last_error = ? WHERE id = ? AND status <> 'SENT'`),
  };

  return {
    /** The position of the last dispute event whose mail is in the outbox. */
    checkpoint(): bigint {
      const row = q.checkpoint.get() as { position: string } | undefined;
      return row ? BigInt(row.position) : 0n;
    },

    /**
     * A new outbox beside existing events starts at the store's head: the people on those disputes
     * were told at the time (or never will be); a rebuilt or lost mail.sqlite must not mail its whole history.
     */
    startAt(head: bigint): void {
      if (q.checkpoint.get() === undefined) q.setCheckpoint.run(String(head));
    },

    has: (key: string) => q.has.get(key) !== undefined,

    /** Adds the messages not there yet, and moves the checkpoint, in one transaction. Returns how many were new. */
    enqueue(mails: NewMail[], now: Date, checkpoint?: bigint): number {
      let added = 0;
      db.exec('BEGIN IMMEDIATE');
      try {
        for (const m of mails) {
          const result = q.insert.run(
            m.key,
            messageIdFor(m.key, options.domain),
            m.disputeId,
            m.caseNumber,
            m.kind,
            m.recipientId,
            m.recipientRole,
            m.email,
            m.subject,
            m.text,
            m.html ?? null,
            now.getTime(),
            now.toISOString(),
          );
          added += Number(result.changes);
        }
        if (checkpoint !== undefined) q.setCheckpoint.run(String(checkpoint));
        db.exec('COMMIT');
      } catch (error) {
        if (db.isTransaction) db.exec('ROLLBACK');
        throw error;
      }
      return added;
    },

    /** Unsent messages whose next attempt is due, oldest first. */
    due: (now: number, limit = 20) => (q.due.all(now, limit) as Array<Record<string, unknown>>).map(toMail),

    /** When the earliest unsent message is due; undefined when all are sent. */
    nextAttemptAt(): number | undefined {
      const row = q.next.get() as { at: number | null };
      return row.at ?? undefined;
    },

    markSent(id: number, at: Date): void {
      q.sent.run(at.toISOString(), id);
    },

    /** Records a failed attempt: PENDING with a backoff, or FAILED past maxAttempts or on a permanent error. */
    markFailed(mail: OutboxMail, error: string, now: number, policy: RetryPolicy, permanent = false): { status: MailStatus; attempts: number; nextAttemptAt: number } {
      const attempts = mail.attempts + 1;
      const status: MailStatus = permanent || attempts >= policy.maxAttempts ? 'FAILED' : 'PENDING';
      const nextAttemptAt = now + (status === 'FAILED' ? policy.failedRetryMs : backoffMs(attempts, policy));
      q.failed.run(status, attempts, nextAttemptAt, error, mail.id);
      return { status, attempts, nextAttemptAt };
    },

    /** Messages not delivered yet that have failed at least once. */
    failures: () => (q.failures.all() as Array<Record<string, unknown>>).map(toMail),

    all: () => (q.all.all() as Array<Record<string, unknown>>).map(toMail),

    /** Every message to one account (their export, src/privacy/export.ts). */
    toRecipient: (accountId: string) => (q.toRecipient.all(accountId) as Array<Record<string, unknown>>).map(toMail),
    /**
     * Rewrites the messages `change` returns a new version of (an erasure replacing a person's data),
     * in one transaction; a message to an erased address is never sent. Returns the rewritten messages.
     */
    rewrite(change: (mail: OutboxMail) => Pick<OutboxMail, 'email' | 'subject' | 'text' | 'html'> | undefined, erasedAddress: string): OutboxMail[] {
      const changed: OutboxMail[] = [];
      db.exec('BEGIN IMMEDIATE');
      try {
        for (const mail of (q.all.all() as Array<Record<string, unknown>>).map(toMail)) {
          const next = change(mail);
          if (!next) continue;
          q.rewrite.run(next.email, next.subject, next.text, next.html ?? null, mail.id);
          if (next.email === erasedAddress) q.abandon.run(Number.MAX_SAFE_INTEGER, 'recipient erased', mail.id);
          changed.push({ ...mail, ...next });
        }
        db.exec('COMMIT');
      } catch (error) {
        if (db.isTransaction) db.exec('ROLLBACK');
        throw error;
      }
      return changed;
    },

    /** Leaves no old version of a rewritten row in the file or its -wal. */
    compact(): void {
      db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
      db.exec('VACUUM');
      db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
    },

    close: () => db.close(),
  };
}

export type MailOutbox = ReturnType<typeof openMailOutbox>;
