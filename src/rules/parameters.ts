// The legal periods of RULES.md "Parameters", each a named, overridable parameter with its source.
import type { LocalDate } from './calendar.ts';

export type PeriodUnit = 'WORKING_DAYS' | 'DAYS' | 'MONTHS' | 'YEARS';

export type RuleParameter<Name extends string = RuleName> = {
  name: Name;
  amount: number;
  unit: PeriodUnit;
  meaning: string;
  source: string;
};

function rule<const Name extends string>(
  name: Name,
  amount: number,
  unit: PeriodUnit,
  meaning: string,
  source: string,
): RuleParameter<Name> {
  return { name, amount, unit, meaning, source };
}

/** Default parameters. Where RULES.md gives a rule several periods, each has its own name. */
export const RULES = {
  INTAKE_ACCEPTANCE: rule(
    'INTAKE_ACCEPTANCE', 3, 'WORKING_DAYS',
    'decide to accept, reject or ask for information after filing or supplement',
    'reporting-platform practice (seed); SAMR Art. 14 allows 7; MDR Art. 40 (administrative) 5',
  ),
  RESPONDENT_ANSWER: rule(
    'RESPONDENT_ANSWER', 5, 'WORKING_DAYS',
    'respondent consents to or declines mediation after acceptance; silence = declined',
    'PML Art. 17 (no mediation against a refusal); configurable',
  ),
  MEDIATION_LIMIT_MEDICAL: rule(
    'MEDIATION_LIMIT_MEDICAL', 30, 'WORKING_DAYS',
    'medical-dispute mediation from acceptance; appraisal time excluded; extendable by both parties; expiry = deemed failed',
    'MDR Art. 38',
  ),
  MEDIATION_LIMIT_CONSUMER: rule(
    'MEDIATION_LIMIT_CONSUMER', 45, 'WORKING_DAYS',
    'consumer-complaint mediation from acceptance; testing/appraisal time excluded',
    'SAMR Art. 20, 21(5)',
  ),
  TERMINATION_NOTICE: rule(
    'TERMINATION_NOTICE', 7, 'WORKING_DAYS',
    'tell both parties that mediation ended and what routes remain',
    'SAMR Art. 21; PML Art. 26',
  ),
  JC_APPLY_WINDOW: rule(
    'JC_APPLY_WINDOW', 30, 'DAYS',
    'joint application for judicial confirmation, from the agreement taking effect',
    'CPL Art. 205; PML Art. 33',
  ),
  JC_ACCEPT_DECISION: rule(
    'JC_ACCEPT_DECISION', 3, 'DAYS',
    'court decides whether to accept the application',
    'SPC 2011 provisions Art. 4',
  ),
  JC_DECISION: rule(
    'JC_DECISION', 15, 'DAYS',
    'court rules, from acceptance',
    'SPC 2011 provisions Art. 5',
  ),
  JC_DECISION_EXTENSION: rule(
    'JC_DECISION_EXTENSION', 10, 'DAYS',
    'extension of JC_DECISION with the court president\'s approval',
    'SPC 2011 provisions Art. 5',
  ),
  JC_DECISION_MAX: rule(
    'JC_DECISION_MAX', 30, 'DAYS',
    'special procedure concluded at most this long after filing (unless the president extends it)',
    'CPL Art. 187',
  ),
  JC_OBJECTION: rule(
    'JC_OBJECTION', 15, 'DAYS',
    'a party objects to a confirmation ruling, from receiving it',
    'CPL Interpretation Art. 372',
  ),
  JC_OBJECTION_OUTSIDER: rule(
    'JC_OBJECTION_OUTSIDER', 6, 'MONTHS',
    'an interested outsider objects to a confirmation ruling, from knowing of the harm',
    'CPL Interpretation Art. 372',
  ),
  ENFORCEMENT_APPLY: rule(
    'ENFORCEMENT_APPLY', 2, 'YEARS',
    'apply for enforcement of a confirmed agreement or award after the performance deadline',
    'CPL Art. 250',
  ),
  AWARD_SET_ASIDE: rule(
    'AWARD_SET_ASIDE', 3, 'MONTHS',
    'apply to set an award aside, from receipt; awards received from 2026-03-01 (transitional rule to confirm)',
    'AL (2025) Art. 72',
  ),
  AWARD_SET_ASIDE_LEGACY: rule(
    'AWARD_SET_ASIDE_LEGACY', 6, 'MONTHS',
    'apply to set an award aside, from receipt; awards received up to 2026-02-28',
    'AL (2017) Art. 59',
  ),
  LIMITATION: rule(
    'LIMITATION', 3, 'YEARS',
    'limitation from knowing of the harm and the liable party; warn at intake; a complaint to a mediation body interrupts it',
    'CC Art. 188, 195; SPC limitation provisions Art. 12',
  ),
  LIMITATION_LONGSTOP: rule(
    'LIMITATION_LONGSTOP', 20, 'YEARS',
    'no protection more than this long after the harm, whatever the knowledge',
    'CC Art. 188',
  ),
  LEGAL_AID_DECISION: rule(
    'LEGAL_AID_DECISION', 7, 'DAYS',
    'legal-aid agency decides, from receiving the application',
    'LAL Art. 43',
  ),
  LEGAL_AID_ASSIGN: rule(
    'LEGAL_AID_ASSIGN', 3, 'DAYS',
    'lawyer assigned after granting',
    'LAL Art. 43',
  ),
  LEGAL_AID_URGENT: rule(
    'LEGAL_AID_URGENT', 7, 'DAYS',
    'a limitation or deadline less than this far away: aid may be granted first, reviewed after',
    'LAL Art. 44',
  ),
  ONLINE_MEDIATOR_ACCEPT: rule(
    'ONLINE_MEDIATOR_ACCEPT', 3, 'WORKING_DAYS',
    'mediator confirms taking a case',
    'OMR Art. 12',
  ),
} as const satisfies Record<string, RuleParameter<string>>;

export type RuleName = keyof typeof RULES;
export type RuleParameters = { readonly [N in RuleName]: RuleParameter<N> };
export type RuleOverrides = Partial<Record<RuleName, number>>;

export const RULE_NAMES = Object.keys(RULES) as RuleName[];

export function isRuleName(name: string): name is RuleName {
  return Object.hasOwn(RULES, name);
}

/** The first receipt date to which the revised Arbitration Law's 3 months apply. */
export const AWARD_SET_ASIDE_REVISED_FROM: LocalDate = '2026-03-01';

/** 6 months (AL 2017) for awards received up to 2026-02-28, 3 months (AL 2025) from 2026-03-01. */
export function awardSetAsideRule(
  receivedOn: LocalDate,
  params: RuleParameters = RULES,
): RuleParameter<'AWARD_SET_ASIDE' | 'AWARD_SET_ASIDE_LEGACY'> {
  return receivedOn < AWARD_SET_ASIDE_REVISED_FROM ? params.AWARD_SET_ASIDE_LEGACY : params.AWARD_SET_ASIDE;
}

/** Rules that are conditions rather than periods; decided elsewhere, listed here with their source. */
export const CONDITION_RULES = {
  AGREEMENT_EFFECTIVE: {
    rule: "a written agreement binds at the last of: all parties' signatures, the mediator's signature (and organisation seal)",
    source: 'PML Art. 29; MDR Art. 39',
  },
  JC_REFUSAL_GROUNDS: {
    rule: 'breaches mandatory law; harms state, public or third-party interests; against public order or good morals; not voluntary; content unclear; other',
    source: 'CPL Interpretation Art. 358',
  },
  ARB_AGREEMENT: {
    rule: 'written, signed by both, naming the commission and the matters; made after the dispute arose (consumer standard-form clauses are risky)',
    source: 'AL Art. 4, 16',
  },
  MEDIATOR_REPLACEMENT: {
    rule: 'once per party; refusing again = refusing mediation',
    source: 'OMR Art. 14',
  },
  TYPICAL_CASE_CONSENT: {
    rule: "no publication of a medical dispute's agreement or course without both parties' consent; what is published is de-identified so that no person can be identified",
    source: 'MDR Art. 42; CC Art. 1038; RULES.md "Confidentiality of medical disputes"',
  },
  CONFIDENTIAL_CONCESSIONS: {
    rule: 'facts and evidence conceded to reach agreement may not be used later; hide offers and caucus from arbitrator and court',
    source: 'OMR Art. 18',
  },
} as const;

export const MEDIATOR_REPLACEMENTS_PER_PARTY = 1;

const MAX_AMOUNT = 10_000;

function checkAmount(amount: number): string | undefined {
  if (!Number.isSafeInteger(amount) || amount < 1 || amount > MAX_AMOUNT) {
    return `must be a whole number from 1 to ${MAX_AMOUNT}`;
  }
  return undefined;
}

/** Parameters with some amounts replaced; units and sources stay the statute's. */
export function withOverrides(overrides: RuleOverrides, base: RuleParameters = RULES): RuleParameters {
  const result: Record<string, RuleParameter<string>> = { ...base };
  for (const [name, amount] of Object.entries(overrides)) {
    if (amount === undefined) continue;
    if (!isRuleName(name)) throw new RangeError(`unknown rule ${name}`);
    const problem = checkAmount(amount);
    if (problem) throw new RangeError(`${name} ${problem}: ${amount}`);
    result[name] = { ...base[name], amount };
  }
  return result as RuleParameters;
}

export const RULE_ENV_PREFIX = 'RULE_';

export type RuleOverrideIssue = { variable: string; message: string };

/** Reads RULE_<NAME>=<amount> variables, e.g. RULE_INTAKE_ACCEPTANCE=7. Other variables are ignored. */
export function parseRuleOverrides(env: Readonly<Record<string, string | undefined>>): {
  overrides: RuleOverrides;
  issues: RuleOverrideIssue[];
} {
  const overrides: RuleOverrides = {};
  const issues: RuleOverrideIssue[] = [];
  for (const [variable, raw] of Object.entries(env)) {
    if (!variable.startsWith(RULE_ENV_PREFIX) || raw === undefined) continue;
    const name = variable.slice(RULE_ENV_PREFIX.length);
    if (!isRuleName(name)) {
      issues.push({ variable, message: `unknown rule ${name}; known: ${RULE_NAMES.join(', ')}` });
      continue;
    }
    const text = raw.trim();
    const amount = /^\d+$/.test(text) ? Number(text) : Number.NaN;
    const problem = checkAmount(amount);
    if (problem) {
      issues.push({ variable, message: `${problem} (${RULES[name].unit}), got ${JSON.stringify(raw)}` });
      continue;
    }
    overrides[name] = amount;
  }
  return { overrides, issues };
}

/** Parameters from the environment; with issues, the defaults stand for the variables at fault. */
export function rulesFromEnv(env: Readonly<Record<string, string | undefined>>): {
  params: RuleParameters;
  issues: RuleOverrideIssue[];
} {
  const { overrides, issues } = parseRuleOverrides(env);
  return { params: withOverrides(overrides), issues };
}
