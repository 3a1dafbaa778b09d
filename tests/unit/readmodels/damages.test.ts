import { describe, expect, it } from 'vitest';
import { damages } from '../../../src/readmodels/damages.ts';
import { DomainError } from '../../../src/shared/errors.ts';

function issuesOf(run: () => unknown) {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe('BAD_USER_INPUT');
    return ((error as DomainError).extensions.issues as Array<{ path: string }>).map((i) => i.path);
  }
  throw new Error('expected BAD_USER_INPUT');
}

describe('calculateDamages over the GraphQL input', () => {
  it('maps the flat disability fields to the calculator and shows money in fen', () => {
    const result = damages({
      amountPaidFen: 1_280_000,
      medicalExpenses: 500_000,
      nursing: null,
      fraud: true,
      urbanIncomePerCapitaFen: 7_700_000,
      age: 65,
      disabilityCoefficient: 0.1,
    });
    expect(result.lines.map((l) => [l.head, l.amount.amountFen, l.optional])).toEqual([
      ['medicalExpenses', 500_000, false],
      // 77,000 CNY a year × (20 − 5) years for age 65 × 0.1 (grade 10).
      ['disabilityCompensation', 11_550_000, false],
      // 退一赔三: 3 × 12,800 CNY, an option the courts may not grant for cosmetic procedures.
      ['fraudCompensation', 3_840_000, true],
    ]);
    expect(result.total).toEqual({ amountFen: 15_890_000, currency: 'CNY' });
    expect(result.certainTotal).toEqual({ amountFen: 12_050_000, currency: 'CNY' });
    expect(result.lines[0]).toMatchObject({ basis: expect.stringContaining('CRPL Art. 49'), note: null });
  });

  it('names the GraphQL fields of bad input', () => {
    expect(issuesOf(() => damages({ amountPaidFen: -1, medicalExpenses: 1.5 }))).toEqual(['input.amountPaidFen', 'input.medicalExpenses']);
    expect(issuesOf(() => damages({ amountPaidFen: 100, age: 40 }))).toEqual(['input.urbanIncomePerCapitaFen', 'input.disabilityCoefficient']);
    expect(issuesOf(() => damages({ amountPaidFen: 100, urbanIncomePerCapitaFen: 1, age: 40, disabilityCoefficient: 1.5 }))).toEqual(['input.disabilityCoefficient']);
    expect(
      issuesOf(() => damages({ amountPaidFen: 100, disabilityCompensation: 1, urbanIncomePerCapitaFen: 1, age: 40, disabilityCoefficient: 0.1 })),
    ).toEqual(['input.disabilityCompensation']);
  });
});
