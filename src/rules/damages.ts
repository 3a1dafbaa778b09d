// Damages calculator for settlement proposals (RULES.md "Damages"). Integer fen throughout.
import { z } from 'zod';

// Far above any real claim, low enough that sums and multiples stay exact in a double.
const MAX_FEN = 1_000_000_000_000;
const fen = z.int().min(0).max(MAX_FEN);

// Coefficients are taken to 6 decimal places and applied as integer parts per million.
const PPM = 1_000_000;
const coefficient = z
  .number()
  .min(0)
  .max(1)
  .refine((c) => Math.abs(c * PPM - Math.round(c * PPM)) < 1e-6, 'at most 6 decimal places');

export const DisabilityInputSchema = z.strictObject({
  /** Previous year's urban per-capita disposable income of the forum, per year. */
  urbanPerCapitaDisposableIncomeFen: z.int().min(0).max(10_000_000_000),
  /** Age in whole years when the disability was assessed. */
  age: z.int().min(0).max(150),
  /** Loss of working capacity by disability grade, e.g. 0.1 for grade 10, 1 for grade 1. */
  degreeCoefficient: coefficient,
});

export const DamagesInputSchema = z
  .strictObject({
    amountPaidFen: fen,
    medicalExpenses: fen.optional(),
    nursing: fen.optional(),
    transport: fen.optional(),
    lodging: fen.optional(),
    mealsAndNutrition: fen.optional(),
    lostIncome: fen.optional(),
    assistiveDevices: fen.optional(),
    disabilityCompensation: fen.optional(),
    mentalDistress: fen.optional(),
    fraud: z.boolean().default(false),
    knowinglyDefectiveSeriousHarm: z.boolean().default(false),
    disability: DisabilityInputSchema.optional(),
  })
  .refine((input) => !(input.disability && input.disabilityCompensation !== undefined), {
    message: 'give either disabilityCompensation or the disability inputs to compute it, not both',
    path: ['disabilityCompensation'],
  });

export type DamagesInput = z.input<typeof DamagesInputSchema>;
export type DisabilityInput = z.infer<typeof DisabilityInputSchema>;

const LOSS_HEADS = [
  'medicalExpenses',
  'nursing',
  'transport',
  'lodging',
  'mealsAndNutrition',
  'lostIncome',
  'assistiveDevices',
  'disabilityCompensation',
  'mentalDistress',
] as const;
type LossHead = (typeof LOSS_HEADS)[number];

export type DamagesHead = LossHead | 'fraudCompensation' | 'punitiveDamages';

export type DamagesLine = {
  head: DamagesHead;
  amountFen: number;
  basis: string;
  note?: string;
  /** Not a certainty: a basis courts may not apply, or a maximum. */
  optional: boolean;
};

export type DamagesResult = {
  lines: DamagesLine[];
  /** Every line, optional ones included. */
  totalFen: number;
  totalExcludingOptionalFen: number;
};

const PI = 'SPC personal-injury interpretation 2022';
const LOSS_BASIS: Record<LossHead, string> = {
  medicalExpenses: `CRPL Art. 49; CC Art. 1179; ${PI} Art. 6`,
  nursing: `CRPL Art. 49; CC Art. 1179; ${PI} Art. 8`,
  transport: `CRPL Art. 49; CC Art. 1179; ${PI} Art. 9`,
  lodging: `CC Art. 1179; ${PI} Art. 10`,
  mealsAndNutrition: `CC Art. 1179; ${PI} Art. 10, 11`,
  lostIncome: `CRPL Art. 49; CC Art. 1179; ${PI} Art. 7`,
  assistiveDevices: `CRPL Art. 49; CC Art. 1179; ${PI} Art. 13`,
  disabilityCompensation: `CRPL Art. 49; CC Art. 1179; ${PI} Art. 12`,
  mentalDistress: 'CRPL Art. 51; CC Art. 1183',
};

const LOSS_NOTE: Partial<Record<LossHead, string>> = {
  mentalDistress: 'only for serious mental harm',
};

const FRAUD_MULTIPLE = 3;
const FRAUD_MINIMUM_FEN = 50_000;
const PUNITIVE_MAX_MULTIPLE = 2;

const COSMETIC_CAVEAT =
  'courts differ on whether purely cosmetic procedures are consumption under the CRPL';

/** Years of income: 20, one fewer per year of age over 60, and 5 from age 75 (SPC 2022 Art. 12). */
export function compensationYears(age: number): number {
  if (age >= 75) return 5;
  if (age > 60) return 20 - (age - 60);
  return 20;
}

/** Disability compensation: income × years × coefficient, rounded half up to the fen. */
export function disabilityCompensationFen(input: DisabilityInput): number {
  const { urbanPerCapitaDisposableIncomeFen: income, age, degreeCoefficient } = input;
  const base = BigInt(income) * BigInt(compensationYears(age));
  const ppm = BigInt(Math.round(degreeCoefficient * PPM));
  return Number((base * ppm + BigInt(PPM / 2)) / BigInt(PPM));
}

/** Lines of a damages proposal. Throws a ZodError on input the schema rejects. */
export function calculateDamages(raw: DamagesInput): DamagesResult {
  const input = DamagesInputSchema.parse(raw);
  const lines: DamagesLine[] = [];

  for (const head of LOSS_HEADS) {
    if (head === 'disabilityCompensation' && input.disability) {
      const years = compensationYears(input.disability.age);
      lines.push({
        head,
        amountFen: disabilityCompensationFen(input.disability),
        basis: LOSS_BASIS[head],
        note: `${input.disability.urbanPerCapitaDisposableIncomeFen} fen/year × ${years} years × ${input.disability.degreeCoefficient}`,
        optional: false,
      });
      continue;
    }
    const amountFen = input[head];
    if (amountFen === undefined) continue;
    const note = LOSS_NOTE[head];
    lines.push({ head, amountFen, basis: LOSS_BASIS[head], ...(note ? { note } : {}), optional: false });
  }

  const lossesFen = sum(lines);

  if (input.fraud) {
    lines.push({
      head: 'fraudCompensation',
      amountFen: Math.max(FRAUD_MULTIPLE * input.amountPaidFen, FRAUD_MINIMUM_FEN),
      basis: 'CRPL Art. 55(1)',
      note: `3 × the price paid, at least 500 CNY, on top of the refund (退一赔三); ${COSMETIC_CAVEAT}`,
      optional: true,
    });
  }

  if (input.knowinglyDefectiveSeriousHarm) {
    lines.push({
      head: 'punitiveDamages',
      amountFen: PUNITIVE_MAX_MULTIPLE * lossesFen,
      basis: 'CRPL Art. 55(2)',
      note: `a maximum: up to 2 × the losses under CRPL Art. 49 and 51 (${lossesFen} fen); ${COSMETIC_CAVEAT}`,
      optional: true,
    });
  }

  return {
    lines,
    totalFen: sum(lines),
    totalExcludingOptionalFen: sum(lines.filter((line) => !line.optional)),
  };
}

function sum(lines: readonly DamagesLine[]): number {
  return lines.reduce((total, line) => total + line.amountFen, 0);
}
