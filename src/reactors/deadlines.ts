/**
 * Time-driven transitions: a reactor reads the deadlines read model and, for each deadline that has
 * passed and carries a consequence, issues the platform's command. Idempotent: the command's events
 * take ids from the deadline's key (the event store ignores a repeat), and the decider refuses a
 * transition already made — so running it twice, or again after a crash, appends nothing twice.
 */
import type { DeadlineRow } from '../../projections/queries.ts';
import { SYSTEM_VIEWER } from '../dispute/access.ts';
import type { DisputeCommand } from '../dispute/dispute.ts';
import type { Platform } from '../platform.ts';
import type { Clock } from '../shared/clock.ts';
import { DomainError } from '../shared/errors.ts';
import { runPeriodically } from './periodic.ts';

/** What passing each deadline means (RULES.md); deadlines not listed only remind. */
const CONSEQUENCES: Record<string, (deadline: DeadlineRow) => DisputeCommand> = {
  RESPONDENT_ANSWER: ({ dueAt }) => ({ type: 'lapseRespondentAnswer', data: { dueAt } }),
  MEDIATION_LIMIT_MEDICAL: ({ dueAt }) => ({ type: 'deemMediationFailed', data: { dueAt } }),
  MEDIATION_LIMIT_CONSUMER: ({ dueAt }) => ({ type: 'deemMediationFailed', data: { dueAt } }),
  JC_APPLY_WINDOW: () => ({ type: 'lapseConfirmationWindow', data: {} }),
  OBLIGATION_DUE: ({ ref, dueAt }) => ({ type: 'markObligationOverdue', data: { obligationId: ref, dueAt } }),
};

export interface ReactorLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

/** One pass: every passed deadline with a consequence gets its command. Returns how many were applied. */
export async function applyPassedDeadlines(platform: Platform, clock: Clock, log?: ReactorLogger): Promise<number> {
  const now = clock.now();
  let applied = 0;
  for (const deadline of platform.queries.deadlinesDueBy(now.toISOString())) {
    const consequence = CONSEQUENCES[deadline.kind];
    if (!consequence) continue;
    const key = `deadline/${deadline.disputeId}/${deadline.kind}/${deadline.ref}/${deadline.dueAt}`;
    try {
      const { appended } = await platform.execute(deadline.disputeId, consequence(deadline), {
        viewer: SYSTEM_VIEWER,
        correlationId: key,
        causationId: key,
        idempotencyKey: key,
      });
      if (appended.length > 0) {
        applied++;
        log?.info({ disputeId: deadline.disputeId, kind: deadline.kind }, 'deadline passed: transition applied');
      }
    } catch (error) {
      // The dispute moved on meanwhile (someone acted just in time): nothing to do.
      if (error instanceof DomainError && error.code !== 'INTERNAL') continue;
      log?.error({ err: error, disputeId: deadline.disputeId, kind: deadline.kind }, 'deadline transition failed');
    }
  }
  return applied;
}

/** Runs a pass now and then every `intervalMs`, one pass at a time. */
export function startDeadlineReactor(platform: Platform, options: { clock: Clock; intervalMs: number; log?: ReactorLogger }) {
  return runPeriodically(
    () => applyPassedDeadlines(platform, options.clock, options.log),
    options.intervalMs,
    (error) => options.log?.error({ err: error }, 'deadline pass failed'),
  );
}
