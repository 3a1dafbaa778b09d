/**
 * graphql-js refuses variables of the wrong type before any resolver runs, with a message that
 * names the variable and, inside it, the path ('input.remedies[0].amountFen'). These become
 * BAD_USER_INPUT issues like those of the zod schemas ('input.remedies.0.amountFen'), so every
 * refusal of a value names its field whichever check refused it.
 */
import type { GraphQLError } from 'graphql';
import type { InputIssue } from '../shared/errors.ts';

const NOT_GIVEN = /^Variable "\$(\w+)" of (?:required|non-null) type "[^"]*" (?:was not provided|must not be null)\.$/;
const INVALID = /^Variable "\$(\w+)" got invalid value /;
// Names and indices only: the value shown before it cannot end like this (strings are quoted and escaped).
const AT_PATH = / at "(\w+(?:\.\w+|\[\d+\])*)"$/;

const FIELD = /^Field "(\w+)" (?:of required type "[^"]*" was not provided|is not defined by type)/;

const zodPath = (graphqlPath: string) => graphqlPath.replace(/\[(\d+)\]/g, '.$1');

export function variableIssues(error: GraphQLError): InputIssue[] | undefined {
  const missing = NOT_GIVEN.exec(error.message);
  if (missing) return [{ path: missing[1]!, message: '必填 / required' }];
  const invalid = INVALID.exec(error.message);
  if (!invalid) return undefined;
  // The message is `<what was given>[ at "<path>"]; <why>`; the why is the original error's message.
  const why = error.originalError?.message;
  const cut = why && error.message.endsWith(`; ${why}`) ? error.message.length - why.length - 2 : error.message.lastIndexOf('; ');
  const head = error.message.slice(0, cut);
  const at = AT_PATH.exec(head);
  const reason = error.message.slice(cut + 2);
  // A field missing from an input object, or one it does not have, is named in the reason.
  const field = FIELD.exec(reason)?.[1];
  return [{ path: zodPath([at ? at[1]! : invalid[1]!, field].filter(Boolean).join('.')), message: reason }];
}

/** graphql-js' "Did you mean ...?" hints, which tell a stranger the names of the schema. */
export const withoutSuggestions = (message: string) => message.replace(/\s*Did you mean [^?]*\?/g, '');
