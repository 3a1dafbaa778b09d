import type { z } from 'zod';
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
