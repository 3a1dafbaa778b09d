import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  DamagesInputSchema,
  calculateDamages,
  compensationYears,
  disabilityCompensationFen,
} from '../../../src/rules/damages.ts';
import type { DamagesInput } from '../../../src/rules/damages.ts';

describe('CRPL Art. 55(1): fraud', () => {
  it('3 × the price paid, as an option', () => {
    const { lines, totalFen, totalExcludingOptionalFen } = calculateDamages({ amountPaidFen: 1_280_000, fraud: true });
    expect(lines).toEqual([
      expect.objectContaining({ head: 'fraudCompensation', amountFen: 3_840_000, basis: 'CRPL Art. 55(1)', optional: true }),
    ]);
    expect(lines[0]?.note).toMatch(/cosmetic/);
    expect(totalFen).toBe(3_840_000);
    expect(totalExcludingOptionalFen).toBe(0);
  });

  it('at least 500 CNY', () => {
    expect(calculateDamages({ amountPaidFen: 9_900, fraud: true }).totalFen).toBe(50_000);
    expect(calculateDamages({ amountPaidFen: 16_667, fraud: true }).totalFen).toBe(50_001);
  });

  it('only when fraud is claimed', () => {
    expect(calculateDamages({ amountPaidFen: 1_000_000 }).lines).toEqual([]);
  });
});

describe('heads of loss', () => {
  it('lists the heads given, with their bases, in a fixed order', () => {
    const result = calculateDamages({
      amountPaidFen: 2_000_000,
      mentalDistress: 1_000_000,
      medicalExpenses: 356_789,
      nursing: 120_000,
      transport: 8_650,
      lostIncome: 450_000,
    });
    expect(result.lines.map((l) => [l.head, l.amountFen, l.optional])).toEqual([
      ['medicalExpenses', 356_789, false],
      ['nursing', 120_000, false],
      ['transport', 8_650, false],
      ['lostIncome', 450_000, false],
      ['mentalDistress', 1_000_000, false],
    ]);
    expect(result.lines[0]?.basis).toContain('CRPL Art. 49');
    expect(result.lines[4]?.basis).toBe('CRPL Art. 51; CC Art. 1183');
    expect(result.totalFen).toBe(1_935_439);
    expect(result.totalExcludingOptionalFen).toBe(1_935_439);
  });
});

describe('CRPL Art. 55(2): punitive damages', () => {
  it('is a maximum of 2 × the losses', () => {
    const result = calculateDamages({
      amountPaidFen: 3_000_000,
      medicalExpenses: 1_000_000,
      nursing: 200_000,
      mentalDistress: 500_000,
      knowinglyDefectiveSeriousHarm: true,
    });
    const punitive = result.lines.find((l) => l.head === 'punitiveDamages');
    expect(punitive).toMatchObject({ amountFen: 3_400_000, basis: 'CRPL Art. 55(2)', optional: true });
    expect(punitive?.note).toMatch(/maximum/);
    expect(result.totalFen).toBe(1_700_000 + 3_400_000);
    expect(result.totalExcludingOptionalFen).toBe(1_700_000);
  });

  it('adds to fraud compensation when both are claimed, each an option', () => {
    const result = calculateDamages({ amountPaidFen: 100_000, medicalExpenses: 50_000, fraud: true, knowinglyDefectiveSeriousHarm: true });
    expect(result.lines.map((l) => [l.head, l.amountFen])).toEqual([
      ['medicalExpenses', 50_000],
      ['fraudCompensation', 300_000],
      ['punitiveDamages', 100_000],
    ]);
    expect(result.totalFen).toBe(450_000);
  });
});

describe('disability compensation (SPC 2022 Art. 12)', () => {
  it('20 years to 60, one fewer per year over 60, 5 from 75', () => {
    expect([30, 60, 61, 65, 74, 75, 90].map(compensationYears)).toEqual([20, 20, 19, 15, 6, 5, 5]);
  });

  it('income × years × coefficient', () => {
    // 80,000 CNY × 20 × 10% = 160,000 CNY.
    expect(disabilityCompensationFen({ urbanPerCapitaDisposableIncomeFen: 8_000_000, age: 30, degreeCoefficient: 0.1 })).toBe(16_000_000);
    // 80,000 × 15 × 20% = 240,000.
    expect(disabilityCompensationFen({ urbanPerCapitaDisposableIncomeFen: 8_000_000, age: 65, degreeCoefficient: 0.2 })).toBe(24_000_000);
    // 80,000 × 5 × 100% = 400,000.
    expect(disabilityCompensationFen({ urbanPerCapitaDisposableIncomeFen: 8_000_000, age: 80, degreeCoefficient: 1 })).toBe(40_000_000);
  });

  it('rounds half up to the fen, without floating-point drift', () => {
    // 5 fen × 20 = 100; × 0.145 = 14.5 → 15 (a double gives 14.499999999999998).
    expect(disabilityCompensationFen({ urbanPerCapitaDisposableIncomeFen: 5, age: 30, degreeCoefficient: 0.145 })).toBe(15);
    // 100 × 0.29 = 29 exactly (a double gives 28.999999999999996).
    expect(disabilityCompensationFen({ urbanPerCapitaDisposableIncomeFen: 5, age: 30, degreeCoefficient: 0.29 })).toBe(29);
    // 3 × 20 = 60; × 0.125 = 7.5 → 8; × 0.124999 = 7.49994 → 7.
    expect(disabilityCompensationFen({ urbanPerCapitaDisposableIncomeFen: 3, age: 30, degreeCoefficient: 0.125 })).toBe(8);
    expect(disabilityCompensationFen({ urbanPerCapitaDisposableIncomeFen: 3, age: 30, degreeCoefficient: 0.124999 })).toBe(7);
  });

  it('appears as a line with how it was computed, and counts towards punitive damages', () => {
    const result = calculateDamages({
      amountPaidFen: 0,
      disability: { urbanPerCapitaDisposableIncomeFen: 8_000_000, age: 30, degreeCoefficient: 0.1 },
      knowinglyDefectiveSeriousHarm: true,
    });
    expect(result.lines[0]).toMatchObject({ head: 'disabilityCompensation', amountFen: 16_000_000, optional: false });
    expect(result.lines[0]?.note).toContain('20 years');
    expect(result.lines[1]).toMatchObject({ head: 'punitiveDamages', amountFen: 32_000_000 });
  });
});

describe('DamagesInputSchema', () => {
  it('defaults the flags', () => {
    expect(DamagesInputSchema.parse({ amountPaidFen: 1 })).toEqual({ amountPaidFen: 1, fraud: false, knowinglyDefectiveSeriousHarm: false });
  });

  it.each([
    ['a negative amount', { amountPaidFen: -1 }],
    ['fractional fen', { amountPaidFen: 1.5 }],
    ['a coefficient above 1', { amountPaidFen: 1, disability: { urbanPerCapitaDisposableIncomeFen: 1, age: 30, degreeCoefficient: 1.5 } }],
    ['a coefficient with 7 decimals', { amountPaidFen: 1, disability: { urbanPerCapitaDisposableIncomeFen: 1, age: 30, degreeCoefficient: 0.1234567 } }],
    ['both a disability figure and the inputs to compute it', {
      amountPaidFen: 1,
      disabilityCompensation: 5,
      disability: { urbanPerCapitaDisposableIncomeFen: 1, age: 30, degreeCoefficient: 0.1 },
    }],
    ['an unknown field', { amountPaidFen: 1, punitive: 3 }],
    ['a missing price', {}],
  ])('rejects %s', (_, input) => {
    expect(DamagesInputSchema.safeParse(input).success).toBe(false);
    expect(() => calculateDamages(input as DamagesInput)).toThrow();
  });
});

describe('arithmetic', () => {
  const money = fc.integer({ min: 0, max: 1_000_000_000_000 });
  const input: fc.Arbitrary<DamagesInput> = fc.record(
    {
      amountPaidFen: money,
      medicalExpenses: money,
      nursing: money,
      transport: money,
      lodging: money,
      mealsAndNutrition: money,
      lostIncome: money,
      assistiveDevices: money,
      mentalDistress: money,
      fraud: fc.boolean(),
      knowinglyDefectiveSeriousHarm: fc.boolean(),
      disability: fc.record({
        urbanPerCapitaDisposableIncomeFen: fc.integer({ min: 0, max: 10_000_000_000 }),
        age: fc.integer({ min: 0, max: 150 }),
        degreeCoefficient: fc.integer({ min: 0, max: 1_000_000 }).map((ppm) => ppm / 1_000_000),
      }),
    },
    { requiredKeys: ['amountPaidFen'] },
  );

  it('totals are exact integers equal to the sum of the lines', () => {
    fc.assert(
      fc.property(input, (raw) => {
        const { lines, totalFen, totalExcludingOptionalFen } = calculateDamages(raw);
        for (const line of lines) {
          expect(Number.isSafeInteger(line.amountFen)).toBe(true);
          expect(line.amountFen).toBeGreaterThanOrEqual(0);
        }
        const sum = lines.reduce((s, l) => s + BigInt(l.amountFen), 0n);
        expect(Number.isSafeInteger(totalFen)).toBe(true);
        expect(BigInt(totalFen)).toBe(sum);
        expect(BigInt(totalExcludingOptionalFen)).toBe(
          lines.filter((l) => !l.optional).reduce((s, l) => s + BigInt(l.amountFen), 0n),
        );
      }),
    );
  });

  it('punitive damages are exactly twice the losses', () => {
    fc.assert(
      fc.property(input, (raw) => {
        const { lines } = calculateDamages({ ...raw, knowinglyDefectiveSeriousHarm: true });
        const losses = lines.filter((l) => !l.optional).reduce((s, l) => s + l.amountFen, 0);
        expect(lines.find((l) => l.head === 'punitiveDamages')?.amountFen).toBe(2 * losses);
      }),
    );
  });
});
