/**
 * The mail reactor (ARCHITECTURE.md: a subscriber with its own checkpoint, idempotent).
 *
 * - Enqueuer: follows dispute events from its checkpoint in mail.sqlite. For each batch it waits
 *   until the read model has reached the batch (so the dispute and its people are at least that
 *   recent), works out the messages, and in one transaction inserts them (ON CONFLICT DO NOTHING by
 *   event id + recipient) and advances the checkpoint. A crash anywhere repeats at most the
 *   batch, which inserts nothing new.
 * - Reminders: every scan interval, deadlines due within REMINDER_WORKING_DAYS working days are
 *   enqueued once per (dispute, kind, ref, due time, recipient).
 * - Sender: sends due messages one at a time, with a Message-ID derived from the key, and marks
 *   each sent right after the server accepted it. On failure: attempts + 1, exponential backoff
 *   (capped), the error kept (without addresses); after maxAttempts, or on a permanent 5xx, FAILED,
 *   then retried every failedRetryMs.
 *
 * The one window for a duplicate: the process dies after the SMTP server accepted a message and
 * before the "sent" mark commits (no await in between, so it is that narrow). The message then goes
 * again, with the same Message-ID, which lets mail systems drop the copy.
 */
import { accountQueries } from '../../projections/accounts.ts';
import { DISPUTE_STREAM_PREFIX } from '../dispute/events.ts';
import type { DisputeState } from '../dispute/state.ts';
import type { RecordedEvent } from '../eventstore/port.ts';
import type { Platform } from '../platform.ts';
import { addWorkingDays } from '../rules/periods.ts';
import type { Clock } from '../shared/clock.ts';
import { notificationsFor, reminderFor, type NotifiableEvent, type Notification, type NoticeKind } from './notices.ts';
import { DEFAULT_RETRY, scrubError, type NewMail, type OutboxMail, type RetryPolicy } from './outbox.ts';
import { recipientsOf } from './recipients.ts';
import { renderNotice } from './templates.ts';
import type { MailTransport } from './transport.ts';

export interface MailLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface MailReactorOptions {
  log?: MailLogger;
  /** Legal time, for reminders (default: the platform's clock). Retries run on real time. */
  clock?: Clock;
  /** Default: REMINDER_WORKING_DAYS. */
  reminderWorkingDays?: number;
  /** How often to look for deadlines to remind of (default: DEADLINE_SCAN_MS). */
  reminderScanMs?: number;
  retry?: Partial<RetryPolicy>;
}

export interface MailReactor {
  /** Enqueues the reminders due now (the timer does this every reminderScanMs); returns how many are new. */
  scanReminders(): number;
  /** Stops following events and sending (a send under way finishes first), and closes the transport. */
  stop(): Promise<void>;
}

/** The person told of their own act is only the one who filed: the receipt. */
const RECEIPTS: ReadonlySet<NoticeKind> = new Set(['FILING_RECEIVED']);
/** The sender looks again at least this often, whatever it was told. */
const IDLE_MS = 60_000;

const silent: MailLogger = { info() {}, warn() {}, error() {} };

export function startMailReactor(platform: Platform, transport: MailTransport, options: MailReactorOptions = {}): MailReactor {
  const { config, queries, runner, store, mail: outbox } = platform;
  const log = options.log ?? silent;
  const clock = options.clock ?? config.clock;
  const reminderWorkingDays = options.reminderWorkingDays ?? config.reminderWorkingDays;
  const retry: RetryPolicy = { ...DEFAULT_RETRY, ...options.retry };
  const directory = accountQueries(platform.readModel);

  /** The messages of one notification: one per recipient not already in the outbox under `keyOf`. */
  function mailsOf(notification: Notification, state: DisputeState, keyOf: (recipientId: string) => string, except?: string): NewMail[] {
    const ref = { disputeId: state.id, caseNumber: state.caseNumber };
    return recipientsOf(notification.audience, state, directory, except)
      .filter(({ account }) => !outbox.has(keyOf(account.id)))
      .map(({ account, relation }) => ({
        key: keyOf(account.id),
        ...ref,
        kind: notification.notice.kind,
        recipientId: account.id,
        recipientRole: relation,
        email: account.email,
        ...renderNotice(notification.notice, ref, relation, config.publicUrl),
      }));
  }

  function mailsOfEvent(event: RecordedEvent): NewMail[] {
    const state = queries.dispute(event.streamName.slice(DISPUTE_STREAM_PREFIX.length));
    if (!state) return [];
    const actor = (event.metadata.actor as { userId?: string } | undefined)?.userId;
    const notifications = notificationsFor({ type: event.type, data: event.data, metadata: event.metadata } as NotifiableEvent, state, config.rules);
    return notifications.flatMap((n) => mailsOf(n, state, (recipient) => `event/${event.id}/${recipient}`, RECEIPTS.has(n.notice.kind) ? undefined : actor));
  }

  let stopped = false;
  let wakeUp: (() => void) | undefined;
  function wake() {
    wakeUp?.();
  }
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wakeUp = undefined;
        resolve();
      }
      wakeUp = done;
    });

  async function deliver(mail: OutboxMail): Promise<void> {
    try {
      await transport.send({
        to: mail.email,
        subject: mail.subject,
        text: mail.text,
        ...(mail.html ? { html: mail.html } : {}),
        messageId: mail.messageId,
        headers: { 'X-Yimei-Notice': mail.kind },
      });
    } catch (error) {
      const responseCode = (error as { responseCode?: number }).responseCode;
      const permanent = responseCode !== undefined && responseCode >= 500 && responseCode < 600;
      const message = scrubError(error);
      const result = outbox.markFailed(mail, message, Date.now(), retry, permanent);
      log.warn(
        { mailId: mail.id, kind: mail.kind, recipientRole: mail.recipientRole, attempts: result.attempts, status: result.status, nextAttemptAt: new Date(result.nextAttemptAt).toISOString(), error: message },
        'mail delivery failed',
      );
      return;
    }
    outbox.markSent(mail.id, new Date());
  }

  const sending = (async () => {
    while (!stopped) {
      try {
        const due = outbox.due(Date.now());
        for (const mail of due) {
          if (stopped) break;
          await deliver(mail);
        }
        if (due.length > 0) continue;
        const next = outbox.nextAttemptAt();
        await sleep(next === undefined ? IDLE_MS : Math.min(IDLE_MS, Math.max(0, next - Date.now())));
      } catch (error) {
        log.error({ err: error }, 'mail: sender failed; trying again');
        await sleep(retry.baseMs);
      }
    }
  })();

  const subscription = store.subscribeToAll({ after: outbox.checkpoint(), streamPrefixes: [DISPUTE_STREAM_PREFIX] }, async (events) => {
    const last = events.at(-1)!.position;
    await runner.waitFor(last);
    const mails = events.flatMap((event) => {
      try {
        return mailsOfEvent(event);
      } catch (error) {
        // A bug for one event must not hold back everyone's mail: logged, and the rest goes on.
        log.error({ err: error, eventId: event.id, type: event.type }, 'mail: no messages for this event');
        return [];
      }
    });
    if (outbox.enqueue(mails, new Date(), last) > 0) wake();
  });

  function scanReminders(): number {
    const now = clock.now();
    const horizon = addWorkingDays(now, reminderWorkingDays).dueAt.toISOString();
    const mails: NewMail[] = [];
    for (const deadline of queries.deadlinesDueBy(horizon)) {
      if (new Date(deadline.dueAt) <= now) continue;
      const state = queries.dispute(deadline.disputeId);
      const notification = state && reminderFor(deadline, state);
      if (!state || !notification) continue;
      const { disputeId, kind, ref, dueAt } = deadline;
      mails.push(...mailsOf(notification, state, (recipient) => `reminder/${disputeId}/${kind}/${ref}/${dueAt}/${recipient}`));
    }
    const added = mails.length > 0 ? outbox.enqueue(mails, new Date()) : 0;
    if (added > 0) wake();
    return added;
  }

  const scan = () => {
    try {
      scanReminders();
    } catch (error) {
      log.error({ err: error }, 'mail: reminder scan failed');
    }
  };
  scan();
  const reminderTimer = setInterval(scan, options.reminderScanMs ?? config.deadlineScanMs);
  reminderTimer.unref();

  return {
    scanReminders,
    async stop() {
      stopped = true;
      clearInterval(reminderTimer);
      wake();
      await subscription.stop();
      await sending;
      transport.close();
    },
  };
}
