import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fileDisputeInput } from '../../../src/intake/commands.ts';
import { mediationInputs } from '../../../src/mediation/commands.ts';
import { DomainError } from '../../../src/shared/errors.ts';
import { fen, instant, line, list, localDate, MAX_FEN, optionalText, parseInput, text, textProblem } from '../../../src/shared/validation.ts';
import { residentIdCheckCharacter } from '../../../src/rules/identity.ts';
import { chainHash, GENESIS_HASH } from '../../../src/audit/hashChain.ts';

/** The BAD_USER_INPUT issues, or [] when the input parses. */
function issues(schema: Parameters<typeof parseInput>[0], value: unknown): Array<{ path: string; message: string }> {
  try {
    parseInput(schema, value);
    return [];
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe('BAD_USER_INPUT');
    return (error as DomainError).extensions.issues as Array<{ path: string; message: string }>;
  }
}
const paths = (schema: Parameters<typeof parseInput>[0], value: unknown) => issues(schema, value).map((i) => i.path);

describe('the one text check', () => {
  const single = (v: string) => issues(line(200), v).map((i) => i.message);
  const multi = (v: string) => issues(text(200), v).map((i) => i.message);

  it('refuses lone surrogates, controls and bidi overrides, with what is wrong', () => {
    expect(single('张三\ud800')[0]).toMatch(/lone surrogate/);
    expect(single('\udc00x')[0]).toMatch(/lone surrogate/);
    expect(single('张\u0000三')[0]).toMatch(/control/);
    expect(single('张\u001b三')[0]).toMatch(/control/);
    expect(single('张\u0085三')[0]).toMatch(/control/);
    expect(single('张\n三')[0]).toMatch(/control|line break/);
    expect(single('abc\u202edcba')[0]).toMatch(/bidirectional/);
    expect(single('abc\u2066x\u2069')[0]).toMatch(/bidirectional/);
    expect(single('\u200b\u200b\u200b')[0]).toMatch(/blank or invisible/);
    expect(single('\u3000\ufeff\u2060')[0]).toMatch(/blank or invisible/);
  });

  it('multi-line text keeps line feeds and tabs, and makes CR LF a line feed', () => {
    expect(parseInput(text(200), '第一行\r\n\t第二行\r第三行')).toBe('第一行\n\t第二行\n第三行');
    expect(multi('a\u0000b')[0]).toMatch(/control/);
    expect(multi('a\u000bb')[0]).toMatch(/control/);
  });

  it('keeps what people write: emoji (surrogate pairs), Chinese, joiners inside text', () => {
    for (const v of ['张三 👩‍⚕️', '玻尿酸注射', 'ab\u200dc', 'O\u2019Brien']) expect(parseInput(line(200), v)).toBe(v);
  });

  it('optional text: empty is absent, invisible-only is refused', () => {
    expect(parseInput(optionalText(10), '  ')).toBeUndefined();
    expect(parseInput(optionalText(10), null)).toBeUndefined();
    expect(issues(optionalText(10), '\u200b')).toHaveLength(1);
  });

  it('whatever it accepts can be canonicalised for the hash chain', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (s) => {
        const result = text(100).safeParse(s);
        if (!result.success) return;
        expect(textProblem(result.data, true)).toBeUndefined();
        expect(() => chainHash(GENESIS_HASH, { type: 'T', data: { s: result.data }, metadata: {}, revision: 0 })).not.toThrow();
      }),
      { numRuns: 500 },
    );
  });
});

describe('amounts, lists, dates', () => {
  it('fen hold the platform limit and no more', () => {
    expect(parseInput(fen, MAX_FEN)).toBe(10_000_000_000);
    expect(issues(fen, MAX_FEN + 1)[0]!.message).toMatch(/at most 10000000000 fen/);
    expect(issues(fen, -1)).toHaveLength(1);
    expect(issues(fen, 1.5)).toHaveLength(1);
  });

  it('a list has a maximum', () => {
    expect(issues(list(line(5), 3), ['a', 'b', 'c', 'd'])[0]!.message).toMatch(/at most 3 items/);
  });

  it('dates and instants only within what the deadline rules can count, with the range in the message', () => {
    expect(issues(localDate, '1897-12-31')[0]!.message).toMatch(/between 1901-01-01 and 2089-12-31/);
    expect(issues(localDate, '1000-01-01')).toHaveLength(1);
    expect(issues(localDate, '2090-01-01')).toHaveLength(1);
    expect(issues(localDate, '2026-02-30')[0]!.message).toMatch(/YYYY-MM-DD/);
    expect(parseInput(localDate, '1901-01-01')).toBe('1901-01-01');
    expect(issues(instant, '0001-01-01T00:00:00Z')[0]!.message).toMatch(/between/);
  });
});

describe('the filing', () => {
  const today = '2026-11-23';
  const filing = (claimant: Record<string, unknown> = {}, rest: Record<string, unknown> = {}) => ({
    respondent: { name: '美丽医疗美容诊所' },
    categories: ['MEDICAL_INJURY'],
    procedure: '玻尿酸注射',
    occurredOn: '2026-10-01',
    description: '注射后出现血管栓塞。',
    amountPaidFen: 1_280_000,
    remedies: [{ kind: 'REFUND', amountFen: 1_280_000 }],
    claimant: { name: '张三', phone: '13912341111', ...claimant },
    ...rest,
  });
  const withCheck = (first17: string) => first17 + residentIdCheckCharacter(first17);

  it('names the field of every text that fails the check', () => {
    const bad = 'x\ud800';
    expect(
      paths(fileDisputeInput(today), {
        ...filing({ name: bad, address: bad }),
        respondent: { name: bad, licence: bad },
        procedure: bad,
        place: bad,
        description: bad,
      }).sort(),
    ).toEqual(['claimant.address', 'claimant.name', 'description', 'place', 'procedure', 'respondent.licence', 'respondent.name']);
  });

  it('refuses a resident ID number born after today (the injected today, not the machine clock)', () => {
    const born = withCheck('11010520261124001');
    expect(issues(fileDisputeInput(today), filing({ idNumber: born }))).toEqual([
      { path: 'claimant.idNumber', message: expect.stringMatching(/birth date .* future/) },
    ]);
    expect(issues(fileDisputeInput('2026-11-24'), filing({ idNumber: born }))).toEqual([]);
  });

  it('bounds remedies and categories, and refuses an event before the calendar', () => {
    const many = Array.from({ length: 20_000 }, () => ({ kind: 'APOLOGY' }));
    expect(paths(fileDisputeInput(today), filing({}, { remedies: many }))).toEqual(['remedies']);
    expect(paths(fileDisputeInput(today), filing({}, { categories: Array(12).fill('OTHER') }))).toEqual(['categories']);
    expect(paths(fileDisputeInput(today), filing({}, { occurredOn: '1897-12-31' }))).toEqual(['occurredOn']);
  });

  it('offer items and session attendees are bounded too', () => {
    const items = Array.from({ length: 51 }, () => ({ kind: 'APOLOGY', description: '道歉' }));
    expect(paths(mediationInputs.proposeSettlement, { items })).toEqual(['items']);
    expect(paths(mediationInputs.recordSession, { sessionId: 's', attendees: Array(51).fill('张三'), minutes: '纪要' })).toEqual(['attendees']);
  });
});
