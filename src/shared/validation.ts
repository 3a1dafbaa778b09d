import { z } from 'zod';
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
