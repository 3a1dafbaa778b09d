import { z } from 'zod';
import { isLocalDate } from '../rules/calendar.ts';
import { badInput } from './errors.ts';

/** Parses with zod; a failure becomes BAD_USER_INPUT naming each bad field (prefixed by `root`). */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, root = ''): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw badInput(
    result.error.issues.map((issue) => ({
      path: [root, ...issue.path.map(String)].filter(Boolean).join('.'),
      message: issue.message,
    })),
  );
}

/** Mainland mobile numbers, optionally with +86 and separators; kept as the 11 digits. */
export const mainlandMobile = z
  .string()
  .trim()
  .transform((v) => v.replace(/[\s-]/g, '').replace(/^\+?86/, ''))
  .refine((v) => /^1[3-9]\d{9}$/.test(v), '手机号格式不正确 / must be a mainland mobile number (11 digits)');

// The input vocabulary every capability's zod schemas share; messages Chinese first.

/** Required text, trimmed, at most `max` characters. */
export const text = (max: number) =>
  z.string().trim().min(1, '不能为空 / must not be empty').max(max, `最多 ${max} 字 / at most ${max} characters`);

/** Optional text: empty or absent becomes undefined. */
export const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `最多 ${max} 字 / at most ${max} characters`)
    .nullish()
    .transform((v) => v || undefined);

/** An id given by a client (a dispute's offer, obligation, session...). */
export const id = z.string().trim().min(1, '不能为空 / must not be empty');

/** Money in whole fen (CNY cents), never negative. */
export const fen = z
  .number()
  .int('金额以分为单位的整数 / amount must be whole fen')
  .min(0, '金额不能为负 / amount must not be negative')
  .max(100_000_000_00, '金额过大 / amount too large');

/** A calendar date, YYYY-MM-DD. */
export const localDate = z.string().refine(isLocalDate, '日期格式应为 YYYY-MM-DD / must be a date YYYY-MM-DD');

/** An instant with its offset, stored in UTC. */
export const instant = z.iso
  .datetime({ offset: true, message: '须为带时区的 ISO-8601 时间 / must be an ISO-8601 date-time with offset' })
  .transform((v) => new Date(v).toISOString());
