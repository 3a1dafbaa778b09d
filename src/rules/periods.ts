// Counting periods (CPL Art. 85; CC Art. 200–203): the day of the event is not counted, a period
// ends at 24:00 Asia/Shanghai of its last day, and a last day that is a rest day moves to the next
// working day.
import {
  addDays,
  daysInMonth,
  endOfLocalDay,
  isLocalDate,
  isRestDay,
  isSettled,
  isWorkingDay,
  localDate,
  toLocalDate,
} from './calendar.ts';
import type { LocalDate } from './calendar.ts';

export type Due = {
  /** 24:00 Asia/Shanghai of lastDay. */
  dueAt: Date;
  lastDay: LocalDate;
  /** Some day the count depended on has no published calendar yet; recompute when the data is updated. */
  provisional: boolean;
};

/** An event instant, or the Shanghai date it happened on. */
export type PeriodStart = Date | LocalDate;

export function startDay(from: PeriodStart): LocalDate {
  if (from instanceof Date) return toLocalDate(from);
  if (!isLocalDate(from)) throw new RangeError(`not a local date (YYYY-MM-DD): ${String(from)}`);
  return from;
}

function checkCount(n: number): void {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`a period length must be a non-negative integer: ${n}`);
}

function due(lastDay: LocalDate, provisional: boolean): Due {
  return { dueAt: endOfLocalDay(lastDay), lastDay, provisional };
}

/** CPL Art. 85 para. 3, CC Art. 203: a last day on a rest day becomes the next working day. */
function rolledForward(lastDay: LocalDate): Due {
  let day = lastDay;
  let provisional = !isSettled(day);
  while (isRestDay(day)) {
    day = addDays(day, 1);
    provisional ||= !isSettled(day);
  }
  return due(day, provisional);
}

/** The n-th working day after the Shanghai date of `from`. */
export function addWorkingDays(from: PeriodStart, n: number): Due {
  checkCount(n);
  let day = startDay(from);
  let provisional = false;
  for (let remaining = n; remaining > 0; ) {
    day = addDays(day, 1);
    provisional ||= !isSettled(day);
    if (isWorkingDay(day)) remaining--;
  }
  return due(day, provisional);
}

/** n calendar days, moved to the next working day if the last one is a rest day. */
export function addCalendarDays(from: PeriodStart, n: number): Due {
  checkCount(n);
  return rolledForward(addDays(startDay(from), n));
}

/**
 * CC Art. 202: a period of months ends on the corresponding day of the last month (the day of the
 * event's number), or that month's last day if it has none; then rolled past rest days.
 */
export function addMonths(from: PeriodStart, n: number): Due {
  checkCount(n);
  const start = startDay(from);
  const months = Number(start.slice(0, 4)) * 12 + (Number(start.slice(5, 7)) - 1) + n;
  const year = Math.floor(months / 12);
  const month = (months % 12) + 1;
  const day = Math.min(Number(start.slice(8, 10)), daysInMonth(year, month));
  return rolledForward(localDate(year, month, day));
}

export function addYears(from: PeriodStart, n: number): Due {
  checkCount(n);
  return addMonths(from, n * 12);
}

/** Working days in (a, b]; 0 when b is not after a. Used to take appraisal time off a clock. */
export function workingDaysBetween(a: LocalDate, b: LocalDate): number {
  const last = startDay(b);
  let count = 0;
  // 'YYYY-MM-DD' strings order like the dates they name.
  for (let day = addDays(startDay(a), 1); day <= last; day = addDays(day, 1)) {
    if (isWorkingDay(day)) count++;
  }
  return count;
}
