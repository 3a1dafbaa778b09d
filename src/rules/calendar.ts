// The working-day calendar of mainland China, on Asia/Shanghai local dates.
//
// Published years come from the State Council arrangements as shipped in chinese-days' JSON data.
// We read the data file rather than call isWorkday(): the package's own date handling parses
// 'YYYY-MM-DD' as UTC but reads it back in the process time zone, so its answers shift by a day
// when the server runs west of UTC. For years with no published arrangement we fall back to the
// holidays fixed by the regulation itself (全国年节及纪念日放假办法, 2024 revision, Art. 2).
import chineseDays from 'chinese-days';
import calendarData from 'chinese-days/dist/chinese-days.json' with { type: 'json' };

/** A calendar date in Asia/Shanghai, 'YYYY-MM-DD'. */
export type LocalDate = string;

const DAY_MS = 86_400_000;
// China has kept UTC+8 without daylight saving since 1991.
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const holidays: Readonly<Record<string, string>> = calendarData.holidays;
const adjustedWorkdays: Readonly<Record<string, string>> = calendarData.workdays;

/** Years for which chinese-days holds a State Council arrangement (decided from the data). */
export const PUBLISHED_YEARS: readonly number[] = [
  ...new Set(Object.keys(holidays).map((date) => Number(date.slice(0, 4)))),
].sort((a, b) => a - b);

const publishedYears: ReadonlySet<number> = new Set(PUBLISHED_YEARS);

export function isLocalDate(value: unknown): value is LocalDate {
  if (typeof value !== 'string') return false;
  const m = LOCAL_DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
}

function parts(date: LocalDate): { year: number; month: number; day: number } {
  if (!isLocalDate(date)) throw new RangeError(`not a local date (YYYY-MM-DD): ${String(date)}`);
  return { year: Number(date.slice(0, 4)), month: Number(date.slice(5, 7)), day: Number(date.slice(8, 10)) };
}

/** Days since 1970-01-01 of a local date; calendar arithmetic is done on this, never on instants. */
function epochDay(date: LocalDate): number {
  const { year, month, day } = parts(date);
  return Date.UTC(year, month - 1, day) / DAY_MS;
}

function fromEpochDay(n: number): LocalDate {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

export function localDate(year: number, month: number, day: number): LocalDate {
  const date = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  if (!isLocalDate(date)) throw new RangeError(`no such date: ${year}-${month}-${day}`);
  return date;
}

export function yearOf(date: LocalDate): number {
  return parts(date).year;
}

export function addDays(date: LocalDate, n: number): LocalDate {
  if (!Number.isSafeInteger(n)) throw new RangeError(`days must be an integer: ${n}`);
  return fromEpochDay(epochDay(date) + n);
}

/** Signed number of calendar days from a to b. */
export function daysBetween(a: LocalDate, b: LocalDate): number {
  return epochDay(b) - epochDay(a);
}

/** 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(date: LocalDate): number {
  return new Date(epochDay(date) * DAY_MS).getUTCDay();
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The Shanghai calendar date on which an instant falls. */
export function toLocalDate(instant: Date): LocalDate {
  const t = instant.getTime();
  if (Number.isNaN(t)) throw new RangeError('invalid instant');
  return new Date(t + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** 00:00 Shanghai at the start of a local date. */
export function startOfLocalDay(date: LocalDate): Date {
  return new Date(epochDay(date) * DAY_MS - SHANGHAI_OFFSET_MS);
}

/** 24:00 Shanghai of a local date, i.e. 00:00 +08:00 of the next day: when a period ends (CC Art. 203). */
export function endOfLocalDay(date: LocalDate): Date {
  return new Date((epochDay(date) + 1) * DAY_MS - SHANGHAI_OFFSET_MS);
}

export function isPublishedYear(year: number): boolean {
  return publishedYears.has(year);
}

const LAST_DAYS_OF_DECEMBER_FROM = 25;

/**
 * Whether the calendar data settles this day. Besides its own year, the last days of December
 * depend on the next year's arrangement too: New Year bridges have moved them before
 * (2018-12-29 worked, 12-30/31 off; 2007-12-29 worked, 12-30/31 off; 2006-12-30/31 worked).
 */
export function isSettled(date: LocalDate): boolean {
  const { year, month, day } = parts(date);
  if (!publishedYears.has(year)) return false;
  return !(month === 12 && day >= LAST_DAYS_OF_DECEMBER_FROM && !publishedYears.has(year + 1));
}

// chinese-days' lunar and solar-term tables cover 1900–2100; keep a margin for lunar year edges.
const FALLBACK_MIN_YEAR = 1901;
const FALLBACK_MAX_YEAR = 2099;
/** The days the working-day calendar can tell apart: a period can be counted only within them. */
export const COUNTABLE_FROM: LocalDate = `${FALLBACK_MIN_YEAR}-01-01`;
export const COUNTABLE_TO: LocalDate = `${FALLBACK_MAX_YEAR}-12-31`;

function solarDateOfLunar(lunarYear: number, lunarMonth: number, lunarDay: number): LocalDate {
  // A Date from local components round-trips through the package's local getters in any zone.
  const { date } = chineseDays.getSolarDateFromLunar(new Date(lunarYear, lunarMonth - 1, lunarDay));
  return date;
}

function qingming(year: number): LocalDate {
  const reported = chineseDays.getSolarTermDate(year, 4, 'pure_brightness');
  // The package formats Date.UTC(year, 3, day) with local getters; recover `day` by doing the same.
  for (let day = 1; day <= 10; day++) {
    const t = new Date(Date.UTC(year, 3, day));
    const asPackageFormats = localDate(t.getFullYear(), t.getMonth() + 1, t.getDate());
    if (asPackageFormats === reported) return localDate(year, 4, day);
  }
  throw new RangeError(`cannot determine Qingming for ${year}: ${reported}`);
}

export type StatutoryHoliday =
  | 'NEW_YEAR'
  | 'SPRING_FESTIVAL'
  | 'QINGMING'
  | 'LABOUR_DAY'
  | 'DRAGON_BOAT'
  | 'MID_AUTUMN'
  | 'NATIONAL_DAY';

const regulationCache = new Map<number, ReadonlyMap<LocalDate, StatutoryHoliday>>();

/**
 * The days off the regulation itself fixes for a year (Art. 2): no bridges, no adjusted working
 * weekends and no Art. 6 substitute days, since those are only known once the State Council publishes.
 */
export function regulationHolidays(year: number): ReadonlyMap<LocalDate, StatutoryHoliday> {
  const cached = regulationCache.get(year);
  if (cached) return cached;
  if (!Number.isInteger(year) || year < FALLBACK_MIN_YEAR || year > FALLBACK_MAX_YEAR) {
    throw new RangeError(`no lunar calendar for ${year} (supported ${FALLBACK_MIN_YEAR}–${FALLBACK_MAX_YEAR})`);
  }
  const days = new Map<LocalDate, StatutoryHoliday>();
  days.set(localDate(year, 1, 1), 'NEW_YEAR');
  // Lunar New Year falls between Jan 21 and Feb 20, so its eve is in the same Gregorian year.
  const lunarNewYear = solarDateOfLunar(year, 1, 1);
  for (let i = -1; i <= 2; i++) days.set(addDays(lunarNewYear, i), 'SPRING_FESTIVAL');
  days.set(qingming(year), 'QINGMING');
  days.set(localDate(year, 5, 1), 'LABOUR_DAY');
  days.set(localDate(year, 5, 2), 'LABOUR_DAY');
  days.set(solarDateOfLunar(year, 5, 5), 'DRAGON_BOAT');
  days.set(solarDateOfLunar(year, 8, 15), 'MID_AUTUMN');
  for (let d = 1; d <= 3; d++) days.set(localDate(year, 10, d), 'NATIONAL_DAY');
  regulationCache.set(year, days);
  return days;
}

export function isWorkingDay(date: LocalDate): boolean {
  const { year } = parts(date);
  const weekday = dayOfWeek(date);
  const monToFri = weekday >= 1 && weekday <= 5;
  if (publishedYears.has(year)) {
    // An adjusted working weekend (调休) is listed in workdays; days off in holidays.
    if (adjustedWorkdays[date] !== undefined) return true;
    return monToFri && holidays[date] === undefined;
  }
  return monToFri && !regulationHolidays(year).has(date);
}

/** A weekend not worked or a statutory holiday (法定休假日 of CPL Art. 85, CC Art. 203). */
export function isRestDay(date: LocalDate): boolean {
  return !isWorkingDay(date);
}
