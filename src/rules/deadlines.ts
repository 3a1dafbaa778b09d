// Deadlines of the named rules, counted by each rule's unit.
import { addCalendarDays, addMonths, addWorkingDays, addYears, startDay } from './periods.ts';
import type { Due, PeriodStart } from './periods.ts';
import { daysBetween } from './calendar.ts';
import type { LocalDate } from './calendar.ts';
import { RULES, awardSetAsideRule } from './parameters.ts';
import type { RuleName, RuleParameter, RuleParameters } from './parameters.ts';

export type Deadline = Due & { kind: RuleName; source: string };

function ruleFor(rule: RuleName, from: PeriodStart, params: RuleParameters): RuleParameter<RuleName> {
  // The set-aside window depends on which Arbitration Law was in force when the award was received.
  if (rule === 'AWARD_SET_ASIDE') return awardSetAsideRule(startDay(from), params);
  return params[rule];
}

/**
 * When `rule` runs out for an event at `from`. extraWorkingDays lengthens a working-day period,
 * e.g. by the appraisal time excluded from a mediation limit (see workingDaysBetween).
 */
export function dueFor(
  rule: RuleName,
  from: PeriodStart,
  params: RuleParameters = RULES,
  extraWorkingDays = 0,
): Deadline {
  const { amount, unit, source } = ruleFor(rule, from, params);
  if (!Number.isSafeInteger(extraWorkingDays) || extraWorkingDays < 0) {
    throw new RangeError(`extraWorkingDays must be a non-negative integer: ${extraWorkingDays}`);
  }
  if (extraWorkingDays > 0 && unit !== 'WORKING_DAYS') {
    throw new RangeError(`${rule} is counted in ${unit}, not working days`);
  }
  const due = countPeriod(unit, from, amount + extraWorkingDays);
  return { ...due, kind: rule, source };
}

/**
 * A period depends only on its unit, length and first day, and is asked for again and again (every
 * view of a dispute shows its deadlines): counted once per day, then remembered.
 */
const counted = new Map<string, Due>();

function countPeriod(unit: RuleParameter['unit'], from: PeriodStart, amount: number): Due {
  const key = `${unit}|${startDay(from)}|${amount}`;
  let due = counted.get(key);
  if (!due) {
    due = count(unit, from, amount);
    if (counted.size >= 100_000) counted.clear();
    counted.set(key, due);
  }
  return { ...due, dueAt: new Date(due.dueAt) };
}

function count(unit: RuleParameter['unit'], from: PeriodStart, amount: number): Due {
  switch (unit) {
    case 'WORKING_DAYS':
      return addWorkingDays(from, amount);
    case 'DAYS':
      return addCalendarDays(from, amount);
    case 'MONTHS':
      return addMonths(from, amount);
    case 'YEARS':
      return addYears(from, amount);
  }
}

/**
 * Whether LIMITATION has run out by `today`, counted from the day the harm occurred: the consumer
 * is warned, the complaint is not refused. The statute runs from knowing of the harm and the liable
 * party, which is never earlier, so this errs towards warning.
 */
export function limitationWarning(occurredOn: LocalDate, today: LocalDate, params: RuleParameters = RULES): boolean {
  return startDay(today) > dueFor('LIMITATION', occurredOn, params).lastDay;
}

/** LAL Art. 44: a limitation or deadline less than LEGAL_AID_URGENT days away lets aid be granted first. */
export function isLegalAidUrgent(lastDay: LocalDate, today: LocalDate, params: RuleParameters = RULES): boolean {
  return daysBetween(startDay(today), startDay(lastDay)) < params.LEGAL_AID_URGENT.amount;
}
