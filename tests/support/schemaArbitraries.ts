/**
 * fast-check arbitraries for the arguments of every mutation of schema.graphql, found by walking
 * its input types: mostly plausible values (so requests get past the first check), mixed with
 * hostile ones (lone surrogates, controls, bidi overrides, invisible text, huge and fractional
 * numbers, dates outside the calendar, long lists, unknown and prototype keys, nulls and wrong types).
 */
import fc from 'fast-check';
import {
  buildSchema,
  GraphQLEnumType,
  GraphQLInputObjectType,
  GraphQLList,
  GraphQLNonNull,
  GraphQLScalarType,
  type GraphQLField,
  type GraphQLInputType,
} from 'graphql';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, USCC } from './server.ts';

export const SCHEMA = buildSchema(readFileSync(join(ROOT, 'schema.graphql'), 'utf8'));
export const MUTATIONS: ReadonlyArray<GraphQLField<unknown, unknown>> = Object.values(SCHEMA.getMutationType()!.getFields());

/** Strings no input may accept as they are. */
export const HOSTILE_STRINGS = [
  'x\ud800',
  '\udfff张三',
  '张\u0000三',
  '\u0007\u001b[31m',
  'abc\u202edcba',
  '\u2066x\u2069',
  '\u200b\u200b\u200b',
  '\u3000\ufeff',
  ' ',
  '',
  '\n\t',
  'x'.repeat(60_000),
] as const;

/** Values that pass the checks of a field of this name (the rest of the input may still fail). */
const PLAUSIBLE: Record<string, fc.Arbitrary<unknown>> = {
  phone: fc.constantFrom('13912341111', '+86 139-1234-2222'),
  idNumber: fc.constantFrom('11010519491231002X', '110105194912310021'),
  code: fc.constantFrom(...USCC, '91440300MA5F0JXC84'),
  email: fc.constantFrom('fuzz@test.cn', 'not-an-address'),
  link: fc.constantFrom('https://meet.example.cn/1', 'http://meet.example.cn/1', 'javascript:alert(1)'),
  agreementHash: fc.constantFrom('0'.repeat(64), 'g'.repeat(64)),
};

const plainString = fc.oneof(
  fc.constantFrom('张三', '玻尿酸注射', '深圳市福田区', '诊所退还费用', '(2026)粤0304民特88号', 'O\u2019Brien 👩‍⚕️'),
  fc.string({ maxLength: 30 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
);

export const hostileString = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
  { weight: 1, arbitrary: fc.tuple(plainString, fc.constantFrom(...HOSTILE_STRINGS.slice(0, 8)), plainString).map((p) => p.join('')) },
);

/** How often a value is hostile rather than plausible: low enough that most requests reach the checks past the first bad field. */
const HOSTILE = 1;
const PLAIN = 12;

const string = (name: string) =>
  fc.oneof({ weight: PLAIN, arbitrary: PLAUSIBLE[name] ?? plainString }, { weight: HOSTILE * 2, arbitrary: hostileString });

/** Days from the fixtures' today (2026-11-23): past for what happened, future for what is due. */
const PAST_DATES = new Set(['occurredOn', 'receivedOn', 'from']);
const day = (from: number, to: number) => fc.integer({ min: from, max: to }).map((d) => new Date(Date.UTC(2026, 10, 23 + d)).toISOString().slice(0, 10));
const date = (name: string) => fc.oneof(
  { weight: PLAIN, arbitrary: PAST_DATES.has(name) ? day(-400, 0) : day(0, 400) },
  { weight: HOSTILE, arbitrary: fc.constantFrom('1897-12-31', '1000-01-01', '1900-02-28', '2099-12-31', '9999-12-31', '2026-02-30', '2026-13-01', '26-1-1', '') },
  { weight: HOSTILE, arbitrary: hostileString },
);

const dateTime = fc.oneof(
  { weight: PLAIN, arbitrary: fc.integer({ min: 1, max: 2000 }).map((h) => new Date(Date.UTC(2026, 10, 23, 2) + h * 3_600_000).toISOString()) },
  { weight: HOSTILE, arbitrary: fc.constantFrom('2026-11-25T10:00:00+08:00', '1000-01-01T00:00:00Z', '9999-12-31T23:59:59Z', '2026-11-25T10:00:00', 'next Tuesday') },
  { weight: HOSTILE, arbitrary: hostileString },
);

const int = fc.oneof(
  { weight: PLAIN, arbitrary: fc.integer({ min: 0, max: 40 }) },
  { weight: HOSTILE, arbitrary: fc.constantFrom(2 ** 31, -(2 ** 31) - 1, 1e20, 1.5, '7') },
);

const fen = fc.oneof(
  { weight: PLAIN, arbitrary: fc.integer({ min: 0, max: 2_000_000 }) },
  { weight: HOSTILE, arbitrary: fc.constantFrom(10_000_000_000, 10_000_000_001, 2 ** 31, -1, 2 ** 53, 2 ** 53 + 2, 1e30, 0.5, '100', true) },
  { weight: HOSTILE, arbitrary: fc.maxSafeNat() },
);

/** Ids the fixtures hold, by the argument or field they are given for. */
export type Ids = (name: string) => fc.Arbitrary<string>;

const scalars: Record<string, (name: string, ids: Ids) => fc.Arbitrary<unknown>> = {
  String: string,
  ID: (name, ids) => fc.oneof({ weight: PLAIN, arbitrary: ids(name) }, { weight: HOSTILE, arbitrary: hostileString }),
  Int: () => int,
  Float: () => fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constantFrom(0.1, 1, 2)),
  Boolean: () => fc.oneof({ weight: PLAIN, arbitrary: fc.boolean() }, { weight: HOSTILE, arbitrary: fc.constantFrom('true', 0) }),
  Date: (name) => date(name),
  DateTime: () => dateTime,
  Fen: () => fen,
};

/** Keys a JSON body may carry that no input type declares. */
const STRAY_KEYS = ['__proto__', 'constructor', 'prototype', 'unknownField'];

/** The value of one argument or input field of `type`. */
export function valueOf(type: GraphQLInputType, name: string, ids: Ids, depth = 0, required = false): fc.Arbitrary<unknown> {
  if (type instanceof GraphQLNonNull) {
    return fc.oneof({ weight: PLAIN * 5, arbitrary: valueOf(type.ofType, name, ids, depth, true) }, { weight: HOSTILE, arbitrary: fc.constant(null) });
  }
  const nullable = (arbitrary: fc.Arbitrary<unknown>) =>
    required ? arbitrary : fc.oneof({ weight: PLAIN / 2, arbitrary }, { weight: 1, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.constant(undefined) });
  if (type instanceof GraphQLList) {
    const item = valueOf(type.ofType, name, ids, depth + 1);
    return nullable(
      fc.oneof(
        { weight: PLAIN, arbitrary: fc.array(item, { minLength: 1, maxLength: 3 }) },
        { weight: HOSTILE, arbitrary: fc.constant([]) },
        { weight: depth === 0 ? HOSTILE : 0, arbitrary: fc.array(item, { minLength: 51, maxLength: 70 }) },
      ),
    );
  }
  if (type instanceof GraphQLEnumType) {
    const values = type.getValues().map((v) => v.name);
    return nullable(fc.oneof({ weight: PLAIN, arbitrary: fc.constantFrom(...values) }, { weight: HOSTILE, arbitrary: hostileString }));
  }
  if (type instanceof GraphQLInputObjectType) {
    const fields = Object.values(type.getFields());
    const record = fc.record(Object.fromEntries(fields.map((f) => [f.name, valueOf(f.type, f.name, ids, depth + 1)])));
    // A key not in the type, as an own property (a spread defines `__proto__` rather than setting the prototype).
    const stray = fc.tuple(record, fc.constantFrom(...STRAY_KEYS)).map(([value, key]) => ({ ...value, ...JSON.parse(`{"${key}": {"polluted": true}}`) }));
    return nullable(fc.oneof({ weight: PLAIN * 2, arbitrary: record }, { weight: HOSTILE, arbitrary: stray }, { weight: HOSTILE, arbitrary: plainString }));
  }
  if (type instanceof GraphQLScalarType) {
    const scalar = scalars[type.name];
    if (!scalar) throw new Error(`no arbitrary for the scalar ${type.name}: add one`);
    return nullable(scalar(name, ids));
  }
  throw new Error(`unexpected input type ${String(type)}`);
}

export interface MutationRequest {
  mutation: string;
  query: string;
  variables: Record<string, unknown>;
}

/** One request of `field`, every argument passed as a variable of its declared type. */
export function requestOf(field: GraphQLField<unknown, unknown>, ids: Ids): fc.Arbitrary<MutationRequest> {
  const named = (t: { toString(): string }) => String(t).replace(/[[\]!]/g, '');
  const selection = SCHEMA.getType(named(field.type)) instanceof GraphQLScalarType || SCHEMA.getType(named(field.type)) instanceof GraphQLEnumType ? '' : ' { __typename }';
  const declared = field.args.map((a) => `$${a.name}: ${String(a.type)}`).join(', ');
  const passed = field.args.map((a) => `${a.name}: $${a.name}`).join(', ');
  const query = `mutation Fuzz${declared ? `(${declared})` : ''} { ${field.name}${passed ? `(${passed})` : ''}${selection} }`;
  const variables = fc.record(Object.fromEntries(field.args.map((a) => [a.name, valueOf(a.type, a.name, ids)])));
  return variables.map((v) => ({ mutation: field.name, query, variables: v as Record<string, unknown> }));
}
