import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  isValidResidentId,
  isValidUscc,
  residentIdCheckCharacter,
  usccCheckCharacter,
} from '../../../src/rules/identity.ts';

const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

// Codes printed on the business licences of well-known companies.
const PUBLISHED_USCC = [
  '914403001922038216', // 华为技术有限公司
  '9144030071526726XG', // 深圳市腾讯计算机系统有限公司
  '91330100716105852F', // 阿里巴巴（中国）有限公司
  '91110108551385082Q', // 小米科技有限责任公司
];

// The examples in GB 11643-1999 itself.
const STANDARD_IDS = ['11010519491231002X', '440524188001010014'];

function corruptions(code: string, charset: string): string[] {
  const result: string[] = [];
  for (let i = 0; i < code.length; i++) {
    for (const c of charset) {
      if (c !== code[i]) result.push(code.slice(0, i) + c + code.slice(i + 1));
    }
  }
  return result;
}

describe('isValidUscc (GB 32100-2015)', () => {
  it('accepts published codes', () => {
    for (const code of PUBLISHED_USCC) expect(isValidUscc(code), code).toBe(true);
  });

  it('computes the check character (Huawei, by hand)', () => {
    // 9·1+1·3+4·9+4·27+0·19+3·26+0·16+0·17+1·20+9·29+2·25+2·13+0·8+3·24+8·10+2·30+1·28 = 831;
    // 831 mod 31 = 25; 31 − 25 = 6.
    expect(usccCheckCharacter('91440300192203821')).toBe('6');
  });

  it('rejects every single-character substitution', () => {
    for (const code of PUBLISHED_USCC) {
      for (const bad of corruptions(code, USCC_CHARSET)) expect(isValidUscc(bad), bad).toBe(false);
    }
  });

  it('rejects wrong length, lower case and characters outside the set', () => {
    expect(isValidUscc('91440300192203821')).toBe(false);
    expect(isValidUscc('9144030019220382160')).toBe(false);
    expect(isValidUscc('9144030071526726xg')).toBe(false);
    expect(isValidUscc('91110000100000000B')).toBe(false);
    expect(isValidUscc('9144030019220382I6')).toBe(false);
    expect(isValidUscc('')).toBe(false);
  });

  it('exactly one of the 31 characters completes any 17 valid characters', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...USCC_CHARSET), { minLength: 17, maxLength: 17 }), (chars) => {
        const body = chars.join('');
        const valid = [...USCC_CHARSET].filter((c) => isValidUscc(body + c));
        expect(valid).toHaveLength(1);
      }),
    );
  });
});

describe('isValidResidentId (GB 11643-1999)', () => {
  it("accepts the standard's examples", () => {
    for (const id of STANDARD_IDS) expect(isValidResidentId(id), id).toBe(true);
    expect(isValidResidentId('11010519491231002x')).toBe(true);
  });

  it('computes the check character (by hand)', () => {
    // 1·7+1·9+0·10+1·5+0·8+5·4+1·2+9·1+4·6+9·3+1·7+2·9+3·10+1·5+0·8+0·4+2·2 = 167; 167 mod 11 = 2 → X.
    expect(residentIdCheckCharacter('11010519491231002')).toBe('X');
  });

  it('rejects every single-digit substitution', () => {
    for (const id of STANDARD_IDS) {
      for (const bad of corruptions(id, '0123456789X')) {
        if (bad.slice(0, 17).includes('X')) continue; // not even the right shape
        expect(isValidResidentId(bad), bad).toBe(false);
      }
    }
  });

  it('rejects impossible or future birth dates even with a correct check digit', () => {
    const withCheck = (first17: string) => first17 + residentIdCheckCharacter(first17)!;
    expect(isValidResidentId(withCheck('11010520230229001'))).toBe(false); // no Feb 29 in 2023
    expect(isValidResidentId(withCheck('11010519901301001'))).toBe(false); // month 13
    expect(isValidResidentId(withCheck('11010517990101001'))).toBe(false);
    expect(isValidResidentId(withCheck('11010520240229001'))).toBe(true);
    expect(isValidResidentId(withCheck('11010520270101001'), '2026-11-23')).toBe(false);
    expect(isValidResidentId(withCheck('11010520261123001'), '2026-11-23')).toBe(true);
  });

  it('rejects wrong shapes', () => {
    expect(isValidResidentId('110105194912310')).toBe(false); // old 15-digit form
    expect(isValidResidentId('1101051949123100 2X')).toBe(false);
    expect(isValidResidentId('X1010519491231002')).toBe(false);
  });
});
