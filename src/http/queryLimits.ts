/**
 * Depth and size limits on GraphQL documents, as one validation rule for both transports (HTTP and
 * WebSocket), so an oversized document is refused before anything runs. Every field selection counts,
 * fragments expanded and @skip/@include ignored: the result must not depend on variables, because
 * mercurius caches validation by the query text. Introspection is exempt (served from memory; its
 * size is bounded by the parser's token limit).
 */
import { GraphQLError, Kind, type SelectionSetNode, type ValidationRule } from 'graphql';

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
          if (selection.name.value.startsWith('__')) continue;
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
