/** Input schemas of the sign-in mutations (zod); failures become BAD_USER_INPUT naming the field. */
import { z } from 'zod';
import { normalizeEmail } from '../accounts/accounts.ts';
import { line, mainlandMobile } from '../shared/validation.ts';

// The same test createAccount applies, so every address that can have an account can sign in.
export const emailAddress = line(254)
  .transform(normalizeEmail)
  .refine((v) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v), '邮箱格式不正确 / not an e-mail address');


export const registerConsumerInput = z.object({
  email: emailAddress,
  name: line(50).min(2, '姓名至少 2 个字 / at least 2 characters'),
  phone: mainlandMobile,
});

export type RegisterConsumerInput = z.output<typeof registerConsumerInput>;
