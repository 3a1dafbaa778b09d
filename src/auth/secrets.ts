/**
 * The cryptography of sign-in codes. Keys are derived from JWT_SECRET, so every replica agrees
 * without another secret to distribute; a leaked event store reveals neither codes nor addresses.
 */
import { createHmac, hkdfSync, randomInt, timingSafeEqual } from 'node:crypto';

export const CODE_DIGITS = 6;

/** A uniformly random code of six digits (leading zeros kept). */
export const newLoginCode = (): string => String(randomInt(0, 10 ** CODE_DIGITS)).padStart(CODE_DIGITS, '0');

export interface LoginKeys {
  /** Names the address's login stream: stable, keyed, not reversible without the secret. */
  addressDigest(normalizedEmail: string): string;
  /** Binds the code to the event that issued it, so equal codes never give equal digests. */
  codeHmac(codeId: string, code: string): string;
  /** Constant-time comparison of a candidate code with a stored HMAC. */
  matches(codeId: string, codeHmac: string, candidate: string): boolean;
}

export function loginKeys(secret: string): LoginKeys {
  const key = Buffer.from(hkdfSync('sha256', secret, 'yimei-mediation', 'sign-in codes', 32));
  const hmac = (...parts: string[]) => createHmac('sha256', key).update(parts.join('\0')).digest('hex');
  const codeHmac = (codeId: string, code: string) => hmac('code', codeId, code);
  return {
    addressDigest: (email) => hmac('address', email).slice(0, 32),
    codeHmac,
    matches(codeId, stored, candidate) {
      const expected = Buffer.from(stored, 'hex');
      const actual = Buffer.from(codeHmac(codeId, candidate), 'hex');
      return expected.length === actual.length && timingSafeEqual(expected, actual);
    },
  };
}
