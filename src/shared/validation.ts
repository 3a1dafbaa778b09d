import { z } from 'zod';
import { COUNTABLE_FROM, COUNTABLE_TO, isLocalDate, type LocalDate } from '../rules/calendar.ts';
import { isValidResidentId, isValidUscc, residentIdBirthDate } from '../rules/identity.ts';
import { badInput } from './errors.ts';

/** Parses with zod; a failure becomes BAD_USER_INPUT naming each bad field (prefixed by `root`). */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, root = ''): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw badInput(
    result.error.issues.map((issue) => ({
      path: [root, ...issue.path.map(String)].filter(Boolean).join('.') || root || 'input',
      message: issue.message,
    })),
  );
}

// The input vocabulary every capability's zod schemas share; messages Chinese first.

// What no text may hold: it could not be stored in the hash chain (a lone surrogate is no Unicode,
// RFC 8785 refuses it), would hide itself or reorder what a reader sees (controls, bidi overrides).
const C0_SINGLE_LINE = /[\u0000-\u001f\u007f-\u009f]/;
/** Multi-line text keeps line feeds and tabs; CR LF and CR arrive as line feeds. */
const C0_MULTI_LINE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;
const BIDI_CONTROLS = /[\u202a-\u202e\u2066-\u2069]/;
/** Whitespace and the characters that show nothing (zero-width, joiners, soft hyphen, fillers). */
const INVISIBLE = /[\s\u00ad\u034f\u115f\u1160\u17b4\u17b5\u180e\u200b-\u200f\u2060-\u2064\u3164\uffa0\ufeff]/gu;

/** Why `value` is no acceptable text, or undefined: the one check every text input goes through. */
export function textProblem(value: string, multiLine: boolean): string | undefined {
  if (!value.isWellFormed()) return '含无效字符（孤立的代理项）/ not well-formed Unicode (a lone surrogate)';
  if ((multiLine ? C0_MULTI_LINE : C0_SINGLE_LINE).test(value)) {
    return multiLine ? '含控制字符（只允许换行和制表符）/ contains control characters (only line feeds and tabs are allowed)' : '含控制字符或换行 / contains control characters or line breaks';
  }
  if (BIDI_CONTROLS.test(value)) return '含文字方向控制字符 / contains bidirectional override characters (U+202A–U+202E, U+2066–U+2069)';
  return undefined;
}

/** Text shows nothing when only whitespace and zero-width characters remain. */
export const isBlank = (value: string) => value.replace(INVISIBLE, '') === '';

const tooLong = (max: number) => `最多 ${max} 字 / at most ${max} characters`;
const EMPTY = '不能为空 / must not be empty';
const BLANK = '不能只有空白或不可见字符 / must not be only blank or invisible characters';

function checked(max: number, multiLine: boolean) {
  return z
    .string()
    .overwrite((v) => (multiLine ? v.replace(/\r\n?/g, '\n') : v))
    .trim()
    .superRefine((v, ctx) => {
      const problem = textProblem(v, multiLine);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    })
    .max(max, tooLong(max));
}

function required(max: number, multiLine: boolean) {
  return checked(max, multiLine)
    .min(1, EMPTY)
    .refine((v) => v === '' || !isBlank(v), BLANK);
}

function optional(max: number, multiLine: boolean) {
  return checked(max, multiLine)
    .refine((v) => v === '' || !isBlank(v), BLANK)
    .nullish()
    .transform((v) => v || undefined);
}

/** Required multi-line text (descriptions, messages, notes), trimmed, at most `max` characters. */
export const text = (max: number) => required(max, true);
/** Optional multi-line text: empty or absent becomes undefined. */
export const optionalText = (max: number) => optional(max, true);
/** Required text on one line (names, places, courts): no line breaks. */
export const line = (max: number) => required(max, false);
/** Optional text on one line. */
export const optionalLine = (max: number) => optional(max, false);

/** An id given by a client (a dispute's offer, obligation, session, an account...). */
export const id = line(100);
/** An optional id: empty or absent becomes undefined. */
export const optionalId = optionalLine(100);

/** A list of at most `max` items: every list a client sends has a bound. */
export const list = <T extends z.ZodType>(item: T, max: number) => z.array(item).max(max, `最多 ${max} 项 / at most ${max} items`);

/** A list of distinct values of an enumeration (categories, grounds): at most one of each. */
export const distinct = <const T extends readonly [string, ...string[]]>(values: T) =>
  z
    .array(z.enum(values))
    .max(values.length, `最多 ${values.length} 项 / at most ${values.length} items`)
    .refine((v) => new Set(v).size === v.length, '重复 / values repeat');

/** The platform's limit for an amount of money, in fen: 1 亿元. */
export const MAX_FEN = 10_000_000_000;

/** Money in whole fen (CNY cents), never negative, at most MAX_FEN. */
export const fen = z
  .number()
  .int('金额以分为单位的整数 / amount must be whole fen')
  .min(0, '金额不能为负 / amount must not be negative')
  .max(MAX_FEN, `金额最多 ${MAX_FEN} 分 / amount must be at most ${MAX_FEN} fen`);

/** An optional amount: absent or null becomes undefined. */
export const optionalFen = fen.nullish().transform((v) => v ?? undefined);

// Dates the deadline rules can count from, with room for the longest period after them.
export const EARLIEST_DATE: LocalDate = COUNTABLE_FROM;
export const LATEST_DATE: LocalDate = `${Number(COUNTABLE_TO.slice(0, 4)) - 10}-12-31`;
const OUT_OF_RANGE = `须在 ${EARLIEST_DATE} 至 ${LATEST_DATE} 之间 / must be between ${EARLIEST_DATE} and ${LATEST_DATE}`;

/** A calendar date, YYYY-MM-DD, within what the rules can count. */
export const localDate = z
  .string()
  .refine(isLocalDate, { message: '日期格式应为 YYYY-MM-DD / must be a date YYYY-MM-DD', abort: true })
  .refine((v) => v >= EARLIEST_DATE && v <= LATEST_DATE, OUT_OF_RANGE);

/** An instant with its offset, stored in UTC, within the same range as dates. */
export const instant = z.iso
  .datetime({ offset: true, message: '须为带时区的 ISO-8601 时间 / must be an ISO-8601 date-time with offset' })
  .transform((v) => new Date(v).toISOString())
  .refine((v) => v.slice(0, 10) >= EARLIEST_DATE && v.slice(0, 10) <= LATEST_DATE, OUT_OF_RANGE);

/** Mainland mobile numbers, optionally with +86 and separators; kept as the 11 digits. */
export const mainlandMobile = z
  .string()
  .trim()
  .transform((v) => v.replace(/[\s-]/g, '').replace(/^\+?86/, ''))
  .refine((v) => /^1[3-9]\d{9}$/.test(v), '手机号格式不正确 / must be a mainland mobile number (11 digits)');

/** A unified social credit code (统一社会信用代码), optional; kept in upper case. */
export const optionalCreditCode = z
  .string()
  .trim()
  .toUpperCase()
  .nullish()
  .transform((v) => v || undefined)
  .refine((v) => v === undefined || isValidUscc(v), '统一社会信用代码校验不通过 / invalid unified social credit code (GB 32100 check character)');

/** A resident ID number (身份证号码), optional; its birth date may not be after `today`. */
export const optionalResidentId = (today: LocalDate) =>
  z
    .string()
    .trim()
    .toUpperCase()
    .nullish()
    .transform((v) => v || undefined)
    .refine((v) => v === undefined || isValidResidentId(v), { message: '身份证号码校验不通过 / invalid resident ID number (GB 11643 check digit)', abort: true })
    .refine((v) => v === undefined || residentIdBirthDate(v)! <= today, '身份证号码中的出生日期晚于今天 / the birth date in the resident ID number is in the future');
