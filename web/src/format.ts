/** Money, dates and times as people in China read them (Asia/Shanghai), in either language. */
import type { Lang } from './i18n.tsx';

const ZONE = 'Asia/Shanghai';

export function yuan(amountFen: unknown, lang: Lang): string {
  const fen = Number(amountFen ?? 0);
  return new Intl.NumberFormat(lang, { style: 'currency', currency: 'CNY' }).format(fen / 100);
}

export function dateTime(iso: string | null | undefined, lang: Lang): string {
  if (!iso) return '';
  return new Intl.DateTimeFormat(lang, { timeZone: ZONE, dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

/** A calendar date (YYYY-MM-DD) as a date, not shifted by any time zone. */
export function day(date: string | null | undefined, lang: Lang): string {
  if (!date) return '';
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Intl.DateTimeFormat(lang, { timeZone: 'UTC', dateStyle: 'long' }).format(new Date(Date.UTC(y, m - 1, d)));
}

/** Yuan typed by a person (e.g. "12800" or "12,800.50") as integer fen; undefined when blank. */
export function toFen(yuanValue: number | string | null | undefined): number | undefined {
  if (yuanValue === null || yuanValue === undefined || yuanValue === '') return undefined;
  return Math.round(Number(String(yuanValue).replace(/,/g, '')) * 100);
}

/** A datetime-local input's value (read as Asia/Shanghai) as an ISO instant. */
export function shanghaiInstant(local: string): string {
  return new Date(`${local}:00+08:00`).toISOString();
}
