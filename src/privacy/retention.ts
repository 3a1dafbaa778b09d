/**
 * How long the platform keeps a person's data, per record type (issue 11 part 2), in the style of
 * the legal parameters (src/rules/parameters.ts): a name, a period, what it means and its source.
 *
 * PIPL Art. 19: personal information is kept for the shortest time needed for the purpose of the
 * processing, unless a law or administrative regulation sets a period; Art. 47(1)–(2): the processor
 * deletes it on its own once the purpose is achieved or the retention period has ended. No statute in
 * ../shared/laws sets a period for a mediation platform's case file (PML Art. 27 asks for an archive
 * of the mediation — registration, record, agreement — without a period; the Medical Record rules'
 * 15/30 years bind the clinic for its originals, not the platform's copies). Where the law is silent
 * the period is the platform's own policy, and the source says so.
 *
 * Periods run from the day after the event and end as the platform counts periods (CC Art. 200–203,
 * src/rules/periods.ts: a last day that is a statutory rest day moves to the next working day): the
 * proposal is for an ADMIN to confirm on a working day, and a later end never shortens anyone's
 * retention.
 */
import { addYears } from '../rules/periods.ts';
import type { RuleParameter } from '../rules/parameters.ts';
import { TERMINAL_STATUSES } from '../dispute/model.ts';
import type { DisputeState } from '../dispute/state.ts';

function retention<const Name extends string>(name: Name, amount: number, meaning: string, source: string): RuleParameter<Name> {
  return { name, amount, unit: 'YEARS', meaning, source };
}

export const RETENTION = {
  RETENTION_CASE_FILE: retention(
    'RETENTION_CASE_FILE', 5,
    "a consumer's case files (complaint, contact data, mediation record, agreement or award, obligations, messages, evidence, mail) after their last dispute ended (closed, withdrawn or rejected)",
    'platform policy (no statutory period: PML Art. 27 archive without a period; PIPL Art. 19 shortest time needed): LIMITATION 3 years (CC Art. 188) for claims arising from the agreement, plus ENFORCEMENT_APPLY 2 years (CPL Art. 250)',
  ),
  RETENTION_IDLE_ACCOUNT: retention(
    'RETENTION_IDLE_ACCOUNT', 3,
    'a consumer account that never filed a dispute, after it was created',
    'platform policy under PIPL Art. 47(1) (purpose not pursued): the LIMITATION period (CC Art. 188) within which the person may still file',
  ),
  RETENTION_ACCESS_LOG: retention(
    'RETENTION_ACCESS_LOG', 3,
    'entries of the access log (who read whose personal data): kept at least this long; the store is append-only, so they are never erased earlier',
    'platform policy, after PIPL Art. 56 (records of impact assessments kept at least 3 years); Cybersecurity Law Art. 21(3) asks at least 6 months for network logs',
  ),
} as const satisfies Record<string, RuleParameter<string>>;

export type RetentionRule = keyof typeof RETENTION;

/** The record types a proposal names, and the rule that sets each one's period. */
export const RECORD_TYPES = {
  CASE_FILE: 'RETENTION_CASE_FILE',
  IDLE_ACCOUNT: 'RETENTION_IDLE_ACCOUNT',
} as const satisfies Record<string, RetentionRule>;

export type RecordType = keyof typeof RECORD_TYPES;

export interface RetentionDue {
  recordType: RecordType;
  rule: RetentionRule;
  /** 24:00 Asia/Shanghai of the period's last day, ISO. */
  dueAt: string;
  lastDay: string;
}

/** When a dispute ended for its claimant: closed, withdrawn or rejected; undefined while it runs. */
export function endedAt(state: Pick<DisputeState, 'status' | 'closedAt' | 'rejection' | 'withdrawal'>): string | undefined {
  if (!TERMINAL_STATUSES.has(state.status)) return undefined;
  return state.closedAt ?? state.withdrawal?.at ?? state.rejection?.at;
}

/**
 * When a consumer's data may be erased: the case-file period after the last of their disputes
 * ended; with no dispute, the idle-account period after the account was created. Undefined while
 * any of their disputes runs. Pure: the reactor compares it with the clock.
 */
export function retentionDue(
  account: { createdAt: string },
  disputes: ReadonlyArray<Pick<DisputeState, 'status' | 'closedAt' | 'rejection' | 'withdrawal'>>,
  schedule: typeof RETENTION = RETENTION,
): RetentionDue | undefined {
  if (disputes.length === 0) return due('IDLE_ACCOUNT', account.createdAt, schedule);
  const ends = disputes.map(endedAt);
  if (ends.some((end) => end === undefined)) return undefined;
  const last = (ends as string[]).reduce((a, b) => (Date.parse(a) >= Date.parse(b) ? a : b));
  return due('CASE_FILE', last, schedule);
}

function due(recordType: RecordType, from: string, schedule: typeof RETENTION): RetentionDue {
  const rule = RECORD_TYPES[recordType];
  const end = addYears(new Date(from), schedule[rule].amount);
  return { recordType, rule, dueAt: end.dueAt.toISOString(), lastDay: end.lastDay };
}
