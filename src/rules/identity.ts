// Check characters of Chinese identifiers, so typos are caught at intake.
import { isLocalDate } from './calendar.ts';
import type { LocalDate } from './calendar.ts';

// GB 32100-2015: the code's 31 characters (no I, O, S, V, Z), in value order.
const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

/** The GB 32100-2015 check character for the first 17 characters, or undefined if they are not valid. */
export function usccCheckCharacter(first17: string): string | undefined {
  if (first17.length !== 17) return undefined;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = USCC_CHARSET.indexOf(first17.charAt(i));
    if (value < 0) return undefined;
    sum += value * USCC_WEIGHTS[i]!;
  }
  return USCC_CHARSET.charAt((31 - (sum % 31)) % 31);
}

/** Unified social credit code (统一社会信用代码), GB 32100-2015. Upper case, as printed on licences. */
export function isValidUscc(code: string): boolean {
  return code.length === 18 && usccCheckCharacter(code.slice(0, 17)) === code.charAt(17);
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const ID_CHECK = '10X98765432';
// The standard's own example holder was born in 1880.
const EARLIEST_BIRTH_YEAR = 1850;

/** The GB 11643-1999 check character for the first 17 digits, or undefined if they are not digits. */
export function residentIdCheckCharacter(first17: string): string | undefined {
  if (!/^\d{17}$/.test(first17)) return undefined;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17.charAt(i)) * ID_WEIGHTS[i]!;
  return ID_CHECK.charAt(sum % 11);
}

/** The birth date a resident ID number encodes, if it is a real date. */
export function residentIdBirthDate(id: string): LocalDate | undefined {
  const digits = id.slice(6, 14);
  const date = `${digits.slice(0, 4)}-${digits.slice(4, 6)}-${digits.slice(6, 8)}`;
  return isLocalDate(date) ? date : undefined;
}

/**
 * 18-character citizen identity number, GB 11643-1999: 17 digits, a check character (X accepted
 * in either case) and a plausible birth date, not after `today` when that is given.
 */
export function isValidResidentId(id: string, today?: LocalDate): boolean {
  if (!/^\d{17}[\dXx]$/.test(id)) return false;
  if (residentIdCheckCharacter(id.slice(0, 17)) !== id.charAt(17).toUpperCase()) return false;
  const born = residentIdBirthDate(id);
  if (born === undefined || Number(born.slice(0, 4)) < EARLIEST_BIRTH_YEAR) return false;
  return today === undefined || born <= today;
}
