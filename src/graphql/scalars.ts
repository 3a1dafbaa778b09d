/**
 * Custom scalars. `Fen`: an amount of money in whole fen, a JSON number. GraphQL's Int is 32-bit
 * (at most 21,474,836.47 yuan), below the platform's own limit (MAX_FEN, 10^10 fen) and below what
 * the damages calculator adds up; a Fen holds any safe integer. Its range is checked by each
 * input's zod schema, so the message names the field.
 */
import { GraphQLError, GraphQLScalarType, Kind, print, type ValueNode } from 'graphql';

const NOT_FEN = '金额须为以分为单位的整数 / an amount must be a whole number of fen';

function asFen(value: unknown): number {
  if (typeof value === 'number' && Number.isSafeInteger(value)) return value;
  if (typeof value === 'number' && Number.isInteger(value)) {
    throw new GraphQLError(`金额超出可精确表示的范围 / ${value} is beyond the exactly representable integers`);
  }
  throw new GraphQLError(`${NOT_FEN}: ${typeof value === 'string' ? JSON.stringify(value.slice(0, 40)) : String(value)}`);
}

export const Fen = new GraphQLScalarType<number, number>({
  name: 'Fen',
  description: 'An amount in whole fen (CNY cents), serialised as a JSON number.',
  serialize: (value) => {
    if (typeof value === 'number' && Number.isSafeInteger(value)) return value;
    throw new GraphQLError(`not an amount in fen: ${String(value)}`);
  },
  parseValue: asFen,
  // An int literal of any size parses; one beyond the safe integers is refused rather than rounded.
  parseLiteral: (node: ValueNode) => {
    if (node.kind !== Kind.INT) throw new GraphQLError(`${NOT_FEN}: ${print(node).slice(0, 40)}`, { nodes: node });
    return asFen(Number(node.value));
  },
});
