/**
 * Depth and size limits on GraphQL documents, as one validation rule for both transports (HTTP and
 * WebSocket), so an oversized document is refused before anything runs. Every field selection counts,
 * fragments expanded and @skip/@include ignored: the result must not depend on variables, because
 * mercurius caches validation by the query text. Introspection counts like any other field: it is
 * cheap per field but not in bulk (a hundred aliases of __schema make megabytes).
 */
import { GraphQLError, Kind, Lexer, NoSchemaIntrospectionCustomRule, Source, TokenKind, type SelectionSetNode, type ValidationRule } from 'graphql';

export interface QueryLimits {
  maxDepth: number;
  maxFields: number;
}

interface Size {
  depth: number;
  fields: number;
}

export function queryLimitsRule({ maxDepth, maxFields }: QueryLimits): ValidationRule {
  return (context) => {
    // Memoised per fragment: a document cannot make the walk itself expensive by nesting spreads.
    const fragments = new Map<string, Size>();

    const measure = (set: SelectionSetNode, visiting: Set<string>): Size => {
      const size = { depth: 0, fields: 0 };
      for (const selection of set.selections) {
        let inner: Size;
        if (selection.kind === Kind.FIELD) {
          const below = selection.selectionSet ? measure(selection.selectionSet, visiting) : { depth: 0, fields: 0 };
          inner = { depth: below.depth + 1, fields: below.fields + 1 };
        } else if (selection.kind === Kind.INLINE_FRAGMENT) {
          inner = measure(selection.selectionSet, visiting);
        } else {
          inner = spread(selection.name.value, visiting);
        }
        size.depth = Math.max(size.depth, inner.depth);
        size.fields += inner.fields;
      }
      return size;
    };

    const spread = (name: string, visiting: Set<string>): Size => {
      const known = fragments.get(name);
      if (known) return known;
      const fragment = context.getFragment(name);
      // Unknown fragments and cycles are reported by the standard rules.
      if (!fragment || visiting.has(name)) return { depth: 0, fields: 0 };
      const size = measure(fragment.selectionSet, new Set([...visiting, name]));
      fragments.set(name, size);
      return size;
    };

    return {
      OperationDefinition(operation) {
        const { depth, fields } = measure(operation.selectionSet, new Set());
        if (depth > maxDepth) {
          context.reportError(new GraphQLError(`查询嵌套过深 / the query is nested ${depth} levels deep, more than ${maxDepth}`, { nodes: operation }));
        }
        if (fields > maxFields) {
          context.reportError(new GraphQLError(`查询过大 / the query selects ${fields} fields, more than ${maxFields}`, { nodes: operation }));
        }
      },
    };
  };
}

/** The rules of both transports: the limits, and no schema introspection unless configured on. */
export function documentRules(limits: QueryLimits & { introspection: boolean }): ValidationRule[] {
  return [queryLimitsRule(limits), ...(limits.introspection ? [] : [NoSchemaIntrospectionCustomRule])];
}

/** Brackets deeper than this refuse a document before it is parsed (no query of the schema needs 30). */
export const MAX_NESTING = 64;

/**
 * How deeply a document nests brackets ({ [ (), found by the lexer without recursion, so that a
 * 2,400-deep list literal is refused with a message instead of overflowing graphql-js' recursive
 * parser. Stops after `maxTokens` tokens: the parser refuses longer documents itself.
 */
export function nestingProblem(source: string, maxTokens: number): string | undefined {
  const lexer = new Lexer(new Source(source));
  let depth = 0;
  try {
    for (let n = 0; n <= maxTokens; n++) {
      const token = lexer.advance();
      if (token.kind === TokenKind.EOF) return undefined;
      if (token.kind === TokenKind.BRACE_L || token.kind === TokenKind.BRACKET_L || token.kind === TokenKind.PAREN_L) depth++;
      else if (token.kind === TokenKind.BRACE_R || token.kind === TokenKind.BRACKET_R || token.kind === TokenKind.PAREN_R) depth--;
      if (depth > MAX_NESTING) return `文档嵌套过深 / the document nests brackets more than ${MAX_NESTING} levels deep`;
    }
  } catch {
    // A syntax error: the parser reports it.
  }
  return undefined;
}
