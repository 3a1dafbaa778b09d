import { describe, expect, it } from 'vitest';
import {
  RULES,
  RULE_NAMES,
  awardSetAsideRule,
  parseRuleOverrides,
  rulesFromEnv,
  withOverrides,
} from '../../../src/rules/parameters.ts';

// RULES.md "Parameters" defaults, typed in by hand.
const DEFAULTS = {
  INTAKE_ACCEPTANCE: [3, 'WORKING_DAYS'],
  RESPONDENT_ANSWER: [5, 'WORKING_DAYS'],
  MEDIATION_LIMIT_MEDICAL: [30, 'WORKING_DAYS'],
  MEDIATION_LIMIT_CONSUMER: [45, 'WORKING_DAYS'],
  TERMINATION_NOTICE: [7, 'WORKING_DAYS'],
  JC_APPLY_WINDOW: [30, 'DAYS'],
  JC_ACCEPT_DECISION: [3, 'DAYS'],
  JC_DECISION: [15, 'DAYS'],
  JC_DECISION_EXTENSION: [10, 'DAYS'],
  JC_DECISION_MAX: [30, 'DAYS'],
  JC_OBJECTION: [15, 'DAYS'],
  JC_OBJECTION_OUTSIDER: [6, 'MONTHS'],
  ENFORCEMENT_APPLY: [2, 'YEARS'],
  AWARD_SET_ASIDE: [3, 'MONTHS'],
  AWARD_SET_ASIDE_LEGACY: [6, 'MONTHS'],
  LIMITATION: [3, 'YEARS'],
  LIMITATION_LONGSTOP: [20, 'YEARS'],
  LEGAL_AID_DECISION: [7, 'DAYS'],
  LEGAL_AID_ASSIGN: [3, 'DAYS'],
  LEGAL_AID_URGENT: [7, 'DAYS'],
  ONLINE_MEDIATOR_ACCEPT: [3, 'WORKING_DAYS'],
} as const;

describe('RULES', () => {
  it("has RULES.md's periods with their defaults and units", () => {
    expect([...RULE_NAMES].sort()).toEqual(Object.keys(DEFAULTS).sort());
    for (const [name, [amount, unit]] of Object.entries(DEFAULTS)) {
      const rule = RULES[name as keyof typeof DEFAULTS];
      expect({ name: rule.name, amount: rule.amount, unit: rule.unit }).toEqual({ name, amount, unit });
      expect(rule.source).not.toBe('');
      expect(rule.meaning).not.toBe('');
    }
  });

  it('picks the set-aside period by receipt date', () => {
    expect(awardSetAsideRule('2026-02-28').amount).toBe(6);
    expect(awardSetAsideRule('2026-03-01').amount).toBe(3);
    expect(awardSetAsideRule('2025-06-30').name).toBe('AWARD_SET_ASIDE_LEGACY');
  });
});

describe('withOverrides', () => {
  it('replaces amounts only, leaving the defaults alone', () => {
    const params = withOverrides({ INTAKE_ACCEPTANCE: 7, JC_APPLY_WINDOW: 20 });
    expect(params.INTAKE_ACCEPTANCE).toEqual({ ...RULES.INTAKE_ACCEPTANCE, amount: 7 });
    expect(params.JC_APPLY_WINDOW.amount).toBe(20);
    expect(params.LIMITATION).toBe(RULES.LIMITATION);
    expect(RULES.INTAKE_ACCEPTANCE.amount).toBe(3);
  });

  it('stacks on another parameter set', () => {
    const params = withOverrides({ LIMITATION: 4 }, withOverrides({ INTAKE_ACCEPTANCE: 7 }));
    expect([params.INTAKE_ACCEPTANCE.amount, params.LIMITATION.amount]).toEqual([7, 4]);
  });

  it('refuses nonsense', () => {
    expect(() => withOverrides({ INTAKE_ACCEPTANCE: 0 })).toThrow(RangeError);
    expect(() => withOverrides({ INTAKE_ACCEPTANCE: 2.5 })).toThrow(RangeError);
    expect(() => withOverrides({ NOPE: 3 } as never)).toThrow(/unknown rule NOPE/);
  });
});

describe('parseRuleOverrides', () => {
  it('reads RULE_<NAME>=<amount> and ignores other variables', () => {
    const result = parseRuleOverrides({
      RULE_INTAKE_ACCEPTANCE: '7',
      RULE_LIMITATION: ' 4 ',
      PATH: '/usr/bin',
      NODE_ENV: 'test',
    });
    expect(result).toEqual({ overrides: { INTAKE_ACCEPTANCE: 7, LIMITATION: 4 }, issues: [] });
  });

  it('names the variable at fault', () => {
    const { overrides, issues } = parseRuleOverrides({
      RULE_INTAKE_ACCEPTANCE: 'seven',
      RULE_JC_DECISION: '1.5',
      RULE_LIMITATION: '0',
      RULE_RESPONDENT_ANSWER: '-2',
      RULE_TERMINATION_NOTICE: '',
      RULE_INTAKE_ACCEPTANCES: '3',
      RULE_ONLINE_MEDIATOR_ACCEPT: '2',
    });
    expect(overrides).toEqual({ ONLINE_MEDIATOR_ACCEPT: 2 });
    expect(issues.map((issue) => issue.variable).sort()).toEqual([
      'RULE_INTAKE_ACCEPTANCE',
      'RULE_INTAKE_ACCEPTANCES',
      'RULE_JC_DECISION',
      'RULE_LIMITATION',
      'RULE_RESPONDENT_ANSWER',
      'RULE_TERMINATION_NOTICE',
    ]);
    expect(issues.find((i) => i.variable === 'RULE_INTAKE_ACCEPTANCES')?.message).toMatch(/unknown rule/);
    expect(issues.find((i) => i.variable === 'RULE_INTAKE_ACCEPTANCE')?.message).toMatch(/"seven"/);
  });

  it('builds parameters from the environment', () => {
    const { params, issues } = rulesFromEnv({ RULE_MEDIATION_LIMIT_CONSUMER: '60', RULE_JC_OBJECTION: 'x' });
    expect(params.MEDIATION_LIMIT_CONSUMER.amount).toBe(60);
    expect(params.JC_OBJECTION.amount).toBe(15);
    expect(issues).toHaveLength(1);
  });
});
