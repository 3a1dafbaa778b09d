/**
 * Retention (issue 11 part 2): a reactor that, for each consumer, compares the end of their
 * retention period (src/privacy/retention.ts) with the clock and proposes erasing their data once it
 * has passed: an `ErasureProposed` event in `erasure-<personId>`, naming the record type, the rule
 * and when the period ended. An ADMIN confirms by `erasePersonalData`, whose `PersonalDataErased`
 * settles every open proposal of the person. A person active again (a new dispute) gets their open
 * proposal withdrawn. Idempotent: a pass decides on the stream as read and appends at that
 * revision, with ids derived from it, so a repeat, a retry after a crash or a second replica appends
 * nothing twice.
 */
import { accountQueries } from '../../projections/accounts.ts';
import { decodeCursor } from '../../projections/queries.ts';
import { getAccount } from '../accounts/accounts.ts';
import type { DisputeState } from '../dispute/state.ts';
import { WrongExpectedRevision, type NewEvent } from '../eventstore/port.ts';
import type { Platform } from '../platform.ts';
import { erasureStream, foldErasure, proposalKey, type ErasureProposalWithdrawn, type ErasureProposed } from '../privacy/erasure.ts';
import { retentionDue } from '../privacy/retention.ts';
import type { Clock } from '../shared/clock.ts';
import { idFromKey } from '../shared/ids.ts';
import type { ReactorLogger } from './deadlines.ts';
import { runPeriodically } from './periodic.ts';

/** Retention periods are years long: once an hour is plenty. */
export const RETENTION_SCAN_MS = 3_600_000;

function claimantDisputes(platform: Platform, personId: string): DisputeState[] {
  const out: DisputeState[] = [];
  let after: number | undefined;
  for (;;) {
    const page = platform.queries.disputes([`CONSUMER:${personId}`], {}, 100, after);
    out.push(...page.items.map((i) => i.state));
    if (!page.hasNextPage || page.items.length === 0) return out;
    after = decodeCursor(page.items.at(-1)!.cursor);
  }
}

/** One pass over every consumer. Returns how many events were appended. */
export async function proposeErasures(platform: Platform, clock: Clock, log?: ReactorLogger): Promise<number> {
  const now = clock.now();
  let appended = 0;
  for (const { id: personId } of accountQueries(platform.readModel).withRole('CONSUMER')) {
    try {
      const disputes = claimantDisputes(platform, personId);
      const account = disputes.length === 0 ? await getAccount(platform.store, personId) : undefined;
      if (disputes.length === 0 && !account) continue;
      const due = retentionDue({ createdAt: account?.createdAt ?? '' }, disputes);

      const stream = erasureStream(personId);
      const events = await platform.store.readStream(stream);
      const state = foldErasure(events);
      if (state.erasedAt) continue;
      const open = state.proposals.filter((p) => p.status === 'OPEN');
      const meta = { occurredAt: now.toISOString(), actor: { userId: 'system', role: 'SYSTEM' } };
      const next: NewEvent[] = [];
      for (const p of open) {
        if (due && proposalKey(p) === proposalKey(due)) continue;
        const data: ErasureProposalWithdrawn = { personId, recordType: p.recordType, dueAt: p.dueAt, reason: 'NEW_ACTIVITY' };
        next.push({ id: '', type: 'ErasureProposalWithdrawn', data, metadata: meta });
      }
      if (due && Date.parse(due.dueAt) <= now.getTime() && !open.some((p) => proposalKey(p) === proposalKey(due))) {
        const data: ErasureProposed = { personId, recordType: due.recordType, rule: due.rule, dueAt: due.dueAt };
        next.push({ id: '', type: 'ErasureProposed', data, metadata: meta });
      }
      if (next.length === 0) continue;
      const revision = events.length - 1;
      const withIds = next.map((e, i) => ({ ...e, id: idFromKey(`retention/${personId}/${revision}/${i}`) }));
      await platform.store.appendToStream(stream, withIds, { expectedRevision: revision < 0 ? 'no_stream' : revision });
      appended += next.length;
      log?.info({ personId, events: next.map((e) => e.type) }, 'retention: erasure proposals updated');
    } catch (error) {
      // Another replica decided on this person meanwhile: the next pass sees its events.
      if (error instanceof WrongExpectedRevision) continue;
      log?.error({ err: error, personId }, 'retention pass failed for a person');
    }
  }
  return appended;
}

/** Runs a pass now and then every `intervalMs`, one pass at a time. */
export function startRetentionReactor(platform: Platform, options: { clock: Clock; intervalMs?: number; log?: ReactorLogger }) {
  return runPeriodically(
    () => proposeErasures(platform, options.clock, options.log),
    options.intervalMs ?? RETENTION_SCAN_MS,
    (error) => options.log?.error({ err: error }, 'retention pass failed'),
  );
}
