/**
 * The damages calculator (RULES.md "Damages") over GraphQL. Public: it reads no case data and
 * helps a consumer weigh a claim before filing; everything it knows is in its input.
 */
import type { z } from 'zod';
import type { DamagesCalculation, DamagesInput as GqlDamagesInput } from '../graphql/generated.ts';
import { calculateDamages, DamagesInputSchema, type DamagesInput } from '../rules/damages.ts';
import { badInput } from '../shared/errors.ts';

const money = (amountFen: number) => ({ amountFen, currency: 'CNY' });

/** The calculator's nested disability inputs, by their GraphQL names. */
const DISABILITY_FIELDS = {
  urbanPerCapitaDisposableIncomeFen: 'urbanIncomePerCapitaFen',
  age: 'age',
  degreeCoefficient: 'disabilityCoefficient',
} as const;

function toCalculatorInput(input: GqlDamagesInput): DamagesInput {
  const { urbanIncomePerCapitaFen, age, disabilityCoefficient, ...rest } = input;
  // GraphQL gives null for a field sent as null; the calculator knows only absent.
  const given = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== null && v !== undefined));
  const disability = [urbanIncomePerCapitaFen, age, disabilityCoefficient].some((v) => v !== null && v !== undefined)
    ? { urbanPerCapitaDisposableIncomeFen: urbanIncomePerCapitaFen ?? undefined, age: age ?? undefined, degreeCoefficient: disabilityCoefficient ?? undefined }
    : undefined;
  return { ...given, ...(disability ? { disability } : {}) } as DamagesInput;
}

function issuePath(path: readonly PropertyKey[]): string {
  const [head, field] = path.map(String);
  const name = head === 'disability' && field ? DISABILITY_FIELDS[field as keyof typeof DISABILITY_FIELDS] : head;
  return `input.${name ?? ''}`;
}

function message(issue: z.core.$ZodIssue): string {
  if (issue.path[0] === 'disability' && issue.code === 'invalid_type') {
    return '伤残赔偿需同时填写城镇居民人均可支配收入、年龄和伤残系数 / disability compensation needs the income, the age and the coefficient together';
  }
  if (issue.code === 'too_small') return `不能小于 ${String(issue.minimum)} / must be at least ${String(issue.minimum)}`;
  if (issue.code === 'too_big') return `不能大于 ${String(issue.maximum)} / must be at most ${String(issue.maximum)}`;
  if (issue.code === 'custom' && issue.path[0] === 'disabilityCompensation') {
    return `直接填写伤残赔偿金，或填写计算它的收入、年龄和系数，不能同时填写 / ${issue.message}`;
  }
  return issue.message;
}

export function damages(input: GqlDamagesInput): DamagesCalculation {
  const raw = toCalculatorInput(input);
  const parsed = DamagesInputSchema.safeParse(raw);
  if (!parsed.success) throw badInput(parsed.error.issues.map((issue) => ({ path: issuePath(issue.path), message: message(issue) })));
  const result = calculateDamages(raw);
  return {
    lines: result.lines.map((line) => ({
      head: line.head,
      amount: money(line.amountFen),
      basis: line.basis,
      note: line.note ?? null,
      optional: line.optional,
    })),
    total: money(result.totalFen),
    certainTotal: money(result.totalExcludingOptionalFen),
  };
}
